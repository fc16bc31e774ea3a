package network.shaga.dht.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SessionLengthsTest {
  private static final Duration MEAN = Duration.ofHours(10);
  private static final int N = 400_000;

  private static double[] samples(SessionLengths d, boolean residual) {
    SplittableRandom random = new SplittableRandom(5);
    double[] v = new double[N];
    for (int i = 0; i < N; i++) {
      v[i] = (residual ? d.sampleResidualNanos(random) : d.sampleNanos(random)) / 3.6e12;
    }
    return v;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElseThrow();
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  @Test
  void exponentialIsMemoryless() {
    SessionLengths d = SessionLengths.named("exponential", MEAN);
    assertThat(mean(samples(d, false))).isCloseTo(10, within(0.1));
    assertThat(mean(samples(d, true))).isCloseTo(10, within(0.1));
  }

  @Test
  void weibullHasTheAskedMeanAndALengthBiasedResidual() {
    SessionLengths d = SessionLengths.named("weibull", MEAN);
    // Shape 0.5: scale = mean / Γ(3) = 5 h; median = scale · ln(2)^2.
    double[] fresh = samples(d, false);
    assertThat(mean(fresh)).isCloseTo(10, within(0.3));
    assertThat(median(fresh)).isCloseTo(5 * Math.pow(Math.log(2), 2), within(0.05));
    // Residual mean = E[L²] / (2 E[L]) = 24 λ² / (4 λ) = 6 λ = 30 h.
    assertThat(mean(samples(d, true))).isCloseTo(30, within(1.5));
  }

  @Test
  void paretoHasItsTailAndMinimum() {
    SessionLengths d = SessionLengths.named("pareto", MEAN);
    double[] fresh = samples(d, false);
    // Shape 1.5: minimum = mean / 3, median = minimum · 2^(1/1.5).
    assertThat(Arrays.stream(fresh).min().orElseThrow()).isGreaterThanOrEqualTo(10.0 / 3 - 1e-9);
    assertThat(median(fresh)).isCloseTo(10.0 / 3 * Math.pow(2, 1 / 1.5), within(0.05));
    // The residual of a network in steady state is uniform over a Pareto(0.5) length: its median
    // is far above a fresh session's (old nodes stay).
    assertThat(median(samples(d, true))).isGreaterThan(median(fresh));
    assertThat(d.label()).isEqualTo("pareto(1.5)");
  }

  @Test
  void unknownOrImpossibleDistributionsAreRefused() {
    assertThatThrownBy(() -> SessionLengths.named("lognormal", MEAN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SessionLengths.Pareto(1.0, MEAN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
