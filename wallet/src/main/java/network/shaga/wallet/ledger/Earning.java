package network.shaga.wallet.ledger;

import java.time.Instant;
import java.util.Optional;

/** Income from one session; settled once its payment is finalized on chain. */
public record Earning(String sessionId, String signature, String mint, long amount, Instant earnedAt,
    Optional<Instant> settledAt) {}
