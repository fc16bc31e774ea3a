package network.shaga.app.session;

import java.time.Instant;
import java.util.Optional;

/**
 * A session as the host keeps it (one row of {@link SessionStore}).
 *
 * @param id the id of the quote that opened it
 * @param player the player's wallet address (base58), which signs every request about the session
 * @param x25519 the player's ephemeral key the PIN is sealed to (base64)
 * @param clientName the name the host gives Sunshine for the player's Moonlight, to unpair exactly that client
 * @param paidMicro USDC micro-units paid so far (the opening quote plus extensions)
 * @param signature the payment of the opening quote, once paid
 * @param sealedPin the PIN sealed to the player (JSON), kept so a lost answer can be repeated
 * @param startedAt when the payment was accepted
 * @param endsAt when the paid time runs out
 * @param refundMicro what was refunded, and {@code refundSignature} the last transfer
 * @param refundDueMicro what is still to be refunded (retried until sent)
 * @param refundReference the reference key of the refund due, so a retry resumes the same transfer instead of paying twice
 * @param detail why it failed or ended, for the host's log and the player
 */
public record HostSession(
        String id,
        String player,
        String x25519,
        String clientName,
        SessionState state,
        int minutes,
        long paidMicro,
        Optional<String> signature,
        Optional<String> sealedPin,
        Optional<Instant> startedAt,
        Optional<Instant> endsAt,
        long refundMicro,
        Optional<String> refundSignature,
        long refundDueMicro,
        Optional<String> refundReference,
        String detail) {

    public HostSession withState(SessionState next, String why) {
        return new HostSession(id, player, x25519, clientName, next, minutes, paidMicro, signature, sealedPin, startedAt, endsAt,
                refundMicro, refundSignature, refundDueMicro, refundReference, why);
    }

    public HostSession paid(String paymentSignature, String sealed, long amountMicro, Instant started, Instant ends) {
        return new HostSession(id, player, x25519, clientName, SessionState.PAID, minutes, amountMicro, Optional.of(paymentSignature),
                Optional.of(sealed), Optional.of(started), Optional.of(ends), refundMicro, refundSignature, refundDueMicro, refundReference,
                detail);
    }

    public HostSession extended(long moreMicro, int moreMinutes) {
        Instant ends = endsAt.orElseThrow().plusSeconds(60L * moreMinutes);
        return new HostSession(id, player, x25519, clientName, state, minutes + moreMinutes, paidMicro + moreMicro, signature, sealedPin,
                startedAt, Optional.of(ends), refundMicro, refundSignature, refundDueMicro, refundReference, detail);
    }

    /** Adds {@code micro} to the refund due; a new due amount gets a fresh reference ({@code newReference}). */
    public HostSession owing(long micro, String newReference) {
        Optional<String> reference = refundDueMicro > 0 ? refundReference : Optional.of(newReference);
        return new HostSession(id, player, x25519, clientName, state, minutes, paidMicro, signature, sealedPin, startedAt, endsAt,
                refundMicro, refundSignature, refundDueMicro + micro, reference, detail);
    }

    /** The refund due was sent by {@code transfer}. */
    public HostSession refunded(String transfer) {
        return new HostSession(id, player, x25519, clientName, state, minutes, paidMicro, signature, sealedPin, startedAt, endsAt,
                refundMicro + refundDueMicro, Optional.of(transfer), 0, refundReference, detail);
    }
}
