package network.shaga.dht;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import network.shaga.dht.krpc.KrpcError;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.Request;
import network.shaga.dht.storage.ItemStore;
import network.shaga.dht.storage.PeerStore;
import network.shaga.dht.storage.StoredItem;
import network.shaga.dht.transport.Scheduler;

/** Storer-side re-replication of a node's items and peer entries. Confined to the node thread. */
final class Replicator {
  private static final System.Logger LOG = System.getLogger(Replicator.class.getName());
  /** Peer entries re-replicated per infohash per round. */
  private static final int MAX_REPLICATED_PEERS = 128;

  private final DhtNode node;
  private final Scheduler scheduler;
  private final ItemStore items;
  private final PeerStore peers;
  private boolean replicating;
  private volatile long rounds;

  Replicator(DhtNode node, Scheduler scheduler, ItemStore items, PeerStore peers) {
    this.node = node;
    this.scheduler = scheduler;
    this.items = items;
    this.peers = peers;
  }

  /** Completed replication rounds. */
  long rounds() {
    return rounds;
  }

  /**
   * Re-puts every stored item (mutable items carry their signature, so any storer may) and
   * re-announces stored peers (Shaga extension: explicit {@code peer} and remaining ttl) to the
   * current K closest nodes, one target after the other to spread the load.
   */
  void run() {
    if (node.isClosed() || replicating) {
      return;
    }
    replicating = true;
    long now = scheduler.nanoTime();
    List<Runnable> work = new ArrayList<>();
    for (StoredItem item : items.all()) {
      int index = work.size();
      work.add(() -> replicateItem(item).whenComplete((r, e) -> nextLater(work, index + 1)));
    }
    for (NodeId infohash : peers.infohashes()) {
      int index = work.size();
      work.add(() -> replicatePeers(infohash).whenComplete((r, e) -> nextLater(work, index + 1)));
    }
    LOG.log(System.Logger.Level.DEBUG,
        () -> node.id() + " replicating " + work.size() + " targets at " + now);
    next(work, 0);
  }

  /** Continues from a fresh task so that targets finishing at once cannot nest deeply. */
  private void nextLater(List<Runnable> work, int index) {
    scheduler.execute(() -> next(work, index));
  }

  private void next(List<Runnable> work, int index) {
    if (node.isClosed() || index >= work.size()) {
      replicating = false;
      if (index > 0) {
        rounds++;
      }
      return;
    }
    work.get(index).run();
  }

  private CompletableFuture<Void> replicateItem(StoredItem stored) {
    long remaining = stored.expiresAt() - scheduler.nanoTime();
    if (remaining < 1_000_000_000L) {
      return CompletableFuture.completedFuture(null);
    }
    Long ttl = remaining / 1_000_000_000L;
    MutableItem item = stored.mutable();
    Long seq = item == null ? null : item.seq();
    return node.lookup(stored.target(), Lookup.Kind.GET, seq, (from, r) -> {}).thenCompose(
        responders -> {
          List<Lookup.Responder> missing = new ArrayList<>();
          for (Lookup.Responder r : node.withTokens(responders)) {
            boolean holds = item == null ? r.hasValue() : r.seq() != null && r.seq() >= item.seq();
            if (!holds) {
              missing.add(r);
            }
          }
          return node.sendStores(stored.target(), missing, r -> item == null
              ? new Request.Put(r.token(), stored.value(), null, null, null, null, null, ttl)
              : DhtNode.putRequest(r.token(), item, null, ttl));
        }).thenAccept(result -> {});
  }

  private CompletableFuture<Void> replicatePeers(NodeId infohash) {
    long now = scheduler.nanoTime();
    Map<InetSocketAddress, Long> entries = peers.entries(infohash, now);
    if (entries.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return node.lookup(infohash, Lookup.Kind.GET_PEERS, null, (from, r) -> {}).thenCompose(
        responders -> {
          List<CompletableFuture<Void>> sent = new ArrayList<>();
          int n = 0;
          for (Map.Entry<InetSocketAddress, Long> e : entries.entrySet()) {
            long ttl = (e.getValue() - now) / 1_000_000_000L;
            if (ttl < 1 || n++ >= MAX_REPLICATED_PEERS) {
              continue;
            }
            for (Lookup.Responder r : node.withTokens(responders)) {
              sent.add(replicatePeer(infohash, e.getKey(), ttl, r));
            }
          }
          return CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0]));
        });
  }

  /**
   * Offers one stored peer entry to one of the closest nodes. If that node knows the peer
   * removed itself, we drop our stale copy too, so a removal reaches replicas it missed.
   */
  private CompletableFuture<Void> replicatePeer(NodeId infohash, InetSocketAddress peer,
      long ttl, Lookup.Responder to) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    node.request(to.node().address(), to.node().id(),
        new Request.AnnouncePeer(infohash, peer.getPort(), false, to.token(), ttl, peer),
        new Rpc.Callback() {
          @Override
          public void onResponse(KrpcResponse response, long rttNanos) {
            done.complete(null);
          }

          @Override
          public void onError(KrpcError error) {
            if (error.code() == KrpcError.PEER_REMOVED) {
              peers.announce(infohash, peer, 0L, false, scheduler.nanoTime());
            }
            done.complete(null);
          }

          @Override
          public void onTimeout() {
            done.complete(null);
          }
        });
    return done;
  }

}
