package network.shaga.dht.sim;

import java.time.Duration;

/**
 * A workload: build {@code nodes}, store {@code items} mutable items, run {@code lookups} gets,
 * optionally churn (replace {@code churnPerMinute} of the nodes per minute for
 * {@code churnDuration}), kill {@code killFraction} of the nodes at once, then look everything
 * up again right away and after two {@code replicationInterval}s.
 */
public record Scenario(
    int nodes,
    int items,
    int lookups,
    int lookupConcurrency,
    double killFraction,
    int k,
    Duration replicationInterval,
    double churnPerMinute,
    Duration churnDuration,
    long seed) {

  /** Defaults: 8 items, 200 lookups one at a time, no churn, a third killed, K = 8. */
  public static Scenario of(int nodes) {
    return new Scenario(nodes, 8, 200, 1, 1.0 / 3, 8, Duration.ofSeconds(10), 0, Duration.ZERO,
        1);
  }

  public Scenario withItems(int v) {
    return new Scenario(nodes, v, lookups, lookupConcurrency, killFraction, k,
        replicationInterval, churnPerMinute, churnDuration, seed);
  }

  public Scenario withLookups(int v, int concurrency) {
    return new Scenario(nodes, items, v, concurrency, killFraction, k, replicationInterval,
        churnPerMinute, churnDuration, seed);
  }

  public Scenario withKill(double v) {
    return new Scenario(nodes, items, lookups, lookupConcurrency, v, k, replicationInterval,
        churnPerMinute, churnDuration, seed);
  }

  public Scenario withReplication(Duration v) {
    return new Scenario(nodes, items, lookups, lookupConcurrency, killFraction, k, v,
        churnPerMinute, churnDuration, seed);
  }

  public Scenario withK(int v) {
    return new Scenario(nodes, items, lookups, lookupConcurrency, killFraction, v,
        replicationInterval, churnPerMinute, churnDuration, seed);
  }

  /** Replaces {@code fractionPerMinute} of the nodes per minute, for {@code duration}. */
  public Scenario withChurn(double fractionPerMinute, Duration duration) {
    return new Scenario(nodes, items, lookups, lookupConcurrency, killFraction, k,
        replicationInterval, fractionPerMinute, duration, seed);
  }

  public Scenario withSeed(long v) {
    return new Scenario(nodes, items, lookups, lookupConcurrency, killFraction, k,
        replicationInterval, churnPerMinute, churnDuration, v);
  }
}
