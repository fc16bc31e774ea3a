package network.shaga.dht.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The internal-error check counts what code under the watched name logs with an exception, and
 * only that.
 */
class LoggedFailuresTest {
  @Test
  void countsExceptionsLoggedAtWarningOrAboveUnderTheWatchedName() {
    System.Logger inside = System.getLogger("network.shaga.fuzztest.node");
    System.Logger outside = System.getLogger("network.shaga.elsewhere");
    try (LoggedFailures failures = LoggedFailures.watch("network.shaga.fuzztest")) {
      inside.log(System.Logger.Level.WARNING, "packet failed", new IllegalStateException("boom"));
      inside.log(System.Logger.Level.ERROR, "task failed", new ArithmeticException());
      inside.log(System.Logger.Level.WARNING, "no exception attached");
      inside.log(System.Logger.Level.DEBUG, "quiet", new IllegalStateException());
      outside.log(System.Logger.Level.ERROR, "not watched", new IllegalStateException());

      assertThat(failures.count()).isEqualTo(2);
      assertThat(failures.examples()).hasSize(2).first().asString()
          .contains("packet failed").contains("boom");
    }
  }
}
