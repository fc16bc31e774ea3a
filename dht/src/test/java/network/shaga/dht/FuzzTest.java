package network.shaga.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 10^5 random and mutated datagrams against a live node. */
class FuzzTest {
  private static final int PACKETS = 100_000;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void nodeSurvivesGarbageAndStillAnswers() throws Exception {
    try (LocalSwarm swarm = new LocalSwarm(2).start(3, b -> b);
        RawClient fuzzer = new RawClient()) {
      DhtNode target = swarm.get(0);
      InetSocketAddress address = target.localAddress();
      SplittableRandom random = new SplittableRandom(2026);
      List<byte[]> seeds = validPackets(random);
      Runtime rt = Runtime.getRuntime();
      System.gc();
      long heapBefore = rt.totalMemory() - rt.freeMemory();

      long received0 = target.stats().packetsIn();
      for (int i = 0; i < PACKETS; i++) {
        fuzzer.sendRaw(address, mutate(seeds.get(random.nextInt(seeds.size())), random));
        if (i % 200 == 199) {
          // Let the node drain so the socket buffer does not silently eat the corpus.
          awaitReceived(target, received0 + i + 1 - 20);
        }
      }
      awaitReceived(target, received0 + PACKETS);
      DhtStats stats = target.stats();
      assertThat(stats.packetsIn() - received0).isGreaterThan((long) (PACKETS * 0.9));
      assertThat(stats.droppedMalformed()).isGreaterThan(PACKETS / 10);
      assertThat(stats.routingTableSize()).isLessThan(200);

      Duration rtt = swarm.get(1).ping(address).get(5, TimeUnit.SECONDS);
      assertThat(rtt).isLessThan(Duration.ofSeconds(1));
      System.gc();
      long heapAfter = rt.totalMemory() - rt.freeMemory();
      assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(64L << 20);
      // The node still does real work after the storm.
      StoreResult r = swarm.get(2).putImmutable(Bencode.encode("still here")).get(5, TimeUnit.SECONDS);
      assertThat(r.acks()).isEqualTo(2);
    }
  }

  /** Waits until the node saw {@code count} packets or stopped making progress. */
  private static void awaitReceived(DhtNode node, long count) throws InterruptedException {
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

  private static List<byte[]> validPackets(SplittableRandom random) {
    List<byte[]> out = new ArrayList<>();
    NodeId id = NodeId.random(random);
    byte[] tid = {1, 2};
    List<Request> requests = List.of(
        new Request.Ping(),
        new Request.FindNode(NodeId.random(random)),
        new Request.GetPeers(NodeId.random(random)),
        new Request.AnnouncePeer(NodeId.random(random), 6881, false, new byte[8], 60L, null),
        new Request.Get(NodeId.random(random), 3L),
        new Request.Put(new byte[8], Bencode.encode("v"), new byte[32], new byte[4], 1L,
            new byte[64], null, 30L),
        new Request.Put(new byte[8], Bencode.encode(List.of(1L, "x")), null, null, null, null,
            null, null));
    for (Request r : requests) {
      out.add(KrpcCodec.encode(new KrpcQuery(tid, id, false, new byte[] {'S', 'G', 0, 1}, r)));
    }
    out.add(KrpcCodec.encode(KrpcResponse.ack(tid, id, null)));
    out.add(KrpcCodec.encode(new network.shaga.dht.krpc.KrpcError(tid, 201, "x")));
    return out;
  }

  private static byte[] mutate(byte[] seed, SplittableRandom random) {
    switch (random.nextInt(6)) {
      case 0: {
        byte[] junk = new byte[random.nextInt(1, 1500)];
        random.nextBytes(junk);
        return junk;
      }
      case 1: {
        byte[] b = seed.clone();
        for (int i = random.nextInt(1, 5); i > 0; i--) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
      }
      case 2:
        return java.util.Arrays.copyOf(seed, random.nextInt(1, seed.length));
      case 3: {
        // Deep nesting and huge declared lengths.
        String s = random.nextBoolean() ? "l".repeat(random.nextInt(10, 4000))
            : "d1:t2:aa1:y1:q1:q4:ping1:a" + random.nextInt(1 << 30) + ":x";
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      }
      case 4: {
        byte[] b = seed.clone();
        int from = random.nextInt(b.length);
        int to = random.nextInt(b.length);
        byte tmp = b[from];
        b[from] = b[to];
        b[to] = tmp;
        return b;
      }
      default:
        return seed;
    }
  }
}
