package network.shaga.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.fuzz.KrpcMutator;
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
      KrpcMutator mutator = new KrpcMutator(random);
      List<byte[]> seeds = mutator.seeds(new byte[8]);
      Runtime rt = Runtime.getRuntime();
      System.gc();
      long heapBefore = rt.totalMemory() - rt.freeMemory();

      long received0 = target.stats().packetsIn();
      for (int i = 0; i < PACKETS; i++) {
        fuzzer.sendRaw(address, mutator.mutate(seeds.get(random.nextInt(seeds.size()))));
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
}
