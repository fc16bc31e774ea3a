package network.shaga.wallet.ledger;

import java.time.Instant;
import java.util.Optional;

/** A paid session: which quote and payment started it, when it runs, and whether it has ended. */
public record Session(
    String id,
    String quoteId,
    String player,
    String signature,
    long amount,
    Instant startedAt,
    Instant endsAt,
    Optional<Instant> endedAt) {}
