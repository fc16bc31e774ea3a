package network.shaga.dht.interop;

import static network.shaga.dht.interop.Bep44Check.ascii;
import static network.shaga.dht.interop.Bep44Check.randomBytes;
import static network.shaga.dht.interop.Bep44Check.sha1;
import static network.shaga.dht.interop.Bep44Check.signatureValid;
import static network.shaga.dht.interop.ThirdPartyImplementation.BITTORRENT_DHT;
import static network.shaga.dht.interop.ThirdPartyImplementation.LIBTORRENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.Bencode;
import network.shaga.dht.DhtNode;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The server side of our node: one bittorrent-dht node and one libtorrent node store on it (our
 * write tokens, their signatures, implied ports), and a probe then asks our node directly what it
 * holds, so nothing could have come from a third party's own store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OurNodeStoresForThemTest {

  private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(20);

  private ThirdPartyDht btdht;
  private ThirdPartyDht libtorrent;
  private OurNodes ours;
  private DhtNode node;
  private KrpcProbe probe;

  @BeforeAll
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void startThreeNodes() throws InterruptedException, IOException {
    ours = new OurNodes();
    node = ours.start(List.of());
    btdht = ThirdPartyDht.start(BITTORRENT_DHT, 1, List.of(node.localAddress()));
    libtorrent = ThirdPartyDht.start(LIBTORRENT, 1, List.of(node.localAddress(), btdht.node(0)));
    btdht.addNode(libtorrent.node(0));
    btdht.awaitTables(2, BOOTSTRAP_TIMEOUT);
    libtorrent.awaitTables(2, BOOTSTRAP_TIMEOUT);
    probe = new KrpcProbe(new SecureRandom());
  }

  @AfterAll
  void stopAll() {
    if (probe != null) {
      probe.close();
    }
    if (libtorrent != null) {
      libtorrent.close();
    }
    if (btdht != null) {
      btdht.close();
    }
    if (ours != null) {
      ours.close();
    }
  }

  @Test
  void ourNodeStoresMutableItemsTheySign() throws IOException {
    byte[] salt = ascii("shaga/host/v1");
    byte[] record = Bencode.encode(Map.of("name", "their host", "st", "available"));
    byte[] string = Bencode.encode("libtorrent value");
    ThirdPartyDht.MutablePut byBtdht =
        btdht.putMutable(0, randomBytes(32), salt, OptionalLong.of(1234), record);
    ThirdPartyDht.MutablePut byLibtorrent =
        libtorrent.putMutable(0, randomBytes(32), salt, OptionalLong.empty(), string);

    KrpcResponse fromBtdht =
        probe.response(node.localAddress(), new Request.Get(NodeId.of(byBtdht.target()), null));
    KrpcResponse fromLibtorrent =
        probe.response(
            node.localAddress(), new Request.Get(NodeId.of(byLibtorrent.target()), null));

    assertThat(fromBtdht.value()).isEqualTo(record);
    assertThat(fromBtdht.seq()).isEqualTo(1234);
    assertThat(fromBtdht.key()).isEqualTo(byBtdht.publicKey());
    assertThat(signatureValid(fromBtdht.key(), salt, 1234, record, fromBtdht.signature())).isTrue();
    assertThat(fromLibtorrent.value()).isEqualTo(string);
    assertThat(fromLibtorrent.seq()).isEqualTo(byLibtorrent.seq());
    assertThat(
            signatureValid(
                fromLibtorrent.key(), salt, byLibtorrent.seq(), string, fromLibtorrent.signature()))
        .isTrue();
  }

  @Test
  void ourNodeStoresImmutableItemsTheyPut() throws IOException {
    byte[] fromBtdht = Bencode.encode(List.of("bittorrent-dht", randomBytes(8)));
    byte[] fromLibtorrent = Bencode.encode(Map.of("by", "libtorrent", "nonce", randomBytes(8)));
    btdht.putImmutable(0, fromBtdht);
    libtorrent.putImmutable(0, fromLibtorrent);

    for (byte[] value : List.of(fromBtdht, fromLibtorrent)) {
      KrpcResponse held =
          probe.response(node.localAddress(), new Request.Get(NodeId.of(sha1(value)), null));
      assertThat(held.value()).isEqualTo(value);
    }
  }

  @Test
  void ourNodeStoresTheirAnnouncesWithExplicitAndImpliedPorts() throws IOException {
    byte[] infohash = randomBytes(20);
    btdht.announce(0, infohash, 51_413);
    byte[] impliedInfohash = randomBytes(20);
    ThirdPartyDht.Announced btdhtImplied = btdht.announce(0, impliedInfohash, 0);
    ThirdPartyDht.Announced libtorrentImplied = libtorrent.announce(0, impliedInfohash, 0);

    List<InetSocketAddress> explicit =
        probe.response(node.localAddress(), new Request.GetPeers(NodeId.of(infohash))).values();
    List<InetSocketAddress> implied =
        probe
            .response(node.localAddress(), new Request.GetPeers(NodeId.of(impliedInfohash)))
            .values();

    assertThat(explicit).contains(new InetSocketAddress("127.0.0.1", 51_413));
    assertThat(btdhtImplied.port()).isEqualTo(btdht.node(0).getPort());
    assertThat(implied)
        .contains(
            new InetSocketAddress("127.0.0.1", btdhtImplied.port()),
            new InetSocketAddress("127.0.0.1", libtorrentImplied.port()));
  }

  @Test
  void ourNodeAndLibtorrentRefuseAStaleSeqWithAnErrorBittorrentDhtUnderstands() {
    byte[] seed = randomBytes(32);
    byte[] salt = randomBytes(6);
    btdht.putMutable(0, seed, salt, OptionalLong.of(5), ascii("4:five"));

    assertThatThrownBy(() -> btdht.putMutable(0, seed, salt, OptionalLong.of(4), ascii("4:four")))
        .isInstanceOf(HarnessException.class)
        .hasMessageContaining("302");
  }

  @Test
  void ourNodeRefusesAPutWithAWrongCas() throws IOException {
    byte[] seed = randomBytes(32);
    byte[] salt = randomBytes(6);
    ThirdPartyDht.MutablePut first =
        btdht.putMutable(0, seed, salt, OptionalLong.of(1), ascii("5:first"));

    assertThatThrownBy(
            () ->
                btdht.call(
                    ThirdPartyDht.command("put_mutable")
                        .put("seed", hex(seed))
                        .put("salt_hex", hex(salt))
                        .put("seq", 2)
                        .put("cas", 7)
                        .put("v_hex", hex(ascii("6:second")))))
        .isInstanceOf(HarnessException.class)
        .hasMessageContaining("301");
    KrpcResponse held =
        probe.response(node.localAddress(), new Request.Get(NodeId.of(first.target()), null));
    assertThat(held.seq()).isEqualTo(1);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
