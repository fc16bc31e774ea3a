package network.shaga.dht.guard;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-IP token buckets for incoming packets. Only the most recently active addresses are
 * tracked, so a flood of spoofed sources costs bounded memory.
 */
public final class RateLimiter {
  private static final int TRACKED = 2048;
  private final double perSecond;
  private final double burst;
  private final Map<InetAddress, double[]> buckets =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
          return size() > TRACKED;
        }
      };

  /** A limiter admitting {@code perSecond} packets per IP with bursts of {@code burst}; 0 = off. */
  public RateLimiter(double perSecond, double burst) {
    this.perSecond = perSecond;
    this.burst = Math.max(1, burst);
  }

  /** Takes one token for the address; false means drop the packet. */
  public boolean tryAcquire(InetAddress address, long nowNanos) {
    if (perSecond <= 0) {
      return true;
    }
    double[] b = buckets.get(address);
    if (b == null) {
      b = new double[] {burst, nowNanos};
      buckets.put(address, b);
    }
    double elapsed = (nowNanos - (long) b[1]) / 1e9;
    b[0] = Math.min(burst, b[0] + Math.max(0, elapsed) * perSecond);
    b[1] = nowNanos;
    if (b[0] < 1) {
      return false;
    }
    b[0] -= 1;
    return true;
  }
}
