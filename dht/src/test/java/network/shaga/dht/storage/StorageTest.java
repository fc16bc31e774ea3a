package network.shaga.dht.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.SplittableRandom;
import network.shaga.dht.Bencode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcError;
import org.junit.jupiter.api.Test;

class StorageTest {
  private static final long S = 1_000_000_000L;
  private static final long NOW = 1000 * S;
  private static final Ed25519KeyPair KEY = Ed25519KeyPair.generate();
  private final InetAddress source = InetAddress.getLoopbackAddress();

  private static StorageLimits limits(int maxItems, long maxBytes, int perIp, int peersPer) {
    return new StorageLimits(maxItems, maxBytes, 10, peersPer, 1_000, perIp, Duration.ofHours(2),
        Duration.ofHours(2), Duration.ofMinutes(30));
  }

  private static MutableItem item(long seq, String value) {
    return MutableItem.sign(KEY, new byte[] {1}, seq, Bencode.encode(value));
  }

  private static int code(StoreOutcome o) {
    return ((StoreOutcome.Rejected) o).code();
  }

  @Test
  void sequenceNumbersMustIncrease() {
    ItemStore store = new ItemStore(StorageLimits.defaults());
    assertThat(store.putMutable(item(5, "a"), null, null, source, NOW))
        .isInstanceOf(StoreOutcome.Accepted.class);
    assertThat(code(store.putMutable(item(4, "b"), null, null, source, NOW)))
        .isEqualTo(KrpcError.SEQ_TOO_LOW);
    assertThat(code(store.putMutable(item(5, "other"), null, null, source, NOW)))
        .isEqualTo(KrpcError.SEQ_TOO_LOW);
    assertThat(store.putMutable(item(5, "a"), null, null, source, NOW))
        .isInstanceOf(StoreOutcome.Accepted.class);
    assertThat(store.putMutable(item(6, "c"), null, null, source, NOW))
        .isInstanceOf(StoreOutcome.Accepted.class);
    assertThat(store.get(item(6, "c").targetId(), NOW).mutable().seq()).isEqualTo(6);
  }

  @Test
  void casMustMatchTheStoredSeq() {
    ItemStore store = new ItemStore(StorageLimits.defaults());
    store.putMutable(item(1, "a"), null, null, source, NOW);
    assertThat(code(store.putMutable(item(2, "b"), 7L, null, source, NOW)))
        .isEqualTo(KrpcError.CAS_MISMATCH);
    assertThat(store.putMutable(item(2, "b"), 1L, null, source, NOW))
        .isInstanceOf(StoreOutcome.Accepted.class);
  }

  @Test
  void badSignaturesAndOversizedValuesAreRejected() {
    ItemStore store = new ItemStore(StorageLimits.defaults());
    MutableItem good = item(1, "a");
    MutableItem forged = new MutableItem(good.publicKey(), good.salt(), 2, good.value(),
        good.signature());
    assertThat(code(store.putMutable(forged, null, null, source, NOW)))
        .isEqualTo(KrpcError.INVALID_SIGNATURE);
    byte[] big = Bencode.encode(new byte[1001]);
    assertThat(code(store.putImmutable(big, null, source, NOW))).isEqualTo(KrpcError.VALUE_TOO_BIG);
    assertThat(store.size()).isZero();
  }

  @Test
  void capsOnItemsBytesAndSourceIp() throws Exception {
    ItemStore byCount = new ItemStore(limits(2, 1 << 20, 100, 10));
    assertThat(byCount.putImmutable(Bencode.encode("1"), null, source, NOW))
        .isInstanceOf(StoreOutcome.Accepted.class);
    byCount.putImmutable(Bencode.encode("2"), null, source, NOW);
    assertThat(code(byCount.putImmutable(Bencode.encode("3"), null, source, NOW)))
        .isEqualTo(KrpcError.SERVER);

    ItemStore byBytes = new ItemStore(limits(100, 20, 100, 10));
    byBytes.putImmutable(Bencode.encode("0123456789"), null, source, NOW);
    assertThat(byBytes.putImmutable(Bencode.encode("abcdefghij"), null, source, NOW))
        .isInstanceOf(StoreOutcome.Rejected.class);
    assertThat(byBytes.bytes()).isEqualTo(13);

    ItemStore byIp = new ItemStore(limits(100, 1 << 20, 1, 10));
    byIp.putImmutable(Bencode.encode("x"), null, source, NOW);
    assertThat(byIp.putImmutable(Bencode.encode("y"), null, source, NOW))
        .isInstanceOf(StoreOutcome.Rejected.class);
    assertThat(byIp.putImmutable(Bencode.encode("y"), null, InetAddress.getByName("10.0.0.2"), NOW))
        .isInstanceOf(StoreOutcome.Accepted.class);
  }

  @Test
  void itemsExpireByTtlCappedAtMax() {
    ItemStore store = new ItemStore(StorageLimits.defaults());
    MutableItem m = item(1, "a");
    store.putMutable(m, null, 10L, source, NOW);
    assertThat(store.get(m.targetId(), NOW + 9 * S)).isNotNull();
    assertThat(store.get(m.targetId(), NOW + 10 * S)).isNull();
    assertThat(store.size()).isZero();

    byte[] v = Bencode.encode("long");
    store.putImmutable(v, 1_000_000L, source, NOW);
    assertThat(store.get(NodeId.sha1(v), NOW + 2 * 3600 * S - 1)).isNotNull();
    store.expire(NOW + 2 * 3600 * S);
    assertThat(store.size()).isZero();
    assertThat(store.bytes()).isZero();
  }

  @Test
  void peersExpireAndTtlZeroRemovesWithATombstoneAgainstReplicas() {
    PeerStore store = new PeerStore(limits(10, 1 << 20, 100, 3));
    NodeId infohash = NodeId.random(new SplittableRandom(1));
    InetSocketAddress peer = new InetSocketAddress("10.0.0.1", 7000);
    SplittableRandom r = new SplittableRandom(2);
    assertThat(store.announce(infohash, peer, 60L, false, NOW))
        .isEqualTo(new StoreOutcome.Accepted(false));
    assertThat(store.peers(infohash, 50, NOW + 59 * S, r)).containsExactly(peer);
    assertThat(store.peers(infohash, 50, NOW + 60 * S, r)).isEmpty();

    store.announce(infohash, peer, null, false, NOW);
    assertThat(store.announce(infohash, peer, 0L, false, NOW))
        .isEqualTo(new StoreOutcome.Accepted(true));
    assertThat(store.peers(infohash, 50, NOW, r)).isEmpty();
    assertThat(store.announce(infohash, peer, 100L, true, NOW + S))
        .isInstanceOf(StoreOutcome.Rejected.class);
    assertThat(store.peers(infohash, 50, NOW + S, r)).isEmpty();
    // The peer itself may come back.
    assertThat(store.announce(infohash, peer, 100L, false, NOW + S))
        .isInstanceOf(StoreOutcome.Accepted.class);
    assertThat(store.peerCount()).isEqualTo(1);
  }

  @Test
  void peerListsAreCappedPerInfohash() {
    PeerStore store = new PeerStore(limits(10, 1 << 20, 100, 3));
    NodeId infohash = NodeId.random(new SplittableRandom(3));
    for (int i = 0; i < 3; i++) {
      store.announce(infohash, new InetSocketAddress("10.0.0.1", 7000 + i), null, false, NOW);
    }
    assertThat(store.announce(infohash, new InetSocketAddress("10.0.0.1", 8000), null, false, NOW))
        .isInstanceOf(StoreOutcome.Rejected.class);
    assertThat(store.peers(infohash, 2, NOW, new SplittableRandom(4))).hasSize(2);
  }
}
