package network.shaga.dht.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import network.shaga.dht.NodeId;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
  private static final long NOW = 1_000_000_000_000L;
  private final SplittableRandom random = new SplittableRandom(42);
  private final NodeId self = NodeId.random(random);
  private int port = 10_000;

  private InetSocketAddress nextAddress() {
    return new InetSocketAddress("127.0.0.1", port++);
  }

  @Test
  void splitsTheOwnBucketAndHoldsManyNodes() {
    RoutingTable table = new RoutingTable(self, 8, NOW);
    for (int i = 0; i < 2000; i++) {
      table.seen(NodeId.random(random), nextAddress(), true, NOW);
    }
    assertThat(table.bucketCount()).isGreaterThan(5);
    // Roughly K per bucket level (log2(2000) ~ 11 levels of 8), plus the wide far buckets that
    // keep 64, 32 and 16 instead of 8.
    int wideExtra = (64 - 8) + (32 - 8) + (16 - 8);
    assertThat(table.size()).isBetween(table.bucketCount() * 4 + wideExtra / 2,
        table.bucketCount() * 8 + wideExtra);
    assertThat(table.entries()).hasSize(table.size());
    // Half of all ids are in the farthest bucket: it is full at 8 K.
    assertThat(table.entries().stream().filter(e -> self.commonPrefixLength(e.id()) == 0))
        .hasSize(64);
  }

  @Test
  void withoutWideBucketsEveryLevelHoldsK() {
    RoutingTable table = new RoutingTable(self, 8, 0, NOW);
    for (int i = 0; i < 2000; i++) {
      table.seen(NodeId.random(random), nextAddress(), true, NOW);
    }
    assertThat(table.size()).isBetween(table.bucketCount() * 4, table.bucketCount() * 8);
  }

  @Test
  void farBucketIsFullThenParksNewcomersAndAsksToPingTheOldest() {
    RoutingTable table = new RoutingTable(self, 2, 0, NOW);
    // Ids differing from self in the first bit all land in bucket 0 once it has split.
    List<NodeId> far = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      far.add(self.randomWithPrefix(0, random));
    }
    table.seen(self.randomWithPrefix(5, random), nextAddress(), true, NOW);
    table.seen(self.randomWithPrefix(6, random), nextAddress(), true, NOW);
    InetSocketAddress a0 = nextAddress();
    table.seen(far.get(0), a0, false, NOW);
    table.seen(far.get(1), nextAddress(), false, NOW);
    RoutingTable.Outcome o = table.seen(far.get(2), nextAddress(), true, NOW);
    assertThat(o).isInstanceOf(RoutingTable.Outcome.PingToEvict.class);
    RoutingEntry candidate = ((RoutingTable.Outcome.PingToEvict) o).candidate();
    assertThat(candidate.id()).isEqualTo(far.get(0));
    assertThat(table.get(far.get(2))).isEmpty();

    table.evict(candidate.id(), candidate.address());
    assertThat(table.get(far.get(0))).isEmpty();
    assertThat(table.get(far.get(2))).isPresent();
  }

  @Test
  void nodesGoBadAfterRepeatedFailuresAndAreSkipped() {
    RoutingTable table = new RoutingTable(self, 8, NOW);
    NodeId id = NodeId.random(random);
    InetSocketAddress address = nextAddress();
    table.seen(id, address, true, NOW);
    assertThat(table.get(id).orElseThrow().isGood(NOW, RoutingTable.GOOD_FOR_NANOS)).isTrue();
    assertThat(table.get(id).orElseThrow().isGood(NOW + RoutingTable.GOOD_FOR_NANOS,
        RoutingTable.GOOD_FOR_NANOS)).isFalse();
    table.failed(id, address);
    assertThat(table.closest(id, 8)).hasSize(1);
    table.failed(id, address);
    assertThat(table.closest(id, 8)).isEmpty();
    table.seen(id, address, true, NOW);
    assertThat(table.closest(id, 8)).hasSize(1);
  }

  @Test
  void oneAddressCannotClaimSeveralIdsAndAnIdCannotMove() {
    RoutingTable table = new RoutingTable(self, 8, NOW);
    InetSocketAddress address = nextAddress();
    NodeId first = NodeId.random(random);
    table.seen(first, address, true, NOW);
    assertThat(table.seen(NodeId.random(random), address, true, NOW))
        .isInstanceOf(RoutingTable.Outcome.Ignored.class);
    assertThat(table.seen(first, nextAddress(), true, NOW))
        .isInstanceOf(RoutingTable.Outcome.Ignored.class);
    assertThat(table.size()).isEqualTo(1);
    assertThat(table.seen(self, nextAddress(), true, NOW))
        .isInstanceOf(RoutingTable.Outcome.Ignored.class);
  }

  @Property(tries = 50)
  void closestReturnsTheTrulyClosestKnownNodes(@ForAll long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    NodeId me = NodeId.random(r);
    RoutingTable table = new RoutingTable(me, 8, NOW);
    for (int i = 0; i < 300; i++) {
      table.seen(NodeId.random(r), new InetSocketAddress("127.0.0.1", 1000 + i), true, NOW);
    }
    // Targets far from us and ever closer to our own id (they fall in ever deeper buckets).
    for (int prefix : new int[] {0, 1, 3, 6, 10, 40}) {
      NodeId target = prefix == 0 ? NodeId.random(r) : me.randomWithPrefix(prefix, r);
      List<NodeId> expected = new ArrayList<>();
      for (RoutingEntry e : table.entries()) {
        expected.add(e.id());
      }
      expected.sort(Comparator.comparing(id -> id, target::compareDistance));
      for (int n : new int[] {8, 24}) {
        List<NodeId> got = table.closest(target, n).stream().map(RoutingEntry::id).toList();
        assertThat(got).as("prefix %d, n %d", prefix, n)
            .containsExactlyElementsOf(expected.subList(0, n));
      }
      // With a filter (as answers skip contacts of the other address family): the closest that pass.
      List<NodeId> evenPorts = table.entries().stream().filter(e -> e.address().getPort() % 2 == 0)
          .map(RoutingEntry::id).sorted(Comparator.comparing(id -> id, target::compareDistance))
          .toList();
      assertThat(table.closest(target, 16, e -> e.address().getPort() % 2 == 0).stream()
          .map(RoutingEntry::id).toList()).as("prefix %d, even ports", prefix)
          .containsExactlyElementsOf(evenPorts.subList(0, 16));
    }
  }

  @Test
  void silentContactsAreBadOnesStillHeldAndRecentlyDroppedOnesUntilTheyAnswer() {
    RoutingTable table = new RoutingTable(self, 2, 0, NOW);
    NodeId far1 = self.randomWithPrefix(0, random);
    NodeId far2 = self.randomWithPrefix(0, random);
    InetSocketAddress a1 = nextAddress();
    InetSocketAddress a2 = nextAddress();
    table.seen(far1, a1, true, NOW);
    table.seen(far2, a2, true, NOW);
    assertThat(table.silentContacts(8, NOW, Long.MAX_VALUE, random)).isEmpty();
    table.failed(far1, a1);
    table.failed(far1, a1);
    assertThat(table.silentContacts(8, NOW, Long.MAX_VALUE, random))
        .extracting(n -> n.id()).containsExactly(far1);
    // A newcomer takes the bad one's place: it is dropped, and still worth asking for a while.
    NodeId newcomer = self.randomWithPrefix(0, random);
    table.seen(newcomer, nextAddress(), true, NOW + 1);
    assertThat(table.get(far1)).isEmpty();
    assertThat(table.silentContacts(8, NOW + 2, 1_000, random)).extracting(n -> n.id())
        .containsExactly(far1);
    assertThat(table.silentContacts(8, NOW + 5_000, 1_000, random)).as("too long ago").isEmpty();
    table.failed(far2, a2);
    table.failed(far2, a2);
    assertThat(table.silentContacts(1, NOW, Long.MAX_VALUE, random)).hasSize(1);
    // It answers again: no longer silent.
    table.seen(far2, a2, true, NOW + 10);
    assertThat(table.silentContacts(8, NOW + 10, Long.MAX_VALUE, random)).isEmpty();
  }

  @Test
  void staleBucketsYieldRefreshTargetsInsideThem() {
    RoutingTable table = new RoutingTable(self, 8, NOW);
    for (int i = 0; i < 100; i++) {
      table.seen(NodeId.random(random), nextAddress(), true, NOW);
    }
    long later = NOW + 16L * 60 * 1_000_000_000L;
    List<NodeId> targets = table.refreshTargets(later, 15L * 60 * 1_000_000_000L, random);
    assertThat(targets).hasSize(table.bucketCount());
    for (int i = 0; i < targets.size(); i++) {
      assertThat(self.commonPrefixLength(targets.get(i))).isEqualTo(i);
    }
    assertThat(table.refreshTargets(later, 15L * 60 * 1_000_000_000L, random)).isEmpty();
  }

  @Test
  void rttEstimatorAdaptsTheTimeout() {
    RttEstimator rtt = new RttEstimator();
    assertThat(rtt.timeoutNanos(1_000_000, 5_000_000_000L, 777)).isEqualTo(777);
    for (int i = 0; i < 20; i++) {
      rtt.sample(200_000);
    }
    assertThat(rtt.timeoutNanos(1_000_000, 5_000_000_000L, 777)).isEqualTo(1_000_000);
    for (int i = 0; i < 20; i++) {
      rtt.sample(300_000_000);
    }
    assertThat(rtt.timeoutNanos(1_000_000, 5_000_000_000L, 777)).isBetween(300_000_000L, 1_500_000_000L);
  }
}
