package network.shaga.dht.sim;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a simulated node stays online. Measurements of peer-to-peer networks found heavy tails:
 * most sessions last minutes, a few last days (Stutzbach and Rejaie, "Understanding churn in
 * peer-to-peer networks", IMC 2006: Weibull-like lengths with shapes below 1 in Kad and
 * BitTorrent). Each distribution
 * is scaled to a mean, so "10 % of the nodes replaced per hour" is a mean session of 10 hours.
 *
 * <p>A network that has been running for a while is not made of fresh sessions: a node seen at a
 * random instant is more likely to be in a long session (length bias). {@link #sampleResidual}
 * draws the remaining time of such a node, so a simulation that starts all its nodes at once still
 * loses them at the steady-state rate from its first minute.
 */
public sealed interface SessionLengths {
  /** The mean session length. */
  Duration mean();

  /** A fresh session's length, in nanoseconds. */
  long sampleNanos(RandomGenerator random);

  /**
   * The remaining length of a session in progress at a random instant of a network in steady
   * state, in nanoseconds: uniform over the length-biased session length.
   */
  long sampleResidualNanos(RandomGenerator random);

  /** A name for reports, e.g. {@code pareto(1.5)}. */
  String label();

  /**
   * Pareto with tail index {@code shape} > 1 (so the mean exists): {@code P(L > x) = (m/x)^shape}
   * for x ≥ m.
   */
  record Pareto(double shape, Duration mean) implements SessionLengths {
    public Pareto {
      if (!(shape > 1)) {
        throw new IllegalArgumentException("a Pareto session needs shape > 1 for a finite mean");
      }
    }

    private double minimumNanos() {
      return mean.toNanos() * (shape - 1) / shape;
    }

    @Override
    public long sampleNanos(RandomGenerator random) {
      return clamp(minimumNanos() * Math.pow(1 - random.nextDouble(), -1 / shape));
    }

    @Override
    public long sampleResidualNanos(RandomGenerator random) {
      // A length-biased Pareto(shape) is Pareto(shape - 1) with the same minimum.
      double biased = minimumNanos() * Math.pow(1 - random.nextDouble(), -1 / (shape - 1));
      return clamp(random.nextDouble() * biased);
    }

    @Override
    public String label() {
      return "pareto(" + shape + ")";
    }
  }

  /** Weibull with {@code shape} (below 1: heavy-tailed). */
  record Weibull(double shape, Duration mean) implements SessionLengths {
    public Weibull {
      if (!(shape > 0)) {
        throw new IllegalArgumentException("a Weibull session needs shape > 0");
      }
    }

    private double scaleNanos() {
      return mean.toNanos() / Math.exp(logGamma(1 + 1 / shape));
    }

    @Override
    public long sampleNanos(RandomGenerator random) {
      return clamp(scaleNanos() * Math.pow(-Math.log(1 - random.nextDouble()), 1 / shape));
    }

    @Override
    public long sampleResidualNanos(RandomGenerator random) {
      // With t = (x/scale)^shape, a length-biased Weibull has t ~ Gamma(1 + 1/shape).
      double t = gamma(1 + 1 / shape, random);
      return clamp(random.nextDouble() * scaleNanos() * Math.pow(t, 1 / shape));
    }

    @Override
    public String label() {
      return "weibull(" + shape + ")";
    }
  }

  /** Exponential (memoryless; the light-tailed baseline). */
  record Exponential(Duration mean) implements SessionLengths {
    @Override
    public long sampleNanos(RandomGenerator random) {
      return clamp(-Math.log(1 - random.nextDouble()) * mean.toNanos());
    }

    @Override
    public long sampleResidualNanos(RandomGenerator random) {
      return sampleNanos(random);
    }

    @Override
    public String label() {
      return "exponential";
    }
  }

  /**
   * The distribution called {@code name} ({@code pareto}: shape 1.5, {@code weibull}: shape 0.5,
   * {@code exponential}) with the given mean.
   */
  public static SessionLengths named(String name, Duration mean) {
    return switch (name) {
      case "pareto" -> new Pareto(1.5, mean);
      case "weibull" -> new Weibull(0.5, mean);
      case "exponential" -> new Exponential(mean);
      default -> throw new IllegalArgumentException(
          "session distribution must be pareto, weibull or exponential: " + name);
    };
  }

  private static long clamp(double nanos) {
    // Sessions longer than ten years are the same as never leaving for any run.
    return (long) Math.max(1, Math.min(nanos, 3.15e17));
  }

  /** Marsaglia and Tsang's gamma sampler, for shape ≥ 1 (all that length bias needs). */
  private static double gamma(double shape, RandomGenerator random) {
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x = random.nextGaussian();
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }

  /** Lanczos approximation of ln Γ(x) for x > 0. */
  private static double logGamma(double x) {
    double[] g = {676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61503916999185, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7};
    if (x < 0.5) {
      return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
    }
    x -= 1;
    double a = 0.99999999999980993;
    double t = x + 7.5;
    for (int i = 0; i < g.length; i++) {
      a += g[i] / (x + i + 1);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }
}
