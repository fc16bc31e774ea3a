package network.shaga.dht.fuzz;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcMessage;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.Request;

/**
 * Fires fuzzed KRPC datagrams at a live node on real UDP (loopback) while owners at other
 * addresses hold items and peer entries on it, then runs the node's own lookups against a peer
 * that answers with garbage ({@link HostilePeer}), and checks that the node still answers, kept
 * its heap bounded, logged no internal error, refused every invalid write, ended every lookup and
 * still holds exactly what the owners stored. The node's rate limit is off so every datagram
 * reaches the parser.
 */
public final class KrpcFuzz {
  /** Mutable items (and as many immutable ones) the owners store. */
  static final int GUARDED_ITEMS = 8;
  static final int GUARDED_INFOHASHES = 4;
  private static final int OWNERS = 4;
  /** Rounds per run: each refreshes the attacker's token, re-sends the invalid writes, pings. */
  private static final int ROUNDS = 10;
  /**
   * Datagrams in flight before the fuzzer waits for the node: up to 4 KB each, so the node's
   * socket buffer (256 KB) never overflows and every datagram is read.
   */
  private static final int WINDOW = 48;
  private static final int PING_MILLIS = 1_000;
  private static final int MIN_LOOKUPS = 24;
  private static final int MAX_LOOKUPS = 240;
  private static final int PACKETS_PER_LOOKUP = 5_000;
  private static final int LOOKUP_BATCH = 12;
  /** Far longer than any lookup on loopback takes, even one that times out on every contact. */
  private static final Duration LOOKUP_LIMIT = Duration.ofSeconds(30);

  private KrpcFuzz() {}

  /** Runs {@code packets} fuzzed datagrams from {@code seed} against a fresh node. */
  public static KrpcFuzzReport run(long packets, long seed)
      throws IOException, InterruptedException {
    if (packets < 1) {
      throw new IllegalArgumentException("packets must be at least 1");
    }
    long started = System.nanoTime();
    SplittableRandom random = new SplittableRandom(seed);
    try (LoggedFailures failures = LoggedFailures.watch("network.shaga.dht");
        DhtNode node = DhtNode.create(DhtConfig.builder().rateLimit(0, 0).randomSeed(seed).build());
        Probes probes = new Probes(random)) {
      await(node.start());
      InetSocketAddress target = node.localAddress();
      GuardedState guarded = GuardedState.store(target, probes.owners, GUARDED_ITEMS,
          GUARDED_INFOHASHES, random.split());
      KrpcMutator mutator = new KrpcMutator(random.split());
      long heapBefore = Heap.usedAfterGc();
      long in0 = node.stats().packetsIn();
      long malformed0 = node.stats().droppedMalformed();
      long answered0 = node.stats().queriesAnswered();

      long sent = 0;
      long probeTraffic = 0;
      long hostileWrites = 0;
      long hostileAccepted = 0;
      int pings = 0;
      int answered = 0;
      long perRound = Math.max(1, packets / ROUNDS);
      List<byte[]> seeds = List.of();
      List<byte[]> hostile = List.of();
      while (sent < packets) {
        if (sent % perRound == 0) {
          // Let the node drain first: a probe's query must not land in a socket buffer the
          // fuzzer filled, or a lost ping would blame the node for the harness.
          awaitReceived(node, in0 + sent + probeTraffic);
          byte[] attackerToken = token(probes.attacker, target);
          GuardedState.Hostile writes = guarded.hostile(attackerToken,
              token(probes.owners.get(0), target), random);
          seeds = mutator.seeds(attackerToken);
          hostile = new ArrayList<>();
          for (Request r : writes.mutable()) {
            hostile.add(GuardedState.packet(r, new byte[] {7, 7}, NodeId.random(random)));
          }
          hostileWrites += writes.verbatim().size();
          hostileAccepted += GuardedState.accepted(probes.attacker, target, writes.verbatim());
          probeTraffic += 2 + writes.verbatim().size() + 1;
          pings++;
          answered += probes.witness.query(target, new Request.Ping(), PING_MILLIS).isPresent()
              ? 1 : 0;
        }
        List<byte[]> pool = random.nextInt(4) == 0 ? hostile : seeds;
        probes.fuzzer.send(target, mutator.mutate(pool.get(random.nextInt(pool.size()))));
        sent++;
        if (sent % WINDOW == 0) {
          awaitReceived(node, in0 + probeTraffic + sent - WINDOW / 8);
        }
      }
      awaitReceived(node, in0 + probeTraffic + sent);
      long in = node.stats().packetsIn() - in0 - probeTraffic;
      long malformed = node.stats().droppedMalformed() - malformed0;
      long queries = node.stats().queriesAnswered() - answered0;
      Lookups lookups = hostileLookups(node, packets, random);
      boolean answeringAfter = probes.witness.query(target, new Request.Ping(), PING_MILLIS)
          .isPresent();
      List<String> changed = guarded.differences(probes.witness);
      long heapAfter = Heap.usedAfterGc();
      return new KrpcFuzzReport(seed, sent, in, malformed, queries, hostileWrites,
          hostileAccepted, pings, answered, answeringAfter, heapBefore, heapAfter,
          node.stats().routingTableSize(), node.stats().storedItems(), guarded.size(), changed,
          lookups.run(), lookups.unfinished(), lookups.answers(), failures.count(),
          failures.examples(), (System.nanoTime() - started) / 1_000_000);
    }
  }

  /** How the node's own lookups fared against a peer that answers with garbage. */
  private record Lookups(int run, int unfinished, long answers) {}

  /**
   * Runs lookups (get_peers, immutable and mutable get) whose only contact is a {@link
   * HostilePeer}, {@link #LOOKUP_BATCH} at a time: each must end, found or not, within
   * {@link #LOOKUP_LIMIT}.
   */
  private static Lookups hostileLookups(DhtNode node, long packets, SplittableRandom random)
      throws IOException, InterruptedException {
    int count = (int) Math.min(MAX_LOOKUPS, Math.max(MIN_LOOKUPS, packets / PACKETS_PER_LOOKUP));
    int unfinished = 0;
    try (HostilePeer peer = new HostilePeer(7, random.split())) {
      // Its answer to a ping makes it a contact (a mutated answer may not: ping a few times).
      for (int i = 0; i < 4; i++) {
        settle(node.ping(peer.address()));
      }
      for (int done = 0; done < count; done += LOOKUP_BATCH) {
        List<CompletableFuture<?>> batch = new ArrayList<>();
        for (int i = done; i < Math.min(count, done + LOOKUP_BATCH); i++) {
          byte[] target = new byte[20];
          random.nextBytes(target);
          byte[] key = new byte[32];
          random.nextBytes(key);
          batch.add(switch (i % 3) {
            case 0 -> node.getPeers(target);
            case 1 -> node.getImmutable(target);
            default -> node.get(key, null);
          });
        }
        for (CompletableFuture<?> lookup : batch) {
          unfinished += settle(lookup) ? 0 : 1;
        }
      }
      return new Lookups(count, unfinished, peer.answered());
    }
  }

  /** Waits for an operation; false if it had not ended (with any outcome) within the limit. */
  private static boolean settle(CompletableFuture<?> operation) throws InterruptedException {
    try {
      operation.get(LOOKUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException e) {
      return true;
    } catch (TimeoutException e) {
      return false;
    }
  }

  static <T> T await(CompletableFuture<T> future) throws IOException, InterruptedException {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("the node under test did not start", e);
    }
  }

  static byte[] token(KrpcProbe probe, InetSocketAddress node) throws IOException {
    KrpcMessage reply = probe.query(node, new Request.Get(NodeId.sha1(new byte[] {1}), null),
        PING_MILLIS).orElseThrow(() -> new IOException("the node under test gave no token"));
    if (!(reply instanceof KrpcResponse r) || r.token() == null) {
      throw new IOException("the node under test gave no token: " + reply);
    }
    return r.token();
  }

  /** Waits until the node read {@code count} datagrams, or stopped making progress. */
  static void awaitReceived(DhtNode node, long count) throws InterruptedException {
    long last = node.stats().packetsIn();
    long lastChange = System.nanoTime();
    while (last < count && System.nanoTime() - lastChange < 300_000_000L) {
      Thread.sleep(0, 200_000);
      long now = node.stats().packetsIn();
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      }
    }
  }

  /** The run's sockets, each on its own loopback address so the node tells them apart. */
  private static final class Probes implements AutoCloseable {
    final KrpcProbe fuzzer;
    final KrpcProbe attacker;
    final KrpcProbe witness;
    final List<KrpcProbe> owners = new ArrayList<>();

    Probes(SplittableRandom random) throws IOException {
      fuzzer = new KrpcProbe(Loopback.address(1), random.split());
      attacker = new KrpcProbe(Loopback.address(1), random.split());
      witness = new KrpcProbe(Loopback.address(2), random.split());
      for (int i = 0; i < OWNERS; i++) {
        owners.add(new KrpcProbe(Loopback.address(3 + i), random.split()));
      }
    }

    @Override
    public void close() {
      fuzzer.close();
      attacker.close();
      witness.close();
      owners.forEach(KrpcProbe::close);
    }
  }
}
