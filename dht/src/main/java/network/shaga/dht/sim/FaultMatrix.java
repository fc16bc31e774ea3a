package network.shaga.dht.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The fault matrix: the same network (same seed, so the same nodes and items up to the fault)
 * hit by one fault per run: 10 %, 33 % and 50 % of the nodes killed at once, a 50/50 partition
 * that heals, and datagram loss of 1 %, 5 % and 20 % for the whole run.
 */
public final class FaultMatrix {
  /** Kill fractions of the matrix. */
  public static final List<Double> KILLS = List.of(0.10, 0.33, 0.50);
  /** Loss probabilities of the matrix. */
  public static final List<Double> LOSSES = List.of(0.01, 0.05, 0.20);

  private FaultMatrix() {}

  /** One run of the matrix: its name and the report. */
  public record Cell(String name, ChurnReport report) {}

  /**
   * The matrix's scenarios, built on {@code base}: kills and the partition at the base's loss,
   * the loss runs without a fault.
   */
  public static List<ChurnScenario> scenarios(ChurnScenario base, Duration healAfter) {
    List<ChurnScenario> out = new ArrayList<>();
    for (double kill : KILLS) {
      out.add(base.withFault(new Fault.Kill(kill)));
    }
    out.add(base.withFault(new Fault.Partition(0.5, healAfter)));
    for (double loss : LOSSES) {
      out.add(base.withLoss(loss).withFault(new Fault.None()));
    }
    return out;
  }

  /** The name of a matrix run in tables. */
  public static String name(ChurnScenario s) {
    return s.fault() instanceof Fault.None
        ? String.format(java.util.Locale.ROOT, "loss %.0f%%", s.loss() * 100)
        : s.fault().label();
  }

  /** Runs every scenario of the matrix in turn, handing each cell to {@code done} as it ends. */
  public static List<Cell> run(ChurnScenario base, Duration healAfter, LatencyModel latency,
      String name, Consumer<Cell> done) throws Exception {
    List<Cell> cells = new ArrayList<>();
    for (ChurnScenario s : scenarios(base, healAfter)) {
      Cell c = new Cell(name(s), ChurnRunner.simulated(s, latency, name));
      cells.add(c);
      done.accept(c);
    }
    return cells;
  }
}
