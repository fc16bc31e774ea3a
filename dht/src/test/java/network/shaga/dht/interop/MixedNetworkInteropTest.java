package network.shaga.dht.interop;

import static network.shaga.dht.interop.Bep44Check.ascii;
import static network.shaga.dht.interop.Bep44Check.randomBytes;
import static network.shaga.dht.interop.Bep44Check.sha1;
import static network.shaga.dht.interop.OurNodes.await;
import static network.shaga.dht.interop.ThirdPartyImplementation.BITTORRENT_DHT;
import static network.shaga.dht.interop.ThirdPartyImplementation.LIBTORRENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.Bencode;
import network.shaga.dht.DhtNode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A mixed loopback network of 4 of our nodes, 3 bittorrent-dht nodes and 2 libtorrent nodes:
 * whatever one implementation stores, every implementation finds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MixedNetworkInteropTest {

  private static final int OURS = 4;
  private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(20);
  private static final byte[] SALT = ascii("shaga/host/v1");

  private ThirdPartyDht btdht;
  private ThirdPartyDht libtorrent;
  private OurNodes ours;
  private KrpcProbe probe;
  private final List<Integer> btdhtPongs = new ArrayList<>();
  private final List<Integer> libtorrentPongs = new ArrayList<>();

  @BeforeAll
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void startMixedNetwork() throws InterruptedException, IOException {
    btdht = ThirdPartyDht.start(BITTORRENT_DHT, 3, List.of());
    libtorrent = ThirdPartyDht.start(LIBTORRENT, 2, btdht.nodes());
    for (InetSocketAddress address : libtorrent.nodes()) {
      btdht.addNode(address);
    }
    libtorrent.awaitTables(3, BOOTSTRAP_TIMEOUT);
    ours = new OurNodes();
    for (int i = 0; i < OURS; i++) {
      List<InetSocketAddress> bootstrap =
          new ArrayList<>(List.of(btdht.node(i % 3), libtorrent.node(i % 2)));
      bootstrap.addAll(ours.addresses());
      ours.start(bootstrap);
    }
    // Every third-party node pings every one of ours, so all tables hold all implementations.
    for (InetSocketAddress address : ours.addresses()) {
      btdhtPongs.add(btdht.addNode(address));
      libtorrentPongs.add(libtorrent.addNode(address));
    }
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
  void everyImplementationGetsAnswersFromEveryOther() {
    assertThat(btdhtPongs).as("bittorrent-dht nodes answered by each of ours").containsOnly(3);
    assertThat(libtorrentPongs).as("libtorrent nodes answered by each of ours").containsOnly(2);
    for (DhtNode node : ours.nodes()) {
      for (InetSocketAddress other : thirdPartyNodes()) {
        assertThat(await(node.ping(other))).as("%s -> %s", node.localAddress(), other).isPositive();
      }
      assertThat(node.stats().routingTableSize())
          .as("table of %s", node.localAddress())
          .isGreaterThanOrEqualTo(OURS - 1 + 5);
    }
  }

  @Test
  void mutableItemFromOurNodeIsReadByAllImplementations() {
    Ed25519KeyPair host = Ed25519KeyPair.generate();
    byte[] record =
        Bencode.encode(
            Map.of("geo", "gcpvj", "name", "mine", "st", "available", "ts", 1_764_201_600L));
    MutableItem item = MutableItem.sign(host, SALT, 1_764_201_600_000L, record);

    assertThat(await(ours.nodes().get(0).put(item)).acks()).isPositive();

    assertEveryImplementationReads(host.publicKey(), SALT, item.seq(), record);
  }

  @Test
  void mutableItemFromBittorrentDhtIsReadByAllImplementations() {
    byte[] record = Bencode.encode(Map.of("from", 2L, "via", "bittorrent-dht"));
    ThirdPartyDht.MutablePut put =
        btdht.putMutable(0, randomBytes(32), SALT, OptionalLong.of(99), record);

    assertThat(put.stored()).isPositive();
    assertEveryImplementationReads(put.publicKey(), SALT, 99, record);
  }

  @Test
  void mutableItemFromLibtorrentIsReadByAllImplementations() {
    byte[] salt = randomBytes(20);
    byte[] value = Bencode.encode("stored via libtorrent");
    ThirdPartyDht.MutablePut put =
        libtorrent.putMutable(1, randomBytes(32), salt, OptionalLong.empty(), value);

    assertThat(put.stored()).isPositive();
    assertEveryImplementationReads(put.publicKey(), salt, put.seq(), value);
  }

  @Test
  void hostRecordUpdatesAreSeenEverywhere() {
    Ed25519KeyPair host = Ed25519KeyPair.generate();
    DhtNode hostNode = ours.nodes().get(3);
    byte[] available = Bencode.encode(Map.of("st", "available", "ts", 1_764_201_600L));
    byte[] busy = Bencode.encode(Map.of("st", "busy", "ts", 1_764_201_630L));
    await(hostNode.put(MutableItem.sign(host, SALT, 1_764_201_600_000L, available)));
    assertEveryImplementationReads(host.publicKey(), SALT, 1_764_201_600_000L, available);

    await(hostNode.put(MutableItem.sign(host, SALT, 1_764_201_630_000L, busy)));

    assertEveryImplementationReads(host.publicKey(), SALT, 1_764_201_630_000L, busy);
  }

  @Test
  void immutableItemsFromEveryImplementationAreReadByAllOthers() {
    byte[] fromOurs = Bencode.encode(Map.of("nonce", randomBytes(10), "side", 0L));
    byte[] fromBtdht = Bencode.encode(Map.of("nonce", randomBytes(10), "side", 1L));
    byte[] fromLibtorrent = Bencode.encode(Map.of("nonce", randomBytes(10), "side", 2L));

    await(ours.nodes().get(1).putImmutable(fromOurs));
    btdht.putImmutable(1, fromBtdht);
    libtorrent.putImmutable(0, fromLibtorrent);

    for (byte[] value : List.of(fromOurs, fromBtdht, fromLibtorrent)) {
      byte[] target = sha1(value);
      for (DhtNode node : ours.nodes()) {
        assertThat(await(node.getImmutable(target)))
            .as("ours %s", node.localAddress())
            .hasValue(value);
      }
      assertThat(btdht.getImmutable(2, target)).as("bittorrent-dht").hasValue(value);
      assertThat(libtorrent.getImmutable(1, target)).as("libtorrent").hasValue(value);
    }
  }

  @Test
  void announcesFromEveryImplementationAreFoundByAllOthers() {
    byte[] cell = sha1(ascii("shaga/cell/v1/gcp"), randomBytes(4));
    int ourPort = 47_900;
    int btdhtPort = 47_901;

    await(ours.nodes().get(2).announce(cell, ourPort, null));
    btdht.announce(1, cell, btdhtPort);
    int libtorrentPort = libtorrent.announce(0, cell, 0).port();

    InetSocketAddress[] all = {
      new InetSocketAddress("127.0.0.1", ourPort),
      new InetSocketAddress("127.0.0.1", btdhtPort),
      new InetSocketAddress("127.0.0.1", libtorrentPort)
    };
    for (DhtNode node : ours.nodes()) {
      assertThat(await(node.getPeers(cell))).as("ours %s", node.localAddress()).contains(all);
    }
    assertThat(btdht.getPeers(2, cell)).as("bittorrent-dht").contains(all);
    assertThat(libtorrent.getPeers(1, cell)).as("libtorrent").contains(all);
  }

  @Test
  void shagaRemovalEmptiesOurNodesWhileThirdPartiesKeepThePeer() throws IOException {
    byte[] cell = sha1(ascii("shaga/cell/v1/u0"), randomBytes(4));
    InetSocketAddress host = new InetSocketAddress("127.0.0.1", 47_950);
    DhtNode announcer = ours.nodes().get(0);
    await(announcer.announce(cell, host.getPort(), Duration.ofSeconds(60)));
    assertThat(nodesServing(cell, host))
        .as("after the announce")
        .containsAll(ours.addresses().subList(1, OURS));

    await(announcer.announce(cell, host.getPort(), Duration.ZERO));

    List<InetSocketAddress> serving = nodesServing(cell, host);
    assertThat(serving).as("our nodes honour ttl 0").doesNotContainAnyElementsOf(ours.addresses());
    assertThat(serving)
        .as("third parties do not know the extension: to them it is another announce")
        .isNotEmpty()
        .isSubsetOf(thirdPartyNodes());
  }

  /**
   * Every node (ours and theirs) that, asked directly, returns {@code peer} for {@code infohash}.
   */
  private List<InetSocketAddress> nodesServing(byte[] infohash, InetSocketAddress peer)
      throws IOException {
    List<InetSocketAddress> all = new ArrayList<>(ours.addresses());
    all.addAll(thirdPartyNodes());
    List<InetSocketAddress> serving = new ArrayList<>();
    for (InetSocketAddress node : all) {
      if (probe.response(node, new Request.GetPeers(NodeId.of(infohash))).values().contains(peer)) {
        serving.add(node);
      }
    }
    return serving;
  }

  private void assertEveryImplementationReads(
      byte[] publicKey, byte[] salt, long seq, byte[] value) {
    for (DhtNode node : ours.nodes()) {
      MutableItem read =
          await(node.get(publicKey, salt))
              .orElseThrow(
                  () -> new AssertionError("our node " + node.localAddress() + " found nothing"));
      assertThat(read.value()).as("ours %s", node.localAddress()).isEqualTo(value);
      assertThat(read.seq()).as("ours %s", node.localAddress()).isEqualTo(seq);
      assertThat(read.verify()).isTrue();
    }
    for (ThirdPartyDht dht : List.of(btdht, libtorrent)) {
      for (int i = 0; i < dht.nodes().size(); i++) {
        ThirdPartyDht.MutableValue read =
            dht.getMutable(i, publicKey, salt)
                .orElseThrow(
                    () -> new AssertionError(dht.implementation().id() + " found nothing"));
        assertThat(read.bencodedValue()).as(dht.implementation().id()).isEqualTo(value);
        assertThat(read.seq()).as(dht.implementation().id()).isEqualTo(seq);
      }
    }
  }

  private List<InetSocketAddress> thirdPartyNodes() {
    List<InetSocketAddress> all = new ArrayList<>(btdht.nodes());
    all.addAll(libtorrent.nodes());
    return all;
  }
}
