package network.shaga.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DhtNodeNetworkTest {
  private static final int NODES = 60;
  private LocalSwarm swarm;

  @BeforeAll
  void startSwarm() throws Exception {
    swarm = new LocalSwarm(2).start(NODES, b -> b);
  }

  @AfterAll
  void stopSwarm() {
    swarm.close();
  }

  private static byte[] bencodedString(String s) {
    return Bencode.encode(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyNodeKnowsOthersAfterBootstrap() {
    for (DhtNode node : swarm.nodes) {
      assertThat(node.stats().routingTableSize()).as(node.id().toString()).isGreaterThan(5);
    }
  }

  @Test
  void pingMeasuresRoundTrip() throws Exception {
    Duration rtt = swarm.get(3).ping(swarm.get(40).localAddress()).get(5, TimeUnit.SECONDS);
    assertThat(rtt).isPositive().isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void mutableItemPutOnOneNodeIsFoundFromAnother() throws Exception {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    byte[] salt = "record".getBytes(StandardCharsets.UTF_8);
    MutableItem v1 = MutableItem.sign(key, salt, 1, bencodedString("first"));
    StoreResult stored = swarm.get(5).put(v1).get(10, TimeUnit.SECONDS);
    assertThat(stored.attempted()).isEqualTo(8);
    assertThat(stored.acks()).isGreaterThanOrEqualTo(6);
    assertThat(stored.target()).isEqualTo(v1.targetId());

    Optional<MutableItem> got = swarm.get(50).get(key.publicKey(), salt).get(10, TimeUnit.SECONDS);
    assertThat(got).contains(v1);

    MutableItem v2 = MutableItem.sign(key, salt, 2, bencodedString("second"));
    assertThat(swarm.get(5).put(v2).get(10, TimeUnit.SECONDS).acks()).isGreaterThanOrEqualTo(6);
    assertThat(swarm.get(33).get(key.publicKey(), salt).get(10, TimeUnit.SECONDS)).contains(v2);

    // An older version is refused by every node holding the newer one; only a node that the
    // earlier puts missed (e.g. it was slow to answer then) may take it as its first copy.
    assertThat(swarm.get(7).put(v1).get(10, TimeUnit.SECONDS).acks()).isLessThanOrEqualTo(2);
    assertThat(swarm.get(20).get(key.publicKey(), salt).get(10, TimeUnit.SECONDS)).contains(v2);
  }

  @Test
  void missingItemsAreEmpty() throws Exception {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    assertThat(swarm.get(9).get(key.publicKey(), null).get(10, TimeUnit.SECONDS)).isEmpty();
    assertThat(swarm.get(9).getImmutable(new byte[20]).get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void immutableItemRoundTrips() throws Exception {
    byte[] value = Bencode.encode(List.of("hello", 42L));
    StoreResult stored = swarm.get(11).putImmutable(value).get(10, TimeUnit.SECONDS);
    assertThat(stored.acks()).isGreaterThanOrEqualTo(6);
    Optional<byte[]> got =
        swarm.get(44).getImmutable(stored.target().toBytes()).get(10, TimeUnit.SECONDS);
    assertThat(got).hasValueSatisfying(v -> assertThat(v).isEqualTo(value));
  }

  @Test
  void announcedPeersAreFoundAndStreamedAndTtlZeroRemovesThem() throws Exception {
    byte[] infohash = NodeId.sha1("some swarm".getBytes(StandardCharsets.UTF_8)).toBytes();
    assertThat(swarm.get(1).announce(infohash, 4000, null).get(10, TimeUnit.SECONDS).acks())
        .isGreaterThanOrEqualTo(6);
    assertThat(swarm.get(2).announce(infohash, 0, Duration.ofMinutes(5)).get(10, TimeUnit.SECONDS)
        .acks()).isGreaterThanOrEqualTo(6);

    List<InetSocketAddress> streamed = new CopyOnWriteArrayList<>();
    List<InetSocketAddress> found =
        swarm.get(30).getPeers(infohash, streamed::add).get(10, TimeUnit.SECONDS);
    InetSocketAddress first = new InetSocketAddress("127.0.0.1", 4000);
    InetSocketAddress second = swarm.get(2).localAddress();
    assertThat(found).containsExactlyInAnyOrder(first, second);
    assertThat(streamed).containsExactlyInAnyOrderElementsOf(found);

    StoreResult removal = swarm.get(1).announce(infohash, 4000, Duration.ZERO)
        .get(10, TimeUnit.SECONDS);
    assertThat(removal.acks()).isGreaterThanOrEqualTo(6);
    assertThat(swarm.get(31).getPeers(infohash).get(10, TimeUnit.SECONDS))
        .containsExactly(second);
  }

  @Test
  void aLongPeerListIsReadPageByPageFromOurNodes() throws Exception {
    byte[] infohash = NodeId.sha1("a dense cell".getBytes(StandardCharsets.UTF_8)).toBytes();
    int peers = 240;
    List<java.util.concurrent.CompletableFuture<StoreResult>> announces = new ArrayList<>();
    for (int i = 0; i < peers; i++) {
      announces.add(swarm.get(5).announce(infohash, 20_000 + i, Duration.ofMinutes(5)));
    }
    for (var a : announces) {
      assertThat(a.get(20, TimeUnit.SECONDS).acks()).isGreaterThanOrEqualTo(6);
    }
    List<InetSocketAddress> found = swarm.get(40).getPeers(infohash).get(20, TimeUnit.SECONDS);
    assertThat(found).hasSize(peers).doesNotHaveDuplicates()
        .allSatisfy(p -> assertThat(p.getPort()).isBetween(20_000, 20_000 + peers - 1));
  }

  @Test
  void announceTtlExpiresTheEntry() throws Exception {
    byte[] infohash = NodeId.sha1("short lived".getBytes(StandardCharsets.UTF_8)).toBytes();
    swarm.get(12).announce(infohash, 5000, Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS);
    assertThat(swarm.get(13).getPeers(infohash).get(10, TimeUnit.SECONDS)).hasSize(1);
    Thread.sleep(1300);
    assertThat(swarm.get(14).getPeers(infohash).get(10, TimeUnit.SECONDS)).isEmpty();
  }

  @Test
  void repeatedPutsReuseTheClosestSet() throws Exception {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    DhtNode node = swarm.get(21);
    node.put(MutableItem.sign(key, null, 1, bencodedString("a"))).get(10, TimeUnit.SECONDS);
    long lookupsBefore = node.stats().lookups();
    for (int seq = 2; seq <= 5; seq++) {
      StoreResult r = node.put(MutableItem.sign(key, null, seq, bencodedString("hb" + seq)))
          .get(10, TimeUnit.SECONDS);
      assertThat(r.acks()).isGreaterThanOrEqualTo(6);
    }
    assertThat(node.stats().lookups()).isEqualTo(lookupsBefore);
    assertThat(swarm.get(22).get(key.publicKey(), null).get(10, TimeUnit.SECONDS))
        .hasValueSatisfying(i -> assertThat(i.seq()).isEqualTo(5));
  }

  @Test
  void warmRestartKeepsIdAndReusesTheRoutingSnapshot(@TempDir Path dir) throws Exception {
    List<InetSocketAddress> boot = new ArrayList<>(List.of(swarm.get(0).localAddress()));
    DhtNode first = DhtNode.create(
        LocalSwarm.testConfig().dataDir(dir).bootstrap(boot).build(), swarm.network);
    first.start().get(10, TimeUnit.SECONDS);
    NodeId id = first.id();
    int known = first.stats().routingTableSize();
    assertThat(known).isGreaterThan(5);
    first.close();

    // No bootstrap list at all: the snapshot alone must bring the node back into the network.
    DhtNode second = DhtNode.create(LocalSwarm.testConfig().dataDir(dir).build(), swarm.network);
    try {
      second.start().get(10, TimeUnit.SECONDS);
      assertThat(second.id()).isEqualTo(id);
      assertThat(second.stats().routingTableSize()).isGreaterThan(5);
      byte[] value = Bencode.encode("after restart");
      StoreResult r = second.putImmutable(value).get(10, TimeUnit.SECONDS);
      assertThat(r.acks()).isGreaterThanOrEqualTo(6);
    } finally {
      second.close();
    }
  }

  @Test
  void standaloneNodesOwnTheirNetworkAndMayCloseFromTheirOwnCallbacks() throws Exception {
    int threadsBefore = Thread.activeCount();
    DhtNode a = DhtNode.create(LocalSwarm.testConfig().build());
    a.start().get(5, TimeUnit.SECONDS);
    DhtNode b = DhtNode.create(LocalSwarm.testConfig().bootstrap(List.of(a.localAddress())).build());
    b.start().get(5, TimeUnit.SECONDS);
    assertThat(b.stats().routingTableSize()).isEqualTo(1);
    assertThat(Thread.activeCount() - threadsBefore).isLessThanOrEqualTo(4);
    StoreResult r = b.putImmutable(Bencode.encode("pair")).get(5, TimeUnit.SECONDS);
    assertThat(r.acks()).isEqualTo(1);
    // Closing from the node's own thread must neither deadlock nor wait for itself.
    long t0 = System.nanoTime();
    a.ping(b.localAddress()).thenRun(a::close).get(5, TimeUnit.SECONDS);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1500);
    b.close();
    assertThat(b.ping(a.localAddress())).failsWithin(Duration.ofSeconds(2));
    long deadline = System.nanoTime() + 3_000_000_000L;
    while (Thread.activeCount() > threadsBefore && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Thread.activeCount()).isLessThanOrEqualTo(threadsBefore);
  }

  @Test
  void nodesCapTheTtlAWriterAsksFor() throws Exception {
    NodeId infohash = NodeId.sha1("capped".getBytes(StandardCharsets.UTF_8));
    DhtConfig capped = LocalSwarm.testConfig().maxTtl(Duration.ofSeconds(1)).build();
    assertThat(capped.storage().maxTtl()).isEqualTo(Duration.ofSeconds(1));
    assertThat(capped.storage().defaultPeerTtl()).isEqualTo(Duration.ofSeconds(1));
    DhtNode node = DhtNode.create(capped, swarm.network);
    try (RawClient probe = new RawClient()) {
      node.start().get(5, TimeUnit.SECONDS);
      byte[] token = getPeers(probe, node, infohash).token();
      // A day is asked for; the node keeps the peer for its one-second cap.
      probe.query(node.localAddress(),
          new Request.AnnouncePeer(infohash, 9000, false, token, 86_400L, null), 2000)
          .orElseThrow();
      assertThat(getPeers(probe, node, infohash).values()).hasSize(1);
      Thread.sleep(1200);
      assertThat(getPeers(probe, node, infohash).values()).isEmpty();
    } finally {
      node.close();
    }
  }

  private static KrpcResponse getPeers(RawClient probe, DhtNode node, NodeId infohash)
      throws Exception {
    return (KrpcResponse) probe.query(node.localAddress(), new Request.GetPeers(infohash), 2000)
        .orElseThrow();
  }
}
