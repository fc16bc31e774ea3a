package network.shaga.dht;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import network.shaga.dht.guard.WriteTokens;
import network.shaga.dht.krpc.KrpcError;
import network.shaga.dht.krpc.KrpcMessage;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.NodeInfo;
import network.shaga.dht.krpc.Request;
import network.shaga.dht.routing.RoutingEntry;
import network.shaga.dht.routing.RoutingTable;
import network.shaga.dht.storage.ItemStore;
import network.shaga.dht.storage.PeerStore;
import network.shaga.dht.storage.StoreOutcome;
import network.shaga.dht.storage.StoredItem;
import network.shaga.dht.transport.Scheduler;

/**
 * Answers incoming queries from the node's routing table and storage (BEP 5, BEP 44 and the
 * Shaga extensions). Replies go only to the querier and stay small: at most K nodes and a
 * bounded sample of peers. Confined to the node thread.
 */
final class QueryResponder {
  private final NodeId id;
  private final int k;
  private final RoutingTable table;
  private final ItemStore items;
  private final PeerStore peers;
  private final WriteTokens tokens;
  private final RandomGenerator random;
  private final Scheduler scheduler;

  QueryResponder(NodeId id, int k, RoutingTable table, ItemStore items, PeerStore peers,
      WriteTokens tokens, RandomGenerator random, Scheduler scheduler) {
    this.id = id;
    this.k = k;
    this.table = table;
    this.items = items;
    this.peers = peers;
    this.tokens = tokens;
    this.random = random;
    this.scheduler = scheduler;
  }

  /** The reply to one query. */
  KrpcMessage answer(InetSocketAddress from, KrpcQuery q) {
    byte[] tid = q.transactionId();
    Request request = q.request();
    // Our own nodes get twice K contacts: more to choose the next hop from, one hop fewer on a
    // large network. Others get the K that BEP 5 describes.
    int count = DhtNode.isOurs(q.client()) ? 2 * k : k;
    KrpcMessage reply;
    if (request instanceof Request.Ping) {
      reply = KrpcResponse.ack(tid, id, from);
    } else if (request instanceof Request.FindNode f) {
      reply = response(tid, from, closestNodes(f.target(), from, count), List.of(), null, null);
    } else if (request instanceof Request.GetPeers g) {
      reply = onGetPeers(tid, from, g, count);
    } else if (request instanceof Request.AnnouncePeer a) {
      reply = onAnnounce(tid, from, q, a);
    } else if (request instanceof Request.Get g) {
      reply = onGet(tid, from, g, count);
    } else {
      reply = onPut(tid, from, (Request.Put) request);
    }
    return reply;
  }

  /**
   * A random sample of the peers for plain BEP 5 queries; the requested page, in a stable order,
   * when the querier pages (Shaga {@code pg}). Either way {@code np} says how many peers there are
   * when the answer does not carry them all.
   */
  private KrpcResponse onGetPeers(byte[] tid, InetSocketAddress from, Request.GetPeers g,
      int contacts) {
    long now = scheduler.nanoTime();
    PeerStore.Page page = g.page() == null
        ? new PeerStore.Page(peers.peers(g.infohash(), DhtNode.MAX_VALUES_PER_RESPONSE, now, random),
            peers.count(g.infohash(), now))
        : peers.page(g.infohash(), g.page(), DhtNode.MAX_VALUES_PER_RESPONSE, now);
    Integer count = page.total() > page.peers().size() ? page.total() : null;
    KrpcResponse r = response(tid, from, closestNodes(g.infohash(), from, contacts), page.peers(),
        tokens.issue(from.getAddress()), null);
    return count == null ? r : new KrpcResponse(r.transactionId(), r.sender(), r.client(),
        r.requester(), r.nodes(), r.values(), r.token(), null, null, null, null, false, count);
  }

  private KrpcResponse response(byte[] tid, InetSocketAddress to, List<NodeInfo> nodes,
      List<InetSocketAddress> values, byte[] token, StoredItem item) {
    MutableItem m = item == null ? null : item.mutable();
    return new KrpcResponse(tid, id, DhtNode.CLIENT, to, nodes, values, token,
        item == null ? null : item.value(), m == null ? null : m.publicKey(),
        m == null ? null : m.signature(), m == null ? null : m.seq(), false);
  }

  /**
   * The K closest contacts in the requester's address family that have answered us at least
   * once: an address that only sent us queries may be spoofed, so it is not handed out.
   */
  private List<NodeInfo> closestNodes(NodeId target, InetSocketAddress requester, int count) {
    boolean v6 = requester.getAddress() instanceof Inet6Address;
    List<NodeInfo> out = new ArrayList<>(count);
    for (RoutingEntry e : table.closest(target, count,
        c -> c.hasResponded() && c.ipv6() == v6)) {
      out.add(e.info());
    }
    return out;
  }

  private KrpcMessage onAnnounce(byte[] tid, InetSocketAddress from, KrpcQuery q,
      Request.AnnouncePeer a) {
    if (!tokens.valid(a.token(), from.getAddress())) {
      return new KrpcError(tid, KrpcError.PROTOCOL, "bad token");
    }
    boolean replica = a.peer() != null;
    if (replica && !DhtNode.isOurs(q.client())) {
      return new KrpcError(tid, KrpcError.PROTOCOL, "explicit peer only between Shaga nodes");
    }
    InetSocketAddress peer = replica ? a.peer()
        : new InetSocketAddress(from.getAddress(), a.impliedPort() ? from.getPort() : a.port());
    StoreOutcome outcome = peers.announce(a.infohash(), peer, a.ttl(), replica,
        scheduler.nanoTime());
    if (outcome instanceof StoreOutcome.Rejected r) {
      return new KrpcError(tid, r.code(), r.reason());
    }
    KrpcResponse ack = KrpcResponse.ack(tid, id, from);
    boolean removed = ((StoreOutcome.Accepted) outcome).removed();
    return new KrpcResponse(ack.transactionId(), id, DhtNode.CLIENT, from, List.of(), List.of(), null,
        null, null, null, null, removed);
  }

  private KrpcMessage onGet(byte[] tid, InetSocketAddress from, Request.Get g, int count) {
    StoredItem item = items.get(g.target(), scheduler.nanoTime());
    byte[] token = tokens.issue(from.getAddress());
    List<NodeInfo> nodes = closestNodes(g.target(), from, count);
    if (item != null && item.mutable() != null && g.seq() != null
        && item.mutable().seq() <= g.seq()) {
      // The querier already has this version: say which seq we hold, skip the value.
      return new KrpcResponse(tid, id, DhtNode.CLIENT, from, nodes, List.of(), token, null, null, null,
          item.mutable().seq(), false);
    }
    return response(tid, from, nodes, List.of(), token, item);
  }

  private KrpcMessage onPut(byte[] tid, InetSocketAddress from, Request.Put p) {
    if (!tokens.valid(p.token(), from.getAddress())) {
      return new KrpcError(tid, KrpcError.PROTOCOL, "bad token");
    }
    if (p.value().length > MutableItem.MAX_VALUE_BYTES) {
      return new KrpcError(tid, KrpcError.VALUE_TOO_BIG, "message (v field) too big");
    }
    long now = scheduler.nanoTime();
    StoreOutcome outcome;
    if (!p.mutable()) {
      outcome = items.putImmutable(p.value(), p.ttl(), from.getAddress(), now);
    } else {
      if (p.salt() != null && p.salt().length > MutableItem.MAX_SALT_BYTES) {
        return new KrpcError(tid, KrpcError.SALT_TOO_BIG, "salt (salt field) too big");
      }
      if (p.seq() == null || p.signature() == null || p.key().length != 32
          || p.signature().length != 64) {
        return new KrpcError(tid, KrpcError.PROTOCOL, "mutable put needs k, seq and sig");
      }
      MutableItem item = new MutableItem(p.key(), p.salt(), p.seq(), p.value(), p.signature());
      outcome = items.putMutable(item, p.cas(), p.ttl(), from.getAddress(), now);
    }
    if (outcome instanceof StoreOutcome.Rejected r) {
      return new KrpcError(tid, r.code(), r.reason());
    }
    return new KrpcResponse(tid, id, DhtNode.CLIENT, from, List.of(), List.of(), null, null, null, null,
        null, false);
  }

}
