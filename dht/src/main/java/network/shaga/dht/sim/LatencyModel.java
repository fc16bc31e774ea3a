package network.shaga.dht.sim;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * One-way delay of simulated datagrams: each endpoint gets an access delay when it binds (its
 * "last mile"), and a packet takes {@code access(from) + access(to) + jitter}, so RTTs between
 * a pair stay consistent the way they do on a real network.
 */
public interface LatencyModel {
  /** The access delay of a newly bound endpoint, in nanoseconds. */
  long accessNanos(RandomGenerator random);

  /** Per-packet jitter in nanoseconds. */
  long jitterNanos(RandomGenerator random);

  /** Instant delivery (still ordered through the event queue). */
  static LatencyModel zero() {
    return fixed(Duration.ZERO);
  }

  /** A constant one-way delay. */
  static LatencyModel fixed(Duration oneWay) {
    long half = oneWay.toNanos() / 2;
    return new LatencyModel() {
      @Override
      public long accessNanos(RandomGenerator random) {
        return half;
      }

      @Override
      public long jitterNanos(RandomGenerator random) {
        return 0;
      }
    };
  }

  /** A LAN: 50-250 microseconds access, up to 50 microseconds jitter. */
  static LatencyModel lan() {
    return new LatencyModel() {
      @Override
      public long accessNanos(RandomGenerator random) {
        return 50_000 + (long) (random.nextDouble() * 200_000);
      }

      @Override
      public long jitterNanos(RandomGenerator random) {
        return (long) (random.nextDouble() * 50_000);
      }
    };
  }

  /**
   * The internet: log-normal access delays (median 20 ms, a long tail to a few hundred ms) and
   * exponential jitter (mean 2 ms), giving RTT medians around 80 ms.
   */
  static LatencyModel wan() {
    return new LatencyModel() {
      @Override
      public long accessNanos(RandomGenerator random) {
        double ms = Math.exp(Math.log(20) + 0.6 * random.nextGaussian());
        return (long) (Math.min(ms, 400) * 1_000_000);
      }

      @Override
      public long jitterNanos(RandomGenerator random) {
        return (long) (-Math.log(1 - random.nextDouble()) * 2_000_000);
      }
    };
  }
}
