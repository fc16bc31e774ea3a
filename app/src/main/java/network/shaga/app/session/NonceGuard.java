package network.shaga.app.session;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Remembers the nonces of accepted messages for twice the timestamp window, so a captured message cannot be
 * replayed: older messages are already refused by their timestamp. Bounded: when full it refuses new nonces
 * instead of forgetting ones still inside the window.
 */
public final class NonceGuard {
    private final int capacity;
    private final long keepSeconds;
    private final Set<String> seen = new HashSet<>();
    private final Deque<Entry> byAge = new ArrayDeque<>();

    private record Entry(String id, long at) {
    }

    /** What {@link #record} found. */
    public enum Outcome { FRESH, SEEN, FULL }

    public NonceGuard(int capacity) {
        this.capacity = capacity;
        this.keepSeconds = 2 * SignedMessage.TIMESTAMP_WINDOW.toSeconds();
    }

    /** Records {@code nonce} of {@code signer} unless it was seen inside the window. */
    public synchronized Outcome record(String signer, String nonce, Instant now) {
        long cutoff = now.getEpochSecond() - keepSeconds;
        while (!byAge.isEmpty() && byAge.peekFirst().at() < cutoff) {
            seen.remove(byAge.pollFirst().id());
        }
        String id = signer + ":" + nonce;
        if (seen.contains(id)) {
            return Outcome.SEEN;
        }
        if (seen.size() >= capacity) {
            return Outcome.FULL;
        }
        seen.add(id);
        byAge.addLast(new Entry(id, now.getEpochSecond()));
        return Outcome.FRESH;
    }
}
