package network.shaga.dht.routing;

/**
 * Smoothed round-trip time and variance (RFC 6298), in microseconds, giving an adaptive request
 * timeout: a few milliseconds on loopback, seconds on a slow internet path.
 */
public final class RttEstimator {
  private int srttMicros = -1;
  private int rttvarMicros;

  /** Folds in one measured round trip. */
  public void sample(long rttNanos) {
    int r = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(1, rttNanos / 1000));
    if (srttMicros < 0) {
      srttMicros = r;
      rttvarMicros = r / 2;
    } else {
      rttvarMicros = (3 * rttvarMicros + Math.abs(srttMicros - r)) / 4;
      srttMicros = (7 * srttMicros + r) / 8;
    }
  }

  /** True once at least one sample was taken. */
  public boolean hasSamples() {
    return srttMicros >= 0;
  }

  /** Smoothed RTT in nanoseconds, or -1 without samples. */
  public long srttNanos() {
    return srttMicros < 0 ? -1 : srttMicros * 1000L;
  }

  /** Retransmission-style timeout {@code srtt + 4 rttvar} clamped to [min, max], or fallback. */
  public long timeoutNanos(long minNanos, long maxNanos, long fallbackNanos) {
    if (srttMicros < 0) {
      return fallbackNanos;
    }
    long rto = (srttMicros + 4L * rttvarMicros) * 1000L;
    return Math.max(minNanos, Math.min(maxNanos, rto));
  }
}
