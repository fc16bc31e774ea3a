package network.shaga.dht.sim;

import java.time.Duration;

/** A disruption a {@link ChurnScenario} applies once, after its observation window. */
public sealed interface Fault {
  /** A short name for tables, e.g. {@code kill 33%}. */
  String label();

  /** Nothing happens: the run measures the network under churn and loss alone. */
  record None() implements Fault {
    @Override
    public String label() {
      return "none";
    }
  }

  /** A fraction of the live nodes dies at once, without a goodbye. */
  record Kill(double fraction) implements Fault {
    public Kill {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("kill fraction must be in (0, 1): " + fraction);
      }
    }

    @Override
    public String label() {
      return String.format(java.util.Locale.ROOT, "kill %.0f%%", fraction * 100);
    }
  }

  /**
   * The network splits in two for {@code healAfter}: {@code fraction} of the nodes on one side,
   * the rest on the other; then it heals.
   */
  record Partition(double fraction, Duration healAfter) implements Fault {
    public Partition {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("partition fraction must be in (0, 1): " + fraction);
      }
      if (healAfter.isNegative() || healAfter.isZero()) {
        throw new IllegalArgumentException("heal-after must be positive");
      }
    }

    @Override
    public String label() {
      return String.format(java.util.Locale.ROOT, "partition %.0f/%.0f, heal after %d s",
          fraction * 100, (1 - fraction) * 100, healAfter.toSeconds());
    }
  }
}
