package network.shaga.app.session;

import java.time.Duration;

/**
 * How a host sells sessions.
 *
 * @param priceMicroUsdcPerHour the published price
 * @param maxMinutes the longest session (or extension) one quote may buy
 * @param quoteValidity how long a quote can be paid
 * @param pairingTimeout how long the host waits for the player's Moonlight to ask to pair before refunding
 * @param moonlightHost what the player passes to Moonlight to reach this host's Sunshine ({@code ip} or {@code ip:port})
 */
public record SessionSettings(long priceMicroUsdcPerHour, int maxMinutes, Duration quoteValidity, Duration pairingTimeout,
        String moonlightHost) {
    public static final int DEFAULT_MAX_MINUTES = 12 * 60;

    public SessionSettings {
        if (priceMicroUsdcPerHour <= 0 || maxMinutes < 1) {
            throw new IllegalArgumentException("the price and the longest session must be positive");
        }
    }

    /** The price of {@code minutes} at this host's price. */
    public long priceOf(int minutes) {
        return priceOf(priceMicroUsdcPerHour, minutes);
    }

    /** The price of {@code minutes} at {@code microUsdcPerHour}, rounded up to the micro-unit (never zero); players check quotes with it. */
    public static long priceOf(long microUsdcPerHour, int minutes) {
        return Math.max(1, -Math.floorDiv(-microUsdcPerHour * minutes, 60L));
    }
}
