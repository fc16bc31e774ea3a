package network.shaga.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import network.shaga.dht.Ed25519KeyPair;
import org.p2p.solanaj.core.PublicKey;

/**
 * The host API's message envelope (docs/host-api.md): a JSON object body carrying {@code ts} and {@code nonce},
 * signed with the sender's ed25519 key over {@code "shaga-api-v1\0" ‖ body}; the key and signature travel in the
 * {@code X-Shaga-Key} (base58) and {@code X-Shaga-Sig} (base64) headers.
 */
public final class SignedMessage {
    public static final String KEY_HEADER = "X-Shaga-Key";
    public static final String SIGNATURE_HEADER = "X-Shaga-Sig";
    public static final int MAX_BODY_BYTES = 16 * 1024;
    public static final Duration TIMESTAMP_WINDOW = Duration.ofSeconds(60);
    private static final byte[] DOMAIN = "shaga-api-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SignedMessage() {
    }

    /** A body ready to send: its exact bytes and the two header values. */
    public record Signed(byte[] body, String key, String signature) {
    }

    /** Why a message was refused, with the HTTP status to answer. */
    public enum Refusal {
        BODY_TOO_LARGE(413, "the body is larger than " + MAX_BODY_BYTES + " bytes"),
        MISSING_SIGNATURE(401, "the " + KEY_HEADER + " and " + SIGNATURE_HEADER + " headers are required"),
        BAD_KEY(401, KEY_HEADER + " is not a base58 ed25519 public key"),
        BAD_SIGNATURE(401, "the signature does not match the body and key"),
        MALFORMED_JSON(400, "the body is not a JSON object"),
        MISSING_FIELD(400, "the body lacks ts, nonce or path"),
        WRONG_PATH(400, "the body was signed for another endpoint"),
        STALE_TIMESTAMP(401, "ts is outside the accepted window; check the clock"),
        REPLAYED(409, "this nonce was already used"),
        TOO_MANY_NONCES(503, "too many recent requests; retry shortly"),
        WRONG_SIGNER(401, "the answer is not signed by the expected key"),
        WRONG_REPLY(401, "the answer does not reply to this request");

        private final int status;
        private final String message;

        Refusal(int status, String message) {
            this.status = status;
            this.message = message;
        }

        public int status() {
            return status;
        }

        public String message() {
            return message;
        }
    }

    /** The outcome of checking a message. */
    public sealed interface Checked permits Valid, Invalid {
    }

    /** A message whose signature, freshness and nonce hold; {@code signer} is the base58 key. */
    public record Valid(String signer, ObjectNode body) implements Checked {
    }

    public record Invalid(Refusal refusal) implements Checked {
    }

    /** A fresh random nonce (128 bits, hex). */
    public static String newNonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Adds {@code ts} and {@code nonce} (unless present) and signs the serialised body. */
    public static Signed sign(Ed25519KeyPair key, ObjectNode body, Instant now) {
        body.put("ts", now.getEpochSecond());
        if (!body.hasNonNull("nonce")) {
            body.put("nonce", newNonce());
        }
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
        return new Signed(bytes, new PublicKey(key.publicKey()).toBase58(),
                Base64.getEncoder().encodeToString(key.sign(payload(bytes))));
    }

    /**
     * Checks a received message: size, headers, signature, JSON shape, {@code path} (when {@code expectedPath} is not
     * null), timestamp window, then the nonce, which is recorded only when everything else holds so forged messages
     * cannot fill the guard.
     */
    public static Checked check(String key, String signature, byte[] body, String expectedPath, Instant now, NonceGuard nonces) {
        if (body.length > MAX_BODY_BYTES) {
            return new Invalid(Refusal.BODY_TOO_LARGE);
        }
        if (key == null || signature == null) {
            return new Invalid(Refusal.MISSING_SIGNATURE);
        }
        byte[] rawKey;
        byte[] rawSignature;
        try {
            rawKey = new PublicKey(key).toByteArray();
            rawSignature = Base64.getDecoder().decode(signature);
        } catch (RuntimeException e) {
            return new Invalid(Refusal.BAD_KEY);
        }
        if (!Ed25519KeyPair.verify(rawKey, payload(body), rawSignature)) {
            return new Invalid(Refusal.BAD_SIGNATURE);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException e) {
            return new Invalid(Refusal.MALFORMED_JSON);
        }
        if (!(tree instanceof ObjectNode object)) {
            return new Invalid(Refusal.MALFORMED_JSON);
        }
        JsonNode ts = object.get("ts");
        JsonNode nonce = object.get("nonce");
        if (ts == null || !ts.canConvertToLong() || nonce == null || !nonce.isTextual()
                || !nonce.asText().matches("[0-9A-Za-z_-]{16,64}")
                || (expectedPath != null && !object.path("path").isTextual())) {
            return new Invalid(Refusal.MISSING_FIELD);
        }
        if (expectedPath != null && !expectedPath.equals(object.get("path").asText())) {
            return new Invalid(Refusal.WRONG_PATH);
        }
        if (Math.abs(ts.asLong() - now.getEpochSecond()) > TIMESTAMP_WINDOW.toSeconds()) {
            return new Invalid(Refusal.STALE_TIMESTAMP);
        }
        return switch (nonces.record(key, nonce.asText(), now)) {
            case FRESH -> new Valid(key, object);
            case SEEN -> new Invalid(Refusal.REPLAYED);
            case FULL -> new Invalid(Refusal.TOO_MANY_NONCES);
        };
    }

    private static byte[] payload(byte[] body) {
        byte[] payload = new byte[DOMAIN.length + body.length];
        System.arraycopy(DOMAIN, 0, payload, 0, DOMAIN.length);
        System.arraycopy(body, 0, payload, DOMAIN.length, body.length);
        return payload;
    }
}
