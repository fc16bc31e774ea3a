package network.shaga.wallet.rpc;

import java.time.Duration;

/** How often and how patiently to retry transient RPC failures (exponential backoff, capped). */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(3));
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt");
    }
  }

  /** The pause before attempt {@code attempt + 1} (attempt counts from 1). */
  public Duration delayAfter(int attempt) {
    long ms = firstDelay.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
  }
}
