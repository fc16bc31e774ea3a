package network.shaga.dht.sim;

import java.time.Duration;

/**
 * A network living for a while, for {@link ChurnRunner}: {@code nodes} join, {@code items}
 * mutable items and {@code announces} peer entries are stored, then for {@code window} of
 * virtual time (after {@code warmup}, which lets the start-up traffic of a network born at once
 * settle and the churn reach its pace) nodes leave at the end of their sessions (replaced by fresh nodes bootstrapping
 * in) while {@code lookups} gets are spread over the window; then {@code fault} strikes and the
 * run watches the network recover for {@code recovery}.
 *
 * @param churnPerHour fraction of the nodes replaced per hour (0: nobody leaves); the mean
 *     session is {@code 1 / churnPerHour} hours
 * @param sessions session length distribution, scaled to that mean
 * @param loss datagram loss probability for the whole run
 * @param replicationInterval how often storers re-put what they hold
 */
public record ChurnScenario(
    int nodes,
    int items,
    int announces,
    int lookups,
    int k,
    double loss,
    double churnPerHour,
    String sessions,
    Duration warmup,
    Duration window,
    Fault fault,
    Duration recovery,
    Duration replicationInterval,
    long seed) {

  public ChurnScenario {
    if (nodes < 2 || items < 1 || announces < 0 || lookups < 1 || k < 1) {
      throw new IllegalArgumentException(
          "need at least 2 nodes, 1 item, 1 lookup and k >= 1, and announces >= 0");
    }
    if (loss < 0 || loss >= 1 || churnPerHour < 0 || churnPerHour >= 60) {
      throw new IllegalArgumentException("loss in [0, 1), churn per hour in [0, 60)");
    }
    if (window.isNegative() || window.isZero() || recovery.isNegative() || warmup.isNegative()) {
      throw new IllegalArgumentException("the window must be positive, recovery not negative");
    }
    if (churnPerHour > 0) {
      SessionLengths.named(sessions, Duration.ofHours(1));
    }
  }

  /**
   * Defaults: a record per 20 nodes and as many announces, 5 minutes of warm-up, 200 lookups
   * over a 15-minute window (one bucket-refresh period, whose bursts would otherwise make the
   * traffic per node depend on where the window falls), K = 8,
   * no loss, no churn, no fault, 10 minutes to recover, re-replication every 5 minutes (the node's
   * default).
   */
  public static ChurnScenario of(int nodes) {
    int items = Math.max(1, nodes / 20);
    return new ChurnScenario(nodes, items, items, 200, 8, 0, 0, "pareto",
        Duration.ofMinutes(5), Duration.ofMinutes(15), new Fault.None(), Duration.ofMinutes(10), Duration.ofMinutes(5),
        1);
  }

  /** The session distribution, scaled to the churn rate (null without churn). */
  public SessionLengths sessionLengths() {
    if (churnPerHour == 0) {
      return null;
    }
    return SessionLengths.named(sessions,
        Duration.ofNanos(Math.round(3.6e12 / churnPerHour)));
  }

  public ChurnScenario withStore(int items, int announces) {
    return new ChurnScenario(nodes, items, announces, lookups, k, loss, churnPerHour, sessions,
        warmup, window, fault, recovery, replicationInterval, seed);
  }

  public ChurnScenario withLookups(int v) {
    return new ChurnScenario(nodes, items, announces, v, k, loss, churnPerHour, sessions,
        warmup, window, fault, recovery, replicationInterval, seed);
  }

  public ChurnScenario withK(int v) {
    return new ChurnScenario(nodes, items, announces, lookups, v, loss, churnPerHour, sessions,
        warmup, window, fault, recovery, replicationInterval, seed);
  }

  public ChurnScenario withLoss(double v) {
    return new ChurnScenario(nodes, items, announces, lookups, k, v, churnPerHour, sessions,
        warmup, window, fault, recovery, replicationInterval, seed);
  }

  /** Replaces {@code perHour} of the nodes per hour, sessions drawn from {@code distribution}. */
  public ChurnScenario withChurn(double perHour, String distribution) {
    return new ChurnScenario(nodes, items, announces, lookups, k, loss, perHour, distribution,
        warmup, window, fault, recovery, replicationInterval, seed);
  }

  public ChurnScenario withWarmup(Duration v) {
    return new ChurnScenario(nodes, items, announces, lookups, k, loss, churnPerHour, sessions,
        v, window, fault, recovery, replicationInterval, seed);
  }

  public ChurnScenario withWindow(Duration v) {
    return new ChurnScenario(nodes, items, announces, lookups, k, loss, churnPerHour, sessions,
        warmup, v, fault, recovery, replicationInterval, seed);
  }

  public ChurnScenario withFault(Fault v) {
    return new ChurnScenario(nodes, items, announces, lookups, k, loss, churnPerHour, sessions,
        warmup, window, v, recovery, replicationInterval, seed);
  }

  public ChurnScenario withRecovery(Duration v) {
    return new ChurnScenario(nodes, items, announces, lookups, k, loss, churnPerHour, sessions,
        warmup, window, fault, v, replicationInterval, seed);
  }

  public ChurnScenario withReplication(Duration v) {
    return new ChurnScenario(nodes, items, announces, lookups, k, loss, churnPerHour, sessions,
        warmup, window, fault, recovery, v, seed);
  }

  public ChurnScenario withSeed(long v) {
    return new ChurnScenario(nodes, items, announces, lookups, k, loss, churnPerHour, sessions,
        warmup, window, fault, recovery, replicationInterval, v);
  }
}
