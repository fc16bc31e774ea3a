package network.shaga.dht.interop;

import static network.shaga.dht.interop.Bep44Check.ascii;
import static network.shaga.dht.interop.Bep44Check.randomBytes;
import static network.shaga.dht.interop.Bep44Check.sha1;
import static network.shaga.dht.interop.Bep44Check.signatureValid;
import static network.shaga.dht.interop.OurNodes.await;
import static network.shaga.dht.interop.ThirdPartyImplementation.BITTORRENT_DHT;
import static network.shaga.dht.interop.ThirdPartyImplementation.LIBTORRENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.DhtNode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import network.shaga.dht.NodeId;
import network.shaga.dht.StoreResult;
import network.shaga.dht.krpc.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * One of our nodes joins a network of third-party nodes only (3 bittorrent-dht, 2 libtorrent): it
 * must find what they stored before it existed, and they must find what it stores, so every byte
 * crosses between implementations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OurNodeAmongThirdPartiesTest {

  private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(20);
  private static final byte[] SALT = ascii("shaga/host/v1");
  private static final byte[] HOST_RECORD =
      ascii("d3:geo5:u09tv2:hbi30e4:name7:Rig 42a5:pricei2500000e2:st9:available2:tsi1764201600ee");

  private ThirdPartyDht btdht;
  private ThirdPartyDht libtorrent;
  private OurNodes ours;
  private DhtNode node;
  private KrpcProbe probe;

  private final byte[] infohashTheyAnnounced = randomBytes(20);
  private final int btdhtPeerPort = 30_000 + (infohashTheyAnnounced[0] & 0xff);
  private ThirdPartyDht.Announced libtorrentAnnounce;
  private ThirdPartyDht.MutablePut btdhtMutable;
  private ThirdPartyDht.MutablePut libtorrentMutable;
  private final byte[] libtorrentMutableValue = ascii("15:libtorrent data");
  private final byte[] libtorrentMutableSalt = randomBytes(10);
  private final byte[] btdhtImmutable = ascii("d4:fromi1e4:spam4:eggse");
  private final byte[] libtorrentImmutable = ascii("li1ei2ei3e2:lte");

  @BeforeAll
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void thirdPartiesStoreBeforeOurNodeJoins() throws InterruptedException, IOException {
    btdht = ThirdPartyDht.start(BITTORRENT_DHT, 3, List.of());
    libtorrent = ThirdPartyDht.start(LIBTORRENT, 2, btdht.nodes());
    for (InetSocketAddress address : libtorrent.nodes()) {
      btdht.addNode(address);
    }
    libtorrent.awaitTables(3, BOOTSTRAP_TIMEOUT);
    btdht.awaitTables(3, BOOTSTRAP_TIMEOUT);

    btdhtMutable =
        btdht.putMutable(1, randomBytes(32), SALT, OptionalLong.of(1_764_201_600L), HOST_RECORD);
    libtorrentMutable =
        libtorrent.putMutable(
            0,
            randomBytes(32),
            libtorrentMutableSalt,
            OptionalLong.empty(),
            libtorrentMutableValue);
    btdht.putImmutable(2, btdhtImmutable);
    libtorrent.putImmutable(1, libtorrentImmutable);
    btdht.announce(0, infohashTheyAnnounced, btdhtPeerPort);
    libtorrentAnnounce = libtorrent.announce(1, infohashTheyAnnounced, 0);

    ours = new OurNodes();
    node = ours.start(List.of(btdht.node(0), libtorrent.node(0)));
    probe = new KrpcProbe(new SecureRandom());
  }

  @AfterAll
  void stopAll() {
    if (probe != null) {
      probe.close();
    }
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
  void ourNodeLearnsEveryThirdPartyNode() {
    // At least: bittorrent-dht also hands out the probe of these tests (it ignores BEP 43 ro).
    assertThat(node.stats().routingTableSize()).isGreaterThanOrEqualTo(5);
  }

  @Test
  void mutableItemPutByBittorrentDhtIsFoundByOurNode() {
    MutableItem item = await(node.get(btdhtMutable.publicKey(), SALT)).orElseThrow();

    assertThat(item.value()).isEqualTo(HOST_RECORD);
    assertThat(item.seq()).isEqualTo(1_764_201_600L);
    assertThat(item.verify()).isTrue();
    assertThat(item.target()).isEqualTo(btdhtMutable.target());
  }

  @Test
  void mutableItemPutByLibtorrentIsFoundByOurNode() {
    MutableItem item =
        await(node.get(libtorrentMutable.publicKey(), libtorrentMutableSalt)).orElseThrow();

    assertThat(item.value()).isEqualTo(libtorrentMutableValue);
    assertThat(item.seq()).isEqualTo(libtorrentMutable.seq());
    assertThat(
            signatureValid(
                item.publicKey(),
                libtorrentMutableSalt,
                item.seq(),
                item.value(),
                item.signature()))
        .isTrue();
  }

  @Test
  void immutableItemsPutByThemAreFoundByOurNode() {
    assertThat(await(node.getImmutable(sha1(btdhtImmutable)))).hasValue(btdhtImmutable);
    assertThat(await(node.getImmutable(sha1(libtorrentImmutable)))).hasValue(libtorrentImmutable);
  }

  @Test
  void peersAnnouncedByThemAreFoundByOurNode() {
    assertThat(await(node.getPeers(infohashTheyAnnounced)))
        .contains(
            new InetSocketAddress("127.0.0.1", btdhtPeerPort),
            new InetSocketAddress("127.0.0.1", libtorrentAnnounce.port()));
  }

  @Test
  void mutableItemPutByOurNodeIsFoundByThem() throws IOException {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    MutableItem item = MutableItem.sign(key, SALT, 1_764_201_630_000L, HOST_RECORD);

    StoreResult stored = await(node.put(item));

    assertThat(stored.acks()).isPositive();
    assertEachImplementationServes(item.targetId(), item.value(), stored);
    for (ThirdPartyDht dht : List.of(btdht, libtorrent)) {
      ThirdPartyDht.MutableValue read = dht.getMutable(1, key.publicKey(), SALT).orElseThrow();
      assertThat(read.bencodedValue()).as(dht.implementation().id()).isEqualTo(HOST_RECORD);
      assertThat(read.seq()).as(dht.implementation().id()).isEqualTo(item.seq());
      assertThat(read.signature()).as(dht.implementation().id()).isEqualTo(item.signature());
    }
  }

  @Test
  void immutableItemPutByOurNodeIsFoundByThem() throws IOException {
    byte[] value =
        ascii("d5:nonce20:" + HexFormat.of().formatHex(randomBytes(10)) + "5:owner4:ourse");

    StoreResult stored = await(node.putImmutable(value));

    assertThat(stored.acks()).isPositive();
    assertThat(stored.target().toBytes()).isEqualTo(sha1(value));
    assertEachImplementationServes(stored.target(), value, stored);
    assertThat(btdht.getImmutable(2, sha1(value))).hasValue(value);
    assertThat(libtorrent.getImmutable(0, sha1(value))).hasValue(value);
  }

  @Test
  void peerAnnouncedByOurNodeIsFoundByThem() throws IOException {
    byte[] infohash = sha1(ascii("shaga/cell/v1/u0"), randomBytes(4));

    StoreResult stored = await(node.announce(infohash, 47_900, null));

    assertThat(stored.acks()).isPositive();
    InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 47_900);
    assertEachImplementationServes(NodeId.of(infohash), peer, stored);
    assertThat(btdht.getPeers(1, infohash)).contains(peer);
    assertThat(libtorrent.getPeers(1, infohash)).contains(peer);
  }

  @Test
  void shagaTtlExtensionIsIgnoredByThemWithoutHarm() throws IOException {
    byte[] infohash = randomBytes(20);
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    MutableItem item = MutableItem.sign(key, SALT, 7, ascii("4:beat"));

    StoreResult announced = await(node.announce(infohash, 47_901, Duration.ofSeconds(60)));
    StoreResult put = await(node.put(item, null, Duration.ofSeconds(60)));

    assertThat(announced.acks()).isPositive();
    assertThat(put.acks()).isPositive();
    assertEachImplementationServes(
        NodeId.of(infohash), new InetSocketAddress("127.0.0.1", 47_901), announced);
    assertEachImplementationServes(item.targetId(), item.value(), put);
    assertThat(btdht.getPeers(2, infohash)).contains(new InetSocketAddress("127.0.0.1", 47_901));
    assertThat(libtorrent.getMutable(0, key.publicKey(), SALT))
        .map(ThirdPartyDht.MutableValue::seq)
        .hasValue(7L);
  }

  @Test
  void seqRulesAreTheSameOnBothSides() {
    byte[] seed = randomBytes(32);
    Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
    byte[] salt = ascii("seq-rules");
    btdht.putMutable(0, seed, salt, OptionalLong.of(10), ascii("3:ten"));

    StoreResult newer = await(node.put(MutableItem.sign(key, salt, 11, ascii("6:eleven"))));
    StoreResult older = await(node.put(MutableItem.sign(key, salt, 3, ascii("5:three"))));
    StoreResult wrongCas =
        await(node.put(MutableItem.sign(key, salt, 12, ascii("6:twelve")), 5L, null));

    assertThat(newer.acks()).isPositive();
    assertThat(older.acks()).as("seq 3 after 11 is refused (302) by every node").isZero();
    assertThat(wrongCas.acks()).as("cas 5 while seq is 11 is refused (301) by every node").isZero();
    assertThat(await(node.get(key.publicKey(), salt))).map(MutableItem::seq).hasValue(11L);
    assertThat(btdht.getMutable(2, key.publicKey(), salt))
        .map(ThirdPartyDht.MutableValue::seq)
        .hasValue(11L);
    assertThat(libtorrent.getMutable(1, key.publicKey(), salt))
        .map(ThirdPartyDht.MutableValue::seq)
        .hasValue(11L);
  }

  /**
   * Asks the third-party nodes directly (not through a lookup) and requires that at least one node
   * of each implementation serves the item: acks alone cannot tell which side stored it.
   */
  private void assertEachImplementationServes(NodeId target, byte[] value, StoreResult stored)
      throws IOException {
    for (ThirdPartyDht dht : List.of(btdht, libtorrent)) {
      List<byte[]> served = new ArrayList<>();
      for (InetSocketAddress address : dht.nodes()) {
        byte[] v = probe.response(address, new Request.Get(target, null)).value();
        if (v != null) {
          served.add(v);
        }
      }
      assertThat(served)
          .as("values served by %s nodes after %s", dht.implementation().id(), stored)
          .isNotEmpty()
          .allSatisfy(v -> assertThat(v).isEqualTo(value));
    }
  }

  private void assertEachImplementationServes(
      NodeId infohash, InetSocketAddress peer, StoreResult stored) throws IOException {
    for (ThirdPartyDht dht : List.of(btdht, libtorrent)) {
      Set<InetSocketAddress> served = new HashSet<>();
      for (InetSocketAddress address : dht.nodes()) {
        served.addAll(probe.response(address, new Request.GetPeers(infohash)).values());
      }
      assertThat(served)
          .as("peers served by %s nodes after %s", dht.implementation().id(), stored)
          .contains(peer);
    }
  }
}
