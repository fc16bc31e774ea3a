package network.shaga.dht.fuzz;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;
import network.shaga.dht.DhtStats;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcMessage;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.Request;

/**
 * Floods one live node (production defaults, real UDP on loopback) with valid queries from one
 * address at a fixed rate while a few well-behaved clients on other addresses keep querying it,
 * and measures how many of their queries are answered and how fast, and whether anything the
 * owners stored before the flood is lost. Order: owners store, one unmeasured second of flood,
 * one second of legit queries alone (the baseline), then the measured flood.
 */
public final class KrpcFlood {
  /** Well-behaved clients, each on its own loopback address. */
  public static final int LEGIT_CLIENTS = 4;
  /** Queries per second each of them sends, well under the node's per-address limit. */
  public static final int LEGIT_RATE = 50;
  /** A legit query unanswered after this counts as lost. */
  public static final Duration LEGIT_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration BASELINE = Duration.ofSeconds(1);
  /**
   * An unmeasured flood first: a node that has run for a while has its receive path compiled,
   * and the first second of a fresh JVM measures the JIT, not the node.
   */
  private static final Duration WARM_UP = Duration.ofSeconds(1);
  private static final int FLOOD_PACKETS = 64;
  private static final int OWNERS = 4;
  private static final int PING_MILLIS = 1_000;

  private KrpcFlood() {}

  /** Floods at {@code rate} datagrams per second for {@code duration}. */
  public static FloodReport run(long rate, Duration duration, long seed)
      throws IOException, InterruptedException {
    if (rate < 1 || duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("rate and duration must be positive");
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<KrpcProbe> probes = new ArrayList<>();
    try (LoggedFailures failures = LoggedFailures.watch("network.shaga.dht");
        DhtNode node = DhtNode.create(DhtConfig.builder().randomSeed(seed).build())) {
      KrpcFuzz.await(node.start());
      InetSocketAddress target = node.localAddress();
      List<KrpcProbe> owners = new ArrayList<>();
      for (int i = 0; i < OWNERS; i++) {
        owners.add(open(probes, 3 + i, random));
      }
      KrpcProbe witness = open(probes, 2, random);
      List<KrpcProbe> legit = new ArrayList<>();
      for (int i = 0; i < LEGIT_CLIENTS; i++) {
        legit.add(open(probes, 10 + i, random));
      }
      GuardedState guarded = GuardedState.store(target, owners, KrpcFuzz.GUARDED_ITEMS,
          KrpcFuzz.GUARDED_INFOHASHES, random.split());
      Phase.run(legit, target, WARM_UP, new Flooder(target, rate, WARM_UP, random.split()));
      long heapBefore = Heap.usedAfterGc();
      Phase baseline = Phase.run(legit, target, BASELINE, null);

      DhtStats before = node.stats();
      Flooder flooder = new Flooder(target, rate, duration, random.split());
      Phase flood = Phase.run(legit, target, duration, flooder);
      DhtStats after = node.stats();

      boolean answeringAfter = witness.query(target, new Request.Ping(), PING_MILLIS).isPresent();
      List<String> lost = guarded.differences(witness);
      long heapAfter = Heap.usedAfterGc();
      return new FloodReport(rate, flooder.sent, flooder.seconds, after.packetsIn()
          - before.packetsIn(), after.droppedRateLimited() - before.droppedRateLimited(),
          LEGIT_CLIENTS, flood.sent, flood.answered, FloodReport.Latency.of(flood.latencies),
          FloodReport.Latency.of(baseline.latencies), answeringAfter, heapBefore, heapAfter,
          guarded.size(), lost, failures.count(), failures.examples());
    } finally {
      probes.forEach(KrpcProbe::close);
    }
  }

  private static KrpcProbe open(List<KrpcProbe> probes, int host, SplittableRandom random)
      throws IOException {
    KrpcProbe probe = new KrpcProbe(Loopback.address(host), random.split());
    probes.add(probe);
    return probe;
  }

  /** The legit clients' queries over one period, with the flooder running beside them or not. */
  private static final class Phase {
    long sent;
    long answered;
    final List<Long> latencies = new ArrayList<>();

    static Phase run(List<KrpcProbe> clients, InetSocketAddress target, Duration length,
        Flooder flooder) throws InterruptedException, IOException {
      Phase phase = new Phase();
      List<Thread> threads = new ArrayList<>();
      List<Phase> parts = new ArrayList<>();
      IOException[] failure = new IOException[1];
      long end = System.nanoTime() + length.toNanos();
      for (KrpcProbe client : clients) {
        Phase part = new Phase();
        parts.add(part);
        threads.add(start("flood-legit", () -> {
          try {
            part.query(client, target, end);
          } catch (IOException e) {
            synchronized (failure) {
              failure[0] = e;
            }
          }
        }));
      }
      if (flooder != null) {
        threads.add(start("flood-sender", flooder));
      }
      for (Thread t : threads) {
        t.join();
      }
      if (failure[0] != null) {
        throw failure[0];
      }
      if (flooder != null && flooder.failure != null) {
        throw flooder.failure;
      }
      for (Phase part : parts) {
        phase.sent += part.sent;
        phase.answered += part.answered;
        phase.latencies.addAll(part.latencies);
      }
      return phase;
    }

    /**
     * Alternates pings and finds at {@link #LEGIT_RATE} until {@code end}, on schedule whether or
     * not earlier queries were answered (a lost answer must not slow the client down, or losses
     * would hide as fewer queries); an answer later than {@link #LEGIT_TIMEOUT} counts as lost.
     */
    private void query(KrpcProbe client, InetSocketAddress target, long end) throws IOException {
      long interval = 1_000_000_000L / LEGIT_RATE;
      long timeout = LEGIT_TIMEOUT.toNanos();
      Map<ByteBuffer, Long> outstanding = new HashMap<>();
      long next = System.nanoTime();
      long now;
      while ((now = System.nanoTime()) < end + timeout && (now < end || !outstanding.isEmpty())) {
        if (now >= next && now < end) {
          byte[] tid = new byte[4];
          client.random().nextBytes(tid);
          Request request = sent % 2 == 0 ? new Request.Ping()
              : new Request.FindNode(NodeId.random(client.random()));
          outstanding.put(ByteBuffer.wrap(tid), System.nanoTime());
          client.send(target, tid, request);
          sent++;
          next += interval;
          continue;
        }
        long wait = Math.max(1, ((now < end ? next : end + timeout) - now) / 1_000_000L);
        Optional<KrpcMessage> reply = client.receive((int) wait);
        if (reply.isPresent()) {
          Long at = outstanding.remove(ByteBuffer.wrap(reply.get().transactionId()));
          long latency = System.nanoTime() - (at == null ? 0 : at);
          if (at != null && latency <= timeout) {
            answered++;
            latencies.add(latency);
          }
        }
      }
    }
  }

  private static Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Sends valid queries from one address, paced to the target rate. */
  private static final class Flooder implements Runnable {
    private final InetSocketAddress target;
    private final long rate;
    private final Duration duration;
    private final List<ByteBuffer> packets = new ArrayList<>();
    volatile long sent;
    volatile double seconds;
    volatile IOException failure;

    Flooder(InetSocketAddress target, long rate, Duration duration, SplittableRandom random) {
      this.target = target;
      this.rate = rate;
      this.duration = duration;
      for (int i = 0; i < FLOOD_PACKETS; i++) {
        NodeId someone = NodeId.random(random);
        Request request = switch (i % 4) {
          case 0 -> new Request.Ping();
          case 1 -> new Request.FindNode(NodeId.random(random));
          case 2 -> new Request.GetPeers(NodeId.random(random));
          default -> new Request.Get(NodeId.random(random), null);
        };
        byte[] tid = {(byte) i, (byte) (i >> 8)};
        packets.add(ByteBuffer.wrap(KrpcCodec.encode(new KrpcQuery(tid, someone, false, null,
            request))));
      }
    }

    @Override
    public void run() {
      try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
        channel.bind(new InetSocketAddress(Loopback.address(1), 0));
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long count = 0;
        long now;
        while ((now = System.nanoTime()) < end) {
          long due = (long) ((now - start) / 1e9 * rate);
          while (count < due) {
            ByteBuffer packet = packets.get((int) (count % FLOOD_PACKETS));
            channel.send(packet.duplicate(), target);
            count++;
          }
          sent = count;
          LockSupport.parkNanos(50_000);
        }
        sent = count;
        seconds = (System.nanoTime() - start) / 1e9;
      } catch (IOException e) {
        failure = e;
      }
    }
  }
}
