package network.shaga.dht.interop;

import static network.shaga.dht.interop.Bep44Check.randomBytes;
import static network.shaga.dht.interop.Bep44Check.sha1;
import static network.shaga.dht.interop.OurNodes.await;
import static network.shaga.dht.interop.ThirdPartyImplementation.BITTORRENT_DHT;
import static network.shaga.dht.interop.ThirdPartyImplementation.LIBTORRENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.Bencode;
import network.shaga.dht.DhtNode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * BEP 44 at its edges, across implementations: the largest value (1000 bencoded bytes), the longest
 * salt (64 bytes), no salt at all, and values that are neither strings nor dicts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class Bep44LimitsInteropTest {

  private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(20);
  private static final int MAX_VALUE = MutableItem.MAX_VALUE_BYTES;

  private ThirdPartyDht btdht;
  private ThirdPartyDht libtorrent;
  private OurNodes ours;
  private DhtNode writer;
  private DhtNode reader;

  @BeforeAll
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void startNetwork() throws InterruptedException {
    btdht = ThirdPartyDht.start(BITTORRENT_DHT, 2, List.of());
    libtorrent = ThirdPartyDht.start(LIBTORRENT, 1, btdht.nodes());
    btdht.addNode(libtorrent.node(0));
    ours = new OurNodes();
    writer = ours.start(List.of(btdht.node(0), libtorrent.node(0)));
    reader = ours.start(List.of(btdht.node(1), writer.localAddress()));
    for (InetSocketAddress address : ours.addresses()) {
      btdht.addNode(address);
      libtorrent.addNode(address);
    }
    libtorrent.awaitTables(4, BOOTSTRAP_TIMEOUT);
  }

  @AfterAll
  void stopAll() {
    if (ours != null) {
      ours.close();
    }
    if (libtorrent != null) {
      libtorrent.close();
    }
    if (btdht != null) {
      btdht.close();
    }
  }

  @Test
  void largestMutableValueFromUsIsReadByThem() {
    byte[] value = bencodedStringOfLength(MAX_VALUE);
    byte[] salt = randomBytes(MutableItem.MAX_SALT_BYTES);
    Ed25519KeyPair key = Ed25519KeyPair.generate();

    assertThat(await(writer.put(MutableItem.sign(key, salt, 1, value))).acks()).isPositive();

    assertThat(btdht.getMutable(1, key.publicKey(), salt))
        .map(ThirdPartyDht.MutableValue::bencodedValue)
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
    assertThat(libtorrent.getMutable(0, key.publicKey(), salt))
        .map(ThirdPartyDht.MutableValue::bencodedValue)
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
  }

  @Test
  void largestMutableValuesFromThemAreReadByUs() {
    byte[] dict = bencodedDictOfLength(MAX_VALUE);
    byte[] string = bencodedStringOfLength(MAX_VALUE);
    byte[] longSalt = randomBytes(MutableItem.MAX_SALT_BYTES);
    ThirdPartyDht.MutablePut byBtdht =
        btdht.putMutable(0, randomBytes(32), longSalt, OptionalLong.of(3), dict);
    ThirdPartyDht.MutablePut byLibtorrent =
        libtorrent.putMutable(0, randomBytes(32), longSalt, OptionalLong.empty(), string);

    assertThat(await(reader.get(byBtdht.publicKey(), longSalt)))
        .map(MutableItem::value)
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(dict));
    assertThat(await(reader.get(byLibtorrent.publicKey(), longSalt)))
        .map(MutableItem::value)
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(string));
  }

  @Test
  void largestImmutableValuesCrossBothWays() {
    byte[] ours = bencodedDictOfLength(MAX_VALUE);
    byte[] theirs = bencodedDictOfLength(MAX_VALUE);
    byte[] libtorrents = bencodedStringOfLength(MAX_VALUE);

    assertThat(await(writer.putImmutable(ours)).acks()).isPositive();
    btdht.putImmutable(0, theirs);
    libtorrent.putImmutable(0, libtorrents);

    assertThat(btdht.getImmutable(1, sha1(ours))).hasValue(ours);
    assertThat(libtorrent.getImmutable(0, sha1(ours))).hasValue(ours);
    assertThat(await(reader.getImmutable(sha1(theirs)))).hasValue(theirs);
    assertThat(await(reader.getImmutable(sha1(libtorrents)))).hasValue(libtorrents);
  }

  @Test
  void itemsWithoutSaltCrossBothWays() {
    byte[] empty = new byte[0];
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    byte[] ourValue = Bencode.encode(Map.of("salt", "none"));
    assertThat(await(writer.put(MutableItem.sign(key, empty, 9, ourValue))).acks()).isPositive();
    ThirdPartyDht.MutablePut theirs =
        libtorrent.putMutable(
            0, randomBytes(32), empty, OptionalLong.empty(), Bencode.encode("no salt"));

    assertThat(btdht.getMutable(0, key.publicKey(), empty))
        .map(ThirdPartyDht.MutableValue::seq)
        .hasValue(9L);
    assertThat(libtorrent.getMutable(0, key.publicKey(), empty))
        .map(ThirdPartyDht.MutableValue::seq)
        .hasValue(9L);
    assertThat(theirs.target()).isEqualTo(sha1(theirs.publicKey()));
    assertThat(await(reader.get(theirs.publicKey(), empty)))
        .map(MutableItem::value)
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(Bencode.encode("no salt")));
  }

  @Test
  void integerAndListValuesCrossBothWays() {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    byte[] salt = randomBytes(4);
    byte[] integer = Bencode.encode(-1_764_201_600_000L);
    byte[] list = Bencode.encode(List.of(1L, "two", List.of(3L), Map.of("four", 4L)));

    assertThat(await(writer.put(MutableItem.sign(key, salt, 1, integer))).acks()).isPositive();
    ThirdPartyDht.MutablePut theirs =
        btdht.putMutable(1, randomBytes(32), salt, OptionalLong.of(1), list);

    assertThat(libtorrent.getMutable(0, key.publicKey(), salt))
        .map(ThirdPartyDht.MutableValue::bencodedValue)
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(integer));
    assertThat(btdht.getMutable(0, key.publicKey(), salt))
        .map(ThirdPartyDht.MutableValue::bencodedValue)
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(integer));
    assertThat(await(reader.get(theirs.publicKey(), salt)))
        .map(MutableItem::value)
        .hasValueSatisfying(v -> assertThat(v).isEqualTo(list));
  }

  /** A bencoded byte string whose encoding is exactly {@code length} bytes. */
  private static byte[] bencodedStringOfLength(int length) {
    int payload = length - 2;
    while (Integer.toString(payload).length() + 1 + payload > length) {
      payload--;
    }
    byte[] text = new byte[payload];
    Arrays.fill(text, (byte) 'x');
    System.arraycopy(randomHexBytes(), 0, text, 0, 16);
    byte[] encoded = Bencode.encode(text);
    assertThat(encoded).hasSize(length);
    return encoded;
  }

  /**
   * A bencoded dict {"nonce": 16 bytes, "pad": string} whose encoding is exactly {@code length}
   * bytes.
   */
  private static byte[] bencodedDictOfLength(int length) {
    byte[] base = Bencode.encode(Map.of("nonce", randomHexBytes(), "pad", ""));
    int padding = length - base.length;
    while (Bencode.encode(Map.of("nonce", new byte[16], "pad", "x".repeat(padding))).length
        > length) {
      padding--;
    }
    byte[] encoded = Bencode.encode(Map.of("nonce", randomHexBytes(), "pad", "x".repeat(padding)));
    assertThat(encoded).hasSize(length);
    return encoded;
  }

  private static byte[] randomHexBytes() {
    return HexFormat.of().formatHex(randomBytes(8)).getBytes(StandardCharsets.US_ASCII);
  }
}
