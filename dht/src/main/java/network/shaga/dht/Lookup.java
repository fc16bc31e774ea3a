package network.shaga.dht;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.NodeInfo;
import network.shaga.dht.krpc.Request;

/**
 * One iterative Kademlia lookup: keeps up to alpha requests active toward the closest
 * unqueried nodes, widens when requests stall (soft timeout) and once it has converged, and
 * ends when the K closest live (answering, not stalled) nodes have all answered. Confined to the node thread.
 */
final class Lookup {
  /** The query a lookup sends; it decides what the responses carry. */
  enum Kind {
    FIND_NODE,
    GET_PEERS,
    GET
  }

  /** A node that answered, with what a later store needs. */
  record Responder(NodeInfo node, byte[] token, Long seq, boolean hasValue) {}

  /** Issues requests for the lookup (the node applies timeouts and routing-table updates). */
  interface Sender {
    void send(NodeInfo to, Request request, Rpc.Callback callback);
  }

  /** Sees every response, e.g. to stream peers or values. */
  interface Listener {
    void onResponse(NodeInfo from, KrpcResponse response);
  }

  private enum State {
    PENDING,
    ACTIVE,
    STALLED,
    ANSWERED,
    FAILED
  }

  private static final class Candidate {
    final NodeInfo node;
    State state = State.PENDING;
    Responder responder;

    Candidate(NodeInfo node) {
      this.node = node;
    }
  }

  /** Upper bound on requests per lookup, whatever the responses say. */
  private static final int MAX_REQUESTS = 256;

  private final NodeId self;
  private final NodeId target;
  private final Kind kind;
  private final Long seq;
  private final int k;
  private final int alpha;
  private final Sender sender;
  private final Listener listener;
  private final boolean enforceBep42;
  /** Candidates by their id, in order of XOR distance to the target (no distance object per offer). */
  private final TreeMap<NodeId, Candidate> candidates;
  private final Set<InetSocketAddress> queried = new HashSet<>();
  private final CompletableFuture<List<Responder>> result = new CompletableFuture<>();
  /** Says whether what the lookup found already settles it (e.g. a verified value held by a quorum). */
  private java.util.function.BooleanSupplier settled = () -> false;
  private final int maxCandidates;
  private int active;
  private int requests;

  Lookup(NodeId self, NodeId target, Kind kind, Long seq, int k, int alpha, boolean enforceBep42,
      Sender sender, Listener listener) {
    this.self = self;
    this.target = target;
    this.candidates = new TreeMap<>(target::compareDistance);
    this.kind = kind;
    this.seq = seq;
    this.k = k;
    this.alpha = alpha;
    this.enforceBep42 = enforceBep42;
    this.sender = sender;
    this.listener = listener;
    this.maxCandidates = Math.max(4 * k, 32);
  }

  /**
   * Lets the lookup end before all K closest have answered: once the closest half of them have
   * answered and {@code settled} says the answer is known. A get whose value is already held by
   * a quorum of the closest nodes need not wait for the slowest of K.
   */
  Lookup finishEarlyWhen(java.util.function.BooleanSupplier settled) {
    this.settled = settled;
    return this;
  }

  /** Starts from the given contacts; completes with the answering nodes, closest first. */
  CompletableFuture<List<Responder>> start(List<NodeInfo> seeds) {
    for (NodeInfo n : seeds) {
      offer(n);
    }
    pump();
    return result;
  }

  /** Ends the lookup now with what it has (e.g. an immutable value was found). */
  void finish() {
    if (result.isDone()) {
      return;
    }
    List<Responder> out = new ArrayList<>(k);
    for (Candidate c : candidates.values()) {
      if (c.state == State.ANSWERED) {
        out.add(c.responder);
        if (out.size() == k) {
          break;
        }
      }
    }
    result.complete(out);
  }

  private void offer(NodeInfo n) {
    if (n.id().equals(self)
        || (enforceBep42 && !Bep42.isValid(n.id(), n.address().getAddress()))) {
      return;
    }
    if (candidates.containsKey(n.id())) {
      return;
    }
    if (candidates.size() >= maxCandidates) {
      Map.Entry<NodeId, Candidate> last = candidates.lastEntry();
      if (target.compareDistance(n.id(), last.getKey()) > 0) {
        return;
      }
      if (last.getValue().state == State.PENDING || last.getValue().state == State.FAILED) {
        candidates.remove(last.getKey());
      }
    }
    candidates.put(n.id(), new Candidate(n));
  }

  private void pump() {
    if (result.isDone()) {
      return;
    }
    // Once the closest known node has answered, the lookup has converged: ask the rest of the
    // K closest at once instead of alpha at a time.
    Candidate closest = firstLive();
    int limit = closest != null && closest.state == State.ANSWERED ? k : alpha;
    int rank = 0;
    boolean waiting = false;
    for (Candidate c : candidates.values()) {
      if (rank >= k) {
        break;
      }
      switch (c.state) {
        case FAILED:
        case STALLED:
          // A stalled node is skipped (its late answer is still used while the lookup runs),
          // so one dead or slow node cannot hold the whole lookup to its hard timeout.
          continue;
        case ANSWERED:
          break;
        case ACTIVE:
          waiting = true;
          break;
        case PENDING:
          if (requests >= MAX_REQUESTS) {
            break;
          }
          if (active < limit) {
            query(c);
            if (c.state == State.FAILED) {
              continue;
            }
          }
          waiting = true;
          break;
        default:
          break;
      }
      rank++;
    }
    if (!waiting || (closestAnswered(2) && settled.getAsBoolean())) {
      finish();
    }
  }

  /** True when the {@code n} closest live candidates have all answered. */
  private boolean closestAnswered(int n) {
    int seen = 0;
    for (Candidate c : candidates.values()) {
      if (c.state == State.FAILED || c.state == State.STALLED) {
        continue;
      }
      if (c.state != State.ANSWERED) {
        return false;
      }
      if (++seen >= n) {
        return true;
      }
    }
    return false;
  }

  private Candidate firstLive() {
    for (Candidate c : candidates.values()) {
      if (c.state != State.FAILED && c.state != State.STALLED) {
        return c;
      }
    }
    return null;
  }

  private void query(Candidate c) {
    if (!queried.add(c.node.address())) {
      c.state = State.FAILED;
      return;
    }
    c.state = State.ACTIVE;
    active++;
    requests++;
    Request request =
        switch (kind) {
          case FIND_NODE -> new Request.FindNode(target);
          // Page 0: our nodes answer with a stable order and a count, so a long list can be
          // read page by page; other nodes ignore the argument.
          case GET_PEERS -> new Request.GetPeers(target, 0);
          case GET -> new Request.Get(target, seq);
        };
    sender.send(
        c.node,
        request,
        new Rpc.Callback() {
          @Override
          public void onResponse(KrpcResponse response, long rttNanos) {
            if (c.state == State.ACTIVE) {
              active--;
            }
            c.state = State.ANSWERED;
            c.responder =
                new Responder(c.node, response.token(), response.seq(), response.value() != null);
            if (!result.isDone()) {
              listener.onResponse(c.node, response);
              for (NodeInfo n : response.nodes()) {
                offer(n);
              }
            }
            pump();
          }

          @Override
          public void onStall() {
            if (c.state == State.ACTIVE) {
              c.state = State.STALLED;
              active--;
              pump();
            }
          }

          @Override
          public void onTimeout() {
            if (c.state == State.ACTIVE) {
              active--;
            }
            c.state = State.FAILED;
            pump();
          }
        });
  }

  /** Number of requests this lookup sent. */
  int requests() {
    return requests;
  }
}
