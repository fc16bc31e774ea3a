package network.shaga.dht.fuzz;

import java.util.List;

/** One pass/fail statement of a robustness run, with what was measured. */
public record Check(String name, boolean passed, String detail) {
  /** True when every check passed. */
  public static boolean all(List<Check> checks) {
    return checks.stream().allMatch(Check::passed);
  }
}
