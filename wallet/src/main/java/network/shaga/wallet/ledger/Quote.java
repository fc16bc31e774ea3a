package network.shaga.wallet.ledger;

import java.time.Instant;

/** A price offer a host made to a player for a session, as stored in the ledger. */
public record Quote(
    String id,
    String player,
    String recipient,
    String mint,
    long amount,
    String reference,
    String memo,
    int minutes,
    Instant createdAt,
    Instant expiresAt) {}
