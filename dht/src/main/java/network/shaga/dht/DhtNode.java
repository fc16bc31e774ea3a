package network.shaga.dht;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import network.shaga.dht.guard.RateLimiter;
import network.shaga.dht.guard.WriteTokens;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcError;
import network.shaga.dht.krpc.KrpcMessage;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.NodeInfo;
import network.shaga.dht.krpc.ParseResult;
import network.shaga.dht.krpc.Request;
import network.shaga.dht.routing.RoutingEntry;
import network.shaga.dht.routing.RoutingTable;
import network.shaga.dht.routing.RttEstimator;
import network.shaga.dht.storage.ItemStore;
import network.shaga.dht.storage.PeerStore;
import network.shaga.dht.storage.StoredItem;
import network.shaga.dht.transport.Endpoint;
import network.shaga.dht.transport.Network;
import network.shaga.dht.transport.Scheduler;
import network.shaga.dht.transport.SerialScheduler;
import network.shaga.dht.transport.UdpNetwork;

/**
 * A BitTorrent mainline DHT node (BEP 5, 42, 43, 44) with the Shaga extensions ({@code ttl},
 * removal, storer-side re-replication). All state lives on one serial {@link Scheduler}; the
 * public methods may be called from any thread and complete their futures on that scheduler,
 * so callers must not block inside their callbacks.
 */
public final class DhtNode implements AutoCloseable {
  /** Least time a store request (put, announce) waits for its acknowledgement. */
  static final Duration STORE_TIMEOUT_FLOOR = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger(DhtNode.class.getName());
  /** Top-level {@code v}: "SG" and a protocol revision; our nodes recognise each other by it. */
  static final byte[] CLIENT = {'S', 'G', 0, 1};
  /** Peers returned per get_peers response: keeps replies well under one MTU. */
  static final int MAX_VALUES_PER_RESPONSE = 50;
  /** Nodes that must hold the same newest value before a get may end early. */
  static final int GET_QUORUM = 3;
  /** Questionable contacts pinged per maintenance tick. */
  private static final int PINGS_PER_TICK = 8;
  /** Silent contacts asked per maintenance tick whether they are back (see reviveSilentContacts). */
  private static final int REVIVALS_PER_TICK = 1;
  private static final Duration REVIVAL_WINDOW = Duration.ofHours(2);
  private static final int CLOSEST_CACHE_SIZE = 128;

  private final DhtConfig config;
  private final Network network;
  private final boolean ownsNetwork;
  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final NodeId id;
  private final NodeState state;
  private final Counters counters = new Counters();
  private final RoutingTable table;
  private final ItemStore items;
  private final PeerStore peers;
  private final WriteTokens tokens;
  private final RateLimiter limiter;
  private final RttEstimator globalRtt = new RttEstimator();
  private final Rpc rpc;
  private final QueryResponder responder;
  private final Replicator replicator;
  private final Map<NodeId, CachedClosest> closestCache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, CachedClosest> eldest) {
          return size() > CLOSEST_CACHE_SIZE;
        }
      };
  private final List<Periodic> timers = new ArrayList<>();
  /** Contacts being pinged before eviction, so a burst of newcomers costs one ping each. */
  private final Set<NodeId> evictionPings = new java.util.HashSet<>();
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private volatile Endpoint endpoint;
  private volatile InetSocketAddress localAddress;
  private volatile boolean closed;

  private record CachedClosest(List<Lookup.Responder> responders, long at) {}

  private DhtNode(DhtConfig config, Network network, boolean ownsNetwork) {
    this.config = config;
    this.network = network;
    this.ownsNetwork = ownsNetwork;
    this.scheduler = network.newScheduler();
    this.random =
        config.randomSeed() != 0
            ? new SplittableRandom(config.randomSeed())
            : new SplittableRandom(new SecureRandom().nextLong());
    this.state = config.dataDir() == null ? null : new NodeState(config.dataDir());
    this.id = resolveId();
    long now = scheduler.nanoTime();
    this.table = new RoutingTable(id, config.k(), now);
    this.items = new ItemStore(config.storage());
    this.peers = new PeerStore(config.storage());
    this.tokens = new WriteTokens(random);
    this.limiter = new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst());
    this.rpc = new Rpc(scheduler, random, this::sendPacket);
    this.responder = new QueryResponder(id, config.k(), table, items, peers, tokens, random,
        scheduler);
    this.replicator = new Replicator(this, scheduler, items, peers);
  }

  /** A node on its own real UDP network (two threads: event loop and timer; closed with it). */
  public static DhtNode create(DhtConfig config) {
    return new DhtNode(config, UdpNetwork.create(0), true);
  }

  /**
   * A node on a shared network: real UDP shared by many nodes ({@link UdpNetwork}) or a
   * simulated one. The caller owns and closes the network.
   */
  public static DhtNode create(DhtConfig config, Network network) {
    return new DhtNode(config, network, false);
  }

  private NodeId resolveId() {
    if (config.nodeId() != null) {
      return config.nodeId();
    }
    Optional<NodeId> saved = state == null ? Optional.empty() : state.loadId();
    if (saved.isPresent()) {
      return saved.get();
    }
    NodeId fresh =
        Bep42.exempt(config.bindAddress())
            ? NodeId.random(random)
            : Bep42.generate(config.bindAddress(), random);
    if (state != null) {
      state.saveId(fresh);
    }
    return fresh;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Binds the socket and bootstraps; completes when the first self-lookup is done. */
  public CompletableFuture<Void> start() {
    scheduler.execute(
        () -> {
          if (started.isDone() || endpoint != null) {
            return;
          }
          try {
            endpoint =
                network.bind(
                    new InetSocketAddress(config.bindAddress(), config.port()),
                    scheduler,
                    this::onDatagram);
            localAddress = endpoint.localAddress();
          } catch (IOException e) {
            started.completeExceptionally(e);
            return;
          }
          scheduleMaintenance();
          bootstrap().whenComplete((v, e) -> started.complete(null));
        });
    return started;
  }

  private CompletableFuture<Void> bootstrap() {
    Set<InetSocketAddress> seeds = new LinkedHashSet<>(config.bootstrap());
    if (state != null) {
      for (NodeInfo n : state.loadContacts()) {
        if (!n.id().equals(id)) {
          seeds.add(n.address());
        }
      }
    }
    seeds.remove(localAddress);
    return contactSeeds(seeds, 3)
        .thenCompose(v -> lookup(id, Lookup.Kind.FIND_NODE, null, (from, r) -> {}))
        .thenAccept(
            found -> {
              if (!seeds.isEmpty() && table.size() == 0) {
                LOG.log(System.Logger.Level.WARNING, "bootstrap reached no node of " + seeds);
              }
              saveSnapshot();
            });
  }

  /** Asks every seed for nodes near our id; retries while none of them answered. */
  private CompletableFuture<Void> contactSeeds(Set<InetSocketAddress> seeds, int attempts) {
    List<CompletableFuture<Void>> contacts = new ArrayList<>();
    for (InetSocketAddress seed : seeds) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      contacts.add(done);
      request(seed, null, new Request.FindNode(id), new Rpc.Callback() {
        @Override
        public void onResponse(KrpcResponse response, long rttNanos) {
          for (NodeInfo n : response.nodes()) {
            learn(n);
          }
          done.complete(null);
        }

        @Override
        public void onTimeout() {
          done.complete(null);
        }
      });
    }
    return CompletableFuture.allOf(contacts.toArray(new CompletableFuture<?>[0]))
        .thenCompose(v -> table.size() == 0 && !seeds.isEmpty() && attempts > 1 && !closed
            ? contactSeeds(seeds, attempts - 1)
            : CompletableFuture.completedFuture(null));
  }

  /**
   * Adds a contact heard of (not yet heard from) if its bucket has room; hearsay alone never
   * triggers an eviction ping.
   */
  private void learn(NodeInfo n) {
    if (!n.id().equals(id) && table.get(n.id()).isEmpty() && acceptable(n.id(), n.address())) {
      table.seen(n.id(), n.address(), false, scheduler.nanoTime());
    }
  }

  private boolean acceptable(NodeId nodeId, InetSocketAddress address) {
    return !config.enforceBep42() || Bep42.isValid(nodeId, address.getAddress());
  }

  private void scheduleMaintenance() {
    every(config.maintenanceInterval(), config.maintenanceInterval(), this::maintain);
    every(config.tokenRotation(), config.tokenRotation(), tokens::rotate);
    long interval = config.replicationInterval().toNanos();
    // Jitter the first round so nodes started together do not replicate in lockstep.
    long first = interval / 2 + (long) (random.nextDouble() * (interval / 2));
    every(Duration.ofNanos(first), config.replicationInterval(), replicator::run);
  }

  /** Runs a task after {@code first}, then every {@code period}, until the node closes. */
  private void every(Duration first, Duration period, Runnable task) {
    Periodic periodic = new Periodic(period, task);
    timers.add(periodic);
    periodic.arm(first);
  }

  /** A repeating task holding only its next timer, so a long-lived node keeps no old ones. */
  private final class Periodic {
    private final Duration period;
    private final Runnable task;
    private Scheduler.Cancellable next;

    Periodic(Duration period, Runnable task) {
      this.period = period;
      this.task = task;
    }

    void arm(Duration delay) {
      next = scheduler.schedule(delay, () -> {
        if (!closed) {
          task.run();
          arm(period);
        }
      });
    }

    void cancel() {
      next.cancel();
    }
  }

  /** Stops the node: no more packets in or out; pending operations fail. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Endpoint e = endpoint;
    if (e != null) {
      e.close();
    }
    CountDownLatch cleaned = new CountDownLatch(1);
    scheduler.execute(() -> {
      try {
        for (Periodic t : timers) {
          t.cancel();
        }
        timers.clear();
        rpc.cancelAll();
        if (e != null) {
          saveSnapshot();
        }
        started.complete(null);
      } finally {
        cleaned.countDown();
      }
    });
    // Real threads run the cleanup concurrently; a virtual-time scheduler runs it when driven.
    if (scheduler instanceof SerialScheduler serial && !serial.isCurrentThread()) {
      try {
        cleaned.await(2, TimeUnit.SECONDS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
    if (ownsNetwork) {
      network.close();
    }
  }

  private void saveSnapshot() {
    if (state == null) {
      return;
    }
    List<NodeInfo> contacts = new ArrayList<>();
    for (RoutingEntry entry : table.entries()) {
      if (!entry.isBad(RoutingTable.MAX_FAILURES)) {
        contacts.add(entry.info());
      }
    }
    state.saveContacts(contacts);
  }

  // ---------------------------------------------------------------- public operations

  public NodeId id() {
    return id;
  }

  boolean isClosed() {
    return closed;
  }

  /** The bound address (null before {@link #start()} bound it). */
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  /** Round-trip time of a ping to any address. */
  public CompletableFuture<Duration> ping(InetSocketAddress node) {
    return onLoop(() -> {
      CompletableFuture<Duration> out = new CompletableFuture<>();
      request(node, null, new Request.Ping(), new Rpc.Callback() {
        @Override
        public void onResponse(KrpcResponse response, long rttNanos) {
          out.complete(Duration.ofNanos(rttNanos));
        }

        @Override
        public void onError(KrpcError error) {
          out.completeExceptionally(new IllegalStateException(
              "ping answered with error " + error.code() + " " + error.message()));
        }

        @Override
        public void onTimeout() {
          out.completeExceptionally(new TimeoutException("no answer from " + node));
        }
      });
      return out;
    });
  }

  /**
   * Peers announced for an infohash, the way a BitTorrent client wants them: the lookup ends as
   * soon as the closest nodes have answered and {@value #GET_QUORUM} of them that hold peers
   * agree (the last two added none), instead of waiting for the slowest of the K closest.
   */
  public CompletableFuture<List<InetSocketAddress>> getPeers(byte[] infohash20) {
    return getPeers(infohash20, p -> {});
  }

  /** As {@link #getPeers(byte[])}; each distinct peer is also streamed to {@code onPeer}. */
  public CompletableFuture<List<InetSocketAddress>> getPeers(byte[] infohash20,
      Consumer<InetSocketAddress> onPeer) {
    return peerLookup(infohash20, onPeer, false);
  }

  /**
   * Every peer the K closest live nodes hold for an infohash (each distinct one also streamed to
   * {@code onPeer}): for lists where a missing entry matters, such as the host directory's cells,
   * where nodes that joined lately may hold only part of the list.
   */
  public CompletableFuture<List<InetSocketAddress>> getAllPeers(byte[] infohash20,
      Consumer<InetSocketAddress> onPeer) {
    return peerLookup(infohash20, onPeer, true);
  }

  private CompletableFuture<List<InetSocketAddress>> peerLookup(byte[] infohash20,
      Consumer<InetSocketAddress> onPeer, boolean all) {
    NodeId infohash = NodeId.of(infohash20);
    return onLoop(() -> {
      Set<InetSocketAddress> found = new LinkedHashSet<>();
      Consumer<InetSocketAddress> collect = p -> {
        if (found.add(p)) {
          safely(onPeer, p);
        }
      };
      peers.peers(infohash, Integer.MAX_VALUE, scheduler.nanoTime(), random).forEach(collect);
      Pager pager = new Pager(infohash, collect);
      // Holders that answered with peers, and how many of the latest in a row added none.
      int[] holders = {0, 0};
      return lookup(infohash, Lookup.Kind.GET_PEERS, null,
              (from, r) -> {
                int before = found.size();
                r.values().forEach(collect);
                if (!r.values().isEmpty()) {
                  holders[0]++;
                  holders[1] = found.size() == before ? holders[1] + 1 : 0;
                }
                pager.onFirstPage(from, r);
              },
              l -> l.finishEarlyWhen(() -> !all && holders[0] >= GET_QUORUM && holders[1] >= 2))
          .thenCompose(responders -> pager.done().thenApply(x -> {
            cacheClosest(infohash, responders);
            return List.copyOf(found);
          }));
    });
  }

  /**
   * Reads the rest of a long peer list page by page (Shaga {@code pg}/{@code np}) from the first
   * {@link #MAX_PAGED_RESPONDERS} of our nodes that say they hold more than one page, and from
   * any later one that holds more than those did.
   */
  private final class Pager {
    private static final int MAX_PAGED_RESPONDERS = 2;
    private static final int MAX_PAGES = 200;
    private final NodeId infohash;
    private final Consumer<InetSocketAddress> collect;
    private final List<CompletableFuture<Void>> pages = new ArrayList<>();
    private int paged;
    private int largest;

    Pager(NodeId infohash, Consumer<InetSocketAddress> collect) {
      this.infohash = infohash;
      this.collect = collect;
    }

    void onFirstPage(NodeInfo from, KrpcResponse r) {
      Integer total = r.peerCount();
      if (total == null || total <= r.values().size() || r.values().isEmpty()
          || !isOurs(r.client()) || (paged >= MAX_PAGED_RESPONDERS && total <= largest)) {
        return;
      }
      paged++;
      largest = Math.max(largest, total);
      int size = r.values().size();
      int last = Math.min(MAX_PAGES, (total + size - 1) / size - 1);
      for (int page = 1; page <= last; page++) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pages.add(done);
        request(from.address(), from.id(), new Request.GetPeers(infohash, page),
            new Rpc.Callback() {
              @Override
              public void onResponse(KrpcResponse response, long rttNanos) {
                response.values().forEach(collect);
                done.complete(null);
              }

              @Override
              public void onError(KrpcError error) {
                done.complete(null);
              }

              @Override
              public void onTimeout() {
                done.complete(null);
              }
            });
      }
    }

    CompletableFuture<Void> done() {
      return CompletableFuture.allOf(pages.toArray(CompletableFuture[]::new));
    }
  }

  /** True when a message's client tag ({@code v}) says it comes from one of our nodes. */
  static boolean isOurs(byte[] client) {
    return client != null && client.length >= 2 && client[0] == CLIENT[0]
        && client[1] == CLIENT[1];
  }

  /**
   * Announces that a peer listens on {@code port} (0 = use the UDP source port) for the
   * infohash, to the K closest nodes. {@code ttl}: null = protocol default, zero = remove.
   */
  public CompletableFuture<StoreResult> announce(byte[] infohash20, int port, Duration ttl) {
    if (port < 0 || port > 65535) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("port " + port));
    }
    NodeId infohash = NodeId.of(infohash20);
    Long ttlSeconds = ttlSeconds(ttl);
    return onLoop(() -> storeToClosest(infohash, Lookup.Kind.GET_PEERS, true,
        responder -> new Request.AnnouncePeer(
            infohash, port, port == 0, responder.token(), ttlSeconds, null)));
  }

  /** Stores a signed mutable item on the K closest nodes. */
  public CompletableFuture<StoreResult> put(MutableItem signedItem) {
    return put(signedItem, null, null);
  }

  /**
   * Stores a signed mutable item with an optional {@code cas} (expected current seq) and Shaga
   * {@code ttl} (null = protocol default).
   */
  public CompletableFuture<StoreResult> put(MutableItem signedItem, Long cas, Duration ttl) {
    if (!signedItem.verify()) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("item signature or size invalid"));
    }
    NodeId target = signedItem.targetId();
    Long ttlSeconds = ttlSeconds(ttl);
    return onLoop(() -> storeToClosest(target, Lookup.Kind.GET, true,
        responder -> putRequest(responder.token(), signedItem, cas, ttlSeconds)));
  }

  /** Stores an immutable bencoded value under its SHA-1. */
  public CompletableFuture<StoreResult> putImmutable(byte[] bencodedValue) {
    if (bencodedValue.length > MutableItem.MAX_VALUE_BYTES) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "value longer than " + MutableItem.MAX_VALUE_BYTES + " bytes"));
    }
    Bencode.decode(bencodedValue);
    byte[] value = bencodedValue.clone();
    NodeId target = NodeId.sha1(value);
    return onLoop(() -> storeToClosest(target, Lookup.Kind.GET, true,
        responder -> new Request.Put(responder.token(), value, null, null, null, null, null,
            null)));
  }

  /** The valid item with the highest seq for a key and salt, signature verified. */
  public CompletableFuture<Optional<MutableItem>> get(byte[] publicKey32, byte[] salt) {
    byte[] key = publicKey32.clone();
    byte[] s = salt == null ? new byte[0] : salt.clone();
    NodeId target = MutableItem.targetOf(key, s);
    return onLoop(() -> {
      MutableItem[] best = new MutableItem[1];
      int[] holders = {0};
      Consumer<MutableItem> consider = item -> {
        if (best[0] != null && item.seq() == best[0].seq()
            && Arrays.equals(item.signature(), best[0].signature())
            && Arrays.equals(item.value(), best[0].value())) {
          // The same signed bytes as the verified best: another holder, no second check needed.
          holders[0]++;
        } else if ((best[0] == null || item.seq() > best[0].seq()) && item.verify()) {
          best[0] = item;
          holders[0] = 1;
        }
      };
      StoredItem local = items.get(target, scheduler.nanoTime());
      if (local != null && local.mutable() != null) {
        consider.accept(local.mutable());
      }
      // Settled once the closest half of the K closest have answered and three of the nodes
      // asked hold the same newest verified value: a newer one would have reached them too.
      return lookup(target, Lookup.Kind.GET, null, (from, r) -> {
        if (r.value() != null && r.key() != null && r.signature() != null && r.seq() != null
            && Arrays.equals(r.key(), key) && r.signature().length == 64) {
          consider.accept(new MutableItem(key, s, r.seq(), r.value(), r.signature()));
        }
      }, l -> l.finishEarlyWhen(() -> holders[0] >= GET_QUORUM)).thenApply(responders -> {
        cacheClosest(target, responders);
        return Optional.ofNullable(best[0]);
      });
    });
  }

  /** The immutable value stored under a SHA-1 target, checked against it. */
  public CompletableFuture<Optional<byte[]>> getImmutable(byte[] target20) {
    NodeId target = NodeId.of(target20);
    return onLoop(() -> {
      StoredItem local = items.get(target, scheduler.nanoTime());
      if (local != null && local.mutable() == null) {
        return CompletableFuture.completedFuture(Optional.of(local.value().clone()));
      }
      byte[][] found = new byte[1][];
      Lookup[] self = new Lookup[1];
      CompletableFuture<List<Lookup.Responder>> done = lookup(target, Lookup.Kind.GET, null,
          (from, r) -> {
            if (found[0] == null && r.value() != null && r.key() == null
                && NodeId.sha1(r.value()).equals(target)) {
              found[0] = r.value();
              if (self[0] != null) {
                self[0].finish();
              }
            }
          }, l -> self[0] = l);
      return done.thenApply(x -> Optional.ofNullable(found[0]));
    });
  }

  /** A snapshot of the node's counters and sizes. */
  public DhtStats stats() {
    return new DhtStats(
        counters.tableSize, counters.buckets, counters.items, counters.itemBytes,
        counters.infohashes, counters.peers, counters.packetsIn, counters.packetsOut,
        counters.bytesIn, counters.bytesOut, counters.rateLimited, counters.malformed,
        counters.unmatched, counters.answered, counters.requests, counters.timeouts,
        counters.lookups, replicator.rounds());
  }

  // ---------------------------------------------------------------- stores

  private static Long ttlSeconds(Duration ttl) {
    if (ttl == null) {
      return null;
    }
    if (ttl.isNegative() || ttl.isZero()) {
      return 0L;
    }
    return Math.max(1, (ttl.toMillis() + 999) / 1000);
  }

  static Request.Put putRequest(byte[] token, MutableItem item, Long cas, Long ttl) {
    return new Request.Put(token, item.value(), item.publicKey(),
        item.salt().length == 0 ? null : item.salt(), item.seq(), item.signature(), cas, ttl);
  }

  /**
   * Sends a store request to the K closest nodes of a target, reusing a fresh closest set (and
   * its tokens) from a recent lookup when there is one, e.g. for heartbeats.
   */
  private CompletableFuture<StoreResult> storeToClosest(NodeId target, Lookup.Kind kind,
      boolean reuse, Function<Lookup.Responder, Request> store) {
    CachedClosest cached = closestCache.get(target);
    long now = scheduler.nanoTime();
    if (reuse && cached != null && now - cached.at() < config.closestSetReuse().toNanos()
        && !cached.responders().isEmpty()) {
      return sendStores(target, cached.responders(), store).thenCompose(result -> {
        // Most of the set still accepting means the set and tokens are current.
        if (result.acks() * 2 > result.attempted()) {
          return CompletableFuture.completedFuture(result);
        }
        closestCache.remove(target);
        return storeToClosest(target, kind, false, store);
      });
    }
    return lookup(target, kind, null, (from, r) -> {}).thenCompose(responders -> {
      List<Lookup.Responder> withToken = withTokens(responders);
      cacheClosest(target, responders);
      return sendStores(target, withToken, store);
    });
  }

  /** The first K responders that handed out a write token. */
  List<Lookup.Responder> withTokens(List<Lookup.Responder> responders) {
    List<Lookup.Responder> out = new ArrayList<>();
    for (Lookup.Responder r : responders) {
      if (r.token() != null && out.size() < config.k()) {
        out.add(r);
      }
    }
    return out;
  }

  private void cacheClosest(NodeId target, List<Lookup.Responder> responders) {
    List<Lookup.Responder> withToken = withTokens(responders);
    if (!withToken.isEmpty()) {
      closestCache.put(target, new CachedClosest(withToken, scheduler.nanoTime()));
    }
  }

  CompletableFuture<StoreResult> sendStores(NodeId target,
      List<Lookup.Responder> responders, Function<Lookup.Responder, Request> store) {
    CompletableFuture<StoreResult> out = new CompletableFuture<>();
    if (responders.isEmpty()) {
      out.complete(new StoreResult(0, 0, target));
      return out;
    }
    int[] acks = {0};
    int[] left = {responders.size()};
    for (Lookup.Responder responder : responders) {
      request(responder.node().address(), responder.node().id(), store.apply(responder),
          new Rpc.Callback() {
            @Override
            public void onResponse(KrpcResponse response, long rttNanos) {
              acks[0]++;
              done();
            }

            @Override
            public void onError(KrpcError error) {
              LOG.log(System.Logger.Level.DEBUG, () -> "store refused by " + responder.node()
                  + ": " + error.code() + " " + error.message());
              done();
            }

            @Override
            public void onTimeout() {
              done();
            }

            private void done() {
              if (--left[0] == 0) {
                out.complete(new StoreResult(acks[0], responders.size(), target));
              }
            }
          });
    }
    return out;
  }

  // ---------------------------------------------------------------- maintenance

  private void maintain() {
    long now = scheduler.nanoTime();
    items.expire(now);
    peers.expire(now);
    for (NodeId target : table.refreshTargets(now, config.bucketRefreshInterval().toNanos(),
        random)) {
      lookup(target, Lookup.Kind.FIND_NODE, null, (from, r) -> {});
    }
    int pinged = 0;
    for (RoutingEntry entry : table.questionable(now)) {
      if (pinged++ >= PINGS_PER_TICK) {
        break;
      }
      request(entry.address(), entry.id(), new Request.Ping(), new Rpc.Callback() {
        @Override
        public void onResponse(KrpcResponse response, long rttNanos) {}

        @Override
        public void onTimeout() {}
      });
    }
    reviveSilentContacts(now);
    closestCache.values().removeIf(c -> now - c.at() >= config.closestSetReuse().toNanos());
    saveSnapshot();
    refreshCounters();
  }

  /**
   * Asks one contact that went silent in the last two hours whether it is back, and on an answer
   * looks up our own id through it. After a network partition heals, each side only knows its own
   * half (the other went silent); without this, nothing but newcomers would join the halves again
   * and items stored on one side stay out of reach of the other for the better part of an hour.
   */
  private void reviveSilentContacts(long now) {
    for (NodeInfo silent : table.silentContacts(REVIVALS_PER_TICK, now, REVIVAL_WINDOW.toNanos(),
        random)) {
      request(silent.address(), silent.id(), new Request.Ping(), new Rpc.Callback() {
        @Override
        public void onResponse(KrpcResponse response, long rttNanos) {
          lookup(id, Lookup.Kind.FIND_NODE, null, (from, r) -> {}, l -> {},
              List.of(new NodeInfo(response.sender(), silent.address())));
        }

        @Override
        public void onTimeout() {}
      });
    }
  }

  // ---------------------------------------------------------------- lookups and requests

  CompletableFuture<List<Lookup.Responder>> lookup(NodeId target, Lookup.Kind kind,
      Long seq, Lookup.Listener listener) {
    return lookup(target, kind, seq, listener, l -> {});
  }

  private CompletableFuture<List<Lookup.Responder>> lookup(NodeId target, Lookup.Kind kind,
      Long seq, Lookup.Listener listener, Consumer<Lookup> created) {
    return lookup(target, kind, seq, listener, created, List.of());
  }

  /** A lookup that also starts from {@code alsoFrom}, contacts the table may not hold. */
  private CompletableFuture<List<Lookup.Responder>> lookup(NodeId target, Lookup.Kind kind,
      Long seq, Lookup.Listener listener, Consumer<Lookup> created, List<NodeInfo> alsoFrom) {
    counters.lookups++;
    Lookup lookup = new Lookup(id, target, kind, seq, config.k(), config.alpha(),
        config.enforceBep42(), (to, request, callback) -> request(to.address(), to.id(), request,
            callback), listener);
    created.accept(lookup);
    List<NodeInfo> seeds = new ArrayList<>(alsoFrom);
    for (RoutingEntry e : table.closest(target, config.k() * 2)) {
      seeds.add(e.info());
    }
    return lookup.start(seeds);
  }

  /** Sends a query with adaptive timeouts and keeps the routing table and RTTs up to date. */
  void request(InetSocketAddress to, NodeId expected, Request request,
      Rpc.Callback callback) {
    if (closed || endpoint == null) {
      callback.onTimeout();
      return;
    }
    long min = config.minRequestTimeout().toNanos();
    long max = config.maxRequestTimeout().toNanos();
    long fallback = globalRtt.timeoutNanos(min, max, config.initialRequestTimeout().toNanos());
    long soft = expected == null ? fallback : table.get(expected, to)
        .map(e -> e.rtt().timeoutNanos(min, max, fallback)).orElse(fallback);
    long hard = Math.min(max, Math.max(4 * soft, 5 * min));
    if (request instanceof Request.Put || request instanceof Request.AnnouncePeer) {
      // A store's ack is what "stored on n of K" counts: give a slow or cold peer (its first
      // signature check, a loaded machine) time to answer instead of counting it lost.
      hard = Math.max(hard, Math.min(max, STORE_TIMEOUT_FLOOR.toNanos()));
    }
    counters.requests++;
    rpc.send(to, tid -> new KrpcQuery(tid, id, false, CLIENT, request), soft, hard,
        new Rpc.Callback() {
          @Override
          public void onResponse(KrpcResponse response, long rttNanos) {
            globalRtt.sample(rttNanos);
            if (acceptable(response.sender(), to)) {
              RoutingTable.Outcome o = table.seen(response.sender(), to, true,
                  scheduler.nanoTime());
              if (o instanceof RoutingTable.Outcome.Present p) {
                p.entry().rtt().sample(rttNanos);
              } else if (o instanceof RoutingTable.Outcome.PingToEvict evict) {
                pingToEvict(evict.candidate());
              }
            }
            callback.onResponse(response, rttNanos);
          }

          @Override
          public void onError(KrpcError error) {
            callback.onError(error);
          }

          @Override
          public void onStall() {
            callback.onStall();
          }

          @Override
          public void onTimeout() {
            counters.timeouts++;
            if (expected != null) {
              table.failed(expected, to);
            }
            callback.onTimeout();
          }
        });
  }

  /** Pings a node that a newcomer could replace; one ping per candidate at a time. */
  private void pingToEvict(RoutingEntry candidate) {
    if (!evictionPings.add(candidate.id())) {
      return;
    }
    request(candidate.address(), candidate.id(), new Request.Ping(), new Rpc.Callback() {
      @Override
      public void onResponse(KrpcResponse response, long rttNanos) {
        evictionPings.remove(candidate.id());
      }

      @Override
      public void onTimeout() {
        evictionPings.remove(candidate.id());
        table.evict(candidate.id(), candidate.address());
      }
    });
  }

  // ---------------------------------------------------------------- incoming packets

  private void onDatagram(InetSocketAddress from, byte[] data) {
    counters.packetsIn++;
    counters.bytesIn += data.length;
    if (closed) {
      return;
    }
    if (!limiter.tryAcquire(from.getAddress(), scheduler.nanoTime())) {
      counters.rateLimited++;
      return;
    }
    try {
      ParseResult parsed = KrpcCodec.decode(data);
      if (parsed instanceof ParseResult.Malformed m) {
        counters.malformed++;
        if (m.transactionId() != null) {
          String message = m.errorCode() == KrpcError.METHOD_UNKNOWN ? "Method Unknown"
              : "Protocol Error";
          byte[] reply = KrpcCodec.encode(new KrpcError(m.transactionId(), m.errorCode(),
              message));
          // The answer to junk must never outgrow the junk, or we would amplify floods.
          if (reply.length <= data.length) {
            sendPacket(from, reply);
          }
        }
        return;
      }
      KrpcMessage message = ((ParseResult.Parsed) parsed).message();
      if (message instanceof KrpcQuery q) {
        onQuery(from, q);
      } else if (!rpc.onReply(from, message)) {
        counters.unmatched++;
      }
      refreshCounters();
    } catch (RuntimeException e) {
      // A packet must never take the node down; this is a bug worth a log line, not a crash.
      counters.malformed++;
      LOG.log(System.Logger.Level.WARNING, "packet from " + from + " failed", e);
    }
  }

  private void onQuery(InetSocketAddress from, KrpcQuery q) {
    if (!q.readOnly() && acceptable(q.sender(), from)) {
      RoutingTable.Outcome o = table.seen(q.sender(), from, false, scheduler.nanoTime());
      if (o instanceof RoutingTable.Outcome.PingToEvict evict) {
        pingToEvict(evict.candidate());
      } else if (o instanceof RoutingTable.Outcome.Present p && p.added()) {
        // A new contact from a query alone is unverified (the source may be spoofed): one ping
        // confirms it before we hand it to others.
        request(from, q.sender(), new Request.Ping(), new Rpc.Callback() {
          @Override
          public void onResponse(KrpcResponse response, long rttNanos) {}

          @Override
          public void onTimeout() {}
        });
      }
    }
    counters.answered++;
    send(from, responder.answer(from, q));
    refreshCounters();
  }

  private void send(InetSocketAddress to, KrpcMessage message) {
    KrpcCodec.encode(message, (packet, length) -> sendPacket(to, packet, length));
  }

  private void sendPacket(InetSocketAddress to, byte[] packet) {
    sendPacket(to, packet, packet.length);
  }

  /** Sends the first {@code length} bytes of {@code packet} (a buffer the caller reuses). */
  private void sendPacket(InetSocketAddress to, byte[] packet, int length) {
    Endpoint e = endpoint;
    if (e == null || closed) {
      return;
    }
    counters.packetsOut++;
    counters.bytesOut += length;
    e.send(to, packet, length);
  }

  // ---------------------------------------------------------------- helpers

  /** Runs an operation on the node thread and relays its result. */
  private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> operation) {
    CompletableFuture<T> out = new CompletableFuture<>();
    scheduler.execute(() -> {
      if (closed) {
        out.completeExceptionally(new IllegalStateException("node closed"));
        return;
      }
      if (endpoint == null) {
        out.completeExceptionally(new IllegalStateException("node not started"));
        return;
      }
      try {
        operation.get().whenComplete((v, e) -> {
          refreshCounters();
          if (e != null) {
            out.completeExceptionally(e);
          } else {
            out.complete(v);
          }
        });
      } catch (RuntimeException e) {
        out.completeExceptionally(e);
      }
    });
    return out;
  }

  private static <T> void safely(Consumer<T> consumer, T value) {
    try {
      consumer.accept(value);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "listener failed", e);
    }
  }

  private void refreshCounters() {
    counters.tableSize = table.size();
    counters.buckets = table.bucketCount();
    counters.items = items.size();
    counters.itemBytes = items.bytes();
    counters.infohashes = peers.infohashCount();
    counters.peers = peers.peerCount();
  }

  /** Written only on the node thread, read by {@link #stats()} from any thread. */
  private static final class Counters {
    volatile int tableSize;
    volatile int buckets;
    volatile int items;
    volatile long itemBytes;
    volatile int infohashes;
    volatile int peers;
    volatile long packetsIn;
    volatile long packetsOut;
    volatile long bytesIn;
    volatile long bytesOut;
    volatile long rateLimited;
    volatile long malformed;
    volatile long unmatched;
    volatile long answered;
    volatile long requests;
    volatile long timeouts;
    volatile long lookups;
  }
}
