package network.shaga.dht.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import lbms.plugins.mldht.DHTConfiguration;
import lbms.plugins.mldht.kad.DHT;
import lbms.plugins.mldht.kad.GenericStorage;
import lbms.plugins.mldht.kad.Key;
import lbms.plugins.mldht.kad.RPCServer;
import lbms.plugins.mldht.kad.tasks.AnnounceTask;
import lbms.plugins.mldht.kad.tasks.GetLookupTask;
import lbms.plugins.mldht.kad.tasks.PeerLookupTask;
import lbms.plugins.mldht.kad.tasks.PutTask;
import lbms.plugins.mldht.kad.tasks.Task;
import net.i2p.crypto.eddsa.EdDSAPrivateKey;
import net.i2p.crypto.eddsa.spec.EdDSAPrivateKeySpec;

/**
 * mldht ({@code lbms.plugins.mldht}, shaded into {@code com.github.atomashpolskiy:bt-dht} 1.10)
 * nodes, one {@link DHT} per bind address. mldht refuses loopback, private and bogon addresses,
 * so this runs only with globally routable-looking addresses (the benchmark's namespace uses
 * 198.18.0.0/15).
 *
 * <p>Two things mldht's own client code does and a bare library user must do too: it queues
 * tasks and starts them on its 1 s update tick, so each task is followed by a {@code dequeue}
 * kick; and a node enters mldht's routing tables only once it answered a query, so each node
 * pings its seeds itself and the seeds ping back whoever queried them.
 */
final class MldhtBackend implements NodeBackend {
  private static final System.Logger LOG = System.getLogger(MldhtBackend.class.getName());
  private static final String VERSION = "1.10 (bt-dht)";
  private static final long SERVER_TIMEOUT_S = 30;
  private static final long BIND_POLL_MS = 10;

  private final List<DHT> nodes = new ArrayList<>();
  private final List<InetSocketAddress> addresses = new ArrayList<>();
  private final List<List<InetSocketAddress>> nodeSeeds = new ArrayList<>();
  private final Path storage;

  MldhtBackend(List<InetAddress> hosts, int port, List<InetSocketAddress> bootstrap,
      int seedNodes, long randomSeed) {
    DHT.setLogLevel(DHT.LogLevel.Fatal);
    try {
      storage = Files.createTempDirectory("mldht-bench");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create mldht storage directory", e);
    }
    SplittableRandom random = new SplittableRandom(randomSeed);
    // Every node binds first and mldht brings their servers up together on its next tick;
    // waiting for each server before starting the next made 200 nodes take minutes.
    for (InetAddress host : hosts) {
      DHT dht = new DHT(DHT.DHTtype.IPV4_DHT);
      try {
        dht.start(config(host, port));
      } catch (SocketException e) {
        throw new UncheckedIOException("mldht cannot bind " + host + ":" + port, e);
      }
      nodes.add(dht);
    }
    for (int i = 0; i < hosts.size(); i++) {
      DHT dht = nodes.get(i);
      List<InetSocketAddress> seeds = new ArrayList<>(bootstrap);
      seeds.addAll(Seeds.pick(addresses, seedNodes, random));
      RPCServer server = server(dht);
      // Answering a query is what gets a node into mldht tables: ping back every querier once.
      Set<InetSocketAddress> pinged = ConcurrentHashMap.newKeySet();
      dht.addIncomingMessageListener((d, message) -> {
        InetSocketAddress from = message.getOrigin();
        if (from != null && pinged.add(from)) {
          server.ping(from);
        }
      });
      seeds.forEach(server::ping);
      dht.bootstrap();
      nodeSeeds.add(List.copyOf(seeds));
      addresses.add(new InetSocketAddress(hosts.get(i), server.getPort()));
    }
  }

  private DHTConfiguration config(InetAddress host, int port) {
    Path dir = storage.resolve(host.getHostAddress());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return new DHTConfiguration() {
      @Override
      public boolean isPersistingID() {
        return false;
      }

      @Override
      public Path getStoragePath() {
        return dir;
      }

      @Override
      public int getListeningPort() {
        return port;
      }

      @Override
      public boolean noRouterBootstrap() {
        return true;
      }

      @Override
      public boolean allowMultiHoming() {
        // With multihoming off mldht binds only the default route's address; on, it binds every
        // address the filter accepts, here exactly this node's.
        return true;
      }

      @Override
      public Predicate<InetAddress> filterBindAddress() {
        return host::equals;
      }
    };
  }

  /**
   * The node's RPC server. mldht calls a server "active" only once it is known to be reachable,
   * which the first node of a network never is; the bound server is what a lookup runs on.
   */
  private static RPCServer server(DHT dht) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SERVER_TIMEOUT_S);
    while (System.nanoTime() < deadline) {
      List<RPCServer> servers = dht.getServerManager().getAllServers();
      // A ping sent before the server runs is silently dropped.
      if (!servers.isEmpty() && servers.get(0).getState() == RPCServer.State.RUNNING) {
        return servers.get(0);
      }
      try {
        Thread.sleep(BIND_POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for mldht to bind", e);
      }
    }
    throw new IllegalStateException("mldht did not bind within " + SERVER_TIMEOUT_S + " s");
  }

  @Override
  public String implementation() {
    return "mldht";
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public List<InetSocketAddress> addresses() {
    return List.copyOf(addresses);
  }

  @Override
  public int[] tableSizes() {
    int[] sizes = nodes.stream().mapToInt(d -> d.getNode().getNumEntriesInRoutingTable()).toArray();
    // mldht's own bootstrap needs routers (disabled here); a node whose seeds were all busy
    // would stay alone, so it asks them again, as a user feeding it contacts would.
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] == 0) {
        RPCServer server = server(nodes.get(i));
        nodeSeeds.get(i).forEach(server::ping);
      }
    }
    return sizes;
  }

  @Override
  public long packets(int node) {
    return nodes.get(node).getServerManager().getAllServers().stream()
        .mapToLong(s -> (long) s.getNumSent() + s.getNumReceived())
        .sum();
  }

  @Override
  public CompletableFuture<Integer> putMutable(
      int node, byte[] seed, byte[] salt, long seq, byte[] v) {
    DHT dht = nodes.get(node);
    GenericStorage.StorageItem item;
    try {
      EdDSAPrivateKey key = new EdDSAPrivateKey(
          new EdDSAPrivateKeySpec(seed, GenericStorage.StorageItem.spec));
      item = GenericStorage.buildMutable(Bencoded.decodeString(v), key, salt, seq);
    } catch (java.security.GeneralSecurityException e) {
      return CompletableFuture.failedFuture(e);
    }
    RPCServer server = server(dht);
    Key target = item.fingerprint();
    GetLookupTask lookup = new GetLookupTask(target, server, dht.getNode());
    return run(dht, lookup).thenCompose(done -> {
      PutTask put = new PutTask(server, dht.getNode(), lookup.getTokens(), item);
      return run(dht, put).thenApply(done2 -> put.getRecvResponses());
    });
  }

  @Override
  public CompletableFuture<Optional<Found>> getMutable(int node, byte[] publicKey, byte[] salt) {
    DHT dht = nodes.get(node);
    Key target = GenericStorage.fingerprint(publicKey, salt, null);
    GetLookupTask task = new GetLookupTask(target, server(dht), dht.getNode());
    task.expectedSalt(salt);
    AtomicReference<GenericStorage.StorageItem> best = new AtomicReference<>();
    task.setValueConsumer(item -> best.accumulateAndGet(item,
        (a, b) -> a == null || b.seq() > a.seq() ? b : a));
    return run(dht, task).thenApply(done -> Optional.ofNullable(best.get()).map(item -> {
      ByteBuffer raw = item.getRawValue();
      byte[] bytes = new byte[raw.remaining()];
      raw.get(bytes);
      return new Found(bytes, item.seq());
    }));
  }

  @Override
  public CompletableFuture<Integer> announce(int node, byte[] infohash) {
    DHT dht = nodes.get(node);
    RPCServer server = server(dht);
    PeerLookupTask lookup = new PeerLookupTask(server, dht.getNode(), new Key(infohash));
    lookup.setNoAnnounce(false);
    return run(dht, lookup).thenCompose(done -> {
      AnnounceTask announce = new AnnounceTask(server, dht.getNode(), new Key(infohash),
          server.getPort(), lookup.getAnnounceCanidates());
      return run(dht, announce).thenApply(done2 -> announce.getRecvResponses());
    });
  }

  @Override
  public CompletableFuture<Set<InetSocketAddress>> getPeers(int node, byte[] infohash) {
    DHT dht = nodes.get(node);
    PeerLookupTask task = new PeerLookupTask(server(dht), dht.getNode(), new Key(infohash));
    task.setNoAnnounce(true);
    task.useCache(false);
    Set<InetSocketAddress> peers = Collections.synchronizedSet(new java.util.LinkedHashSet<>());
    task.setResultHandler((from, item) -> peers.add(item.toSocketAddress()));
    return run(dht, task).thenApply(done -> Set.copyOf(peers));
  }

  /** Adds the task and starts it now instead of on mldht's next update tick. */
  private static CompletableFuture<Void> run(DHT dht, Task task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    task.addListener(t -> done.complete(null));
    dht.getTaskManager().addTask(task);
    dht.getTaskManager().dequeue();
    return done;
  }

  @Override
  public void close() {
    for (DHT dht : nodes) {
      try {
        dht.stop();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.DEBUG, "mldht stop", e);
      }
    }
    try (var files = Files.walk(storage)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "removing " + storage, e);
    }
  }
}
