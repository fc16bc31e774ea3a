package network.shaga.app.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import network.shaga.dht.Ed25519KeyPair;
import org.junit.jupiter.api.Test;

/** The signed envelope and the sealed PIN: what is accepted, and each way a message is refused. */
class SignedMessageTest {
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private final Ed25519KeyPair player = Ed25519KeyPair.generate();

    private SignedMessage.Signed signed(String path) {
        ObjectNode body = json.createObjectNode().put("path", path).put("minutes", 30);
        return SignedMessage.sign(player, body, NOW);
    }

    private SignedMessage.Checked check(SignedMessage.Signed s, byte[] body, String path, Instant at, NonceGuard guard) {
        return SignedMessage.check(s.key(), s.signature(), body, path, at, guard);
    }

    private static SignedMessage.Refusal refusal(SignedMessage.Checked checked) {
        return ((SignedMessage.Invalid) checked).refusal();
    }

    @Test
    void aSignedMessageIsAcceptedOnceThenRefusedAsAReplay() {
        NonceGuard guard = new NonceGuard(10);
        SignedMessage.Signed s = signed("/v1/sessions");
        SignedMessage.Checked first = check(s, s.body(), "/v1/sessions", NOW.plusSeconds(5), guard);
        assertThat(first).isInstanceOf(SignedMessage.Valid.class);
        assertThat(((SignedMessage.Valid) first).body().get("minutes").asInt()).isEqualTo(30);
        assertThat(((SignedMessage.Valid) first).signer()).isEqualTo(s.key());
        assertThat(refusal(check(s, s.body(), "/v1/sessions", NOW.plusSeconds(6), guard))).isEqualTo(SignedMessage.Refusal.REPLAYED);
    }

    @Test
    void tamperedBodiesForeignKeysStaleTimesAndOtherPathsAreRefused() {
        NonceGuard guard = new NonceGuard(10);
        SignedMessage.Signed s = signed("/v1/sessions");
        byte[] tampered = new String(s.body(), StandardCharsets.UTF_8).replace("30", "90").getBytes(StandardCharsets.UTF_8);
        assertThat(refusal(check(s, tampered, "/v1/sessions", NOW, guard))).isEqualTo(SignedMessage.Refusal.BAD_SIGNATURE);
        SignedMessage.Signed other = signed("/v1/sessions");
        assertThat(refusal(SignedMessage.check(other.key(), s.signature(), other.body(), "/v1/sessions", NOW, guard)))
                .isEqualTo(SignedMessage.Refusal.BAD_SIGNATURE);
        assertThat(refusal(check(s, s.body(), "/v1/sessions", NOW.plusSeconds(61), guard))).isEqualTo(SignedMessage.Refusal.STALE_TIMESTAMP);
        assertThat(refusal(check(s, s.body(), "/v1/sessions", NOW.minusSeconds(61), guard))).isEqualTo(SignedMessage.Refusal.STALE_TIMESTAMP);
        assertThat(refusal(check(s, s.body(), "/v1/sessions/x/end", NOW, guard))).isEqualTo(SignedMessage.Refusal.WRONG_PATH);
        assertThat(refusal(SignedMessage.check(null, s.signature(), s.body(), null, NOW, guard))).isEqualTo(SignedMessage.Refusal.MISSING_SIGNATURE);
        assertThat(refusal(SignedMessage.check("0OIl", s.signature(), s.body(), null, NOW, guard))).isEqualTo(SignedMessage.Refusal.BAD_KEY);
        // None of the refused attempts used up the nonce.
        assertThat(check(s, s.body(), "/v1/sessions", NOW, guard)).isInstanceOf(SignedMessage.Valid.class);
    }

    @Test
    void oversizedAndMalformedBodiesAreRefusedBeforeTheyAreParsed() {
        NonceGuard guard = new NonceGuard(10);
        byte[] big = new byte[SignedMessage.MAX_BODY_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        assertThat(refusal(SignedMessage.check("k", "s", big, null, NOW, guard))).isEqualTo(SignedMessage.Refusal.BODY_TOO_LARGE);
        for (String text : new String[] {"[1,2]", "{\"ts\":", "{\"nonce\":\"0123456789abcdef\"}", "{\"ts\":1,\"nonce\":\"short\"}"}) {
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            SignedMessage.Signed s = signedRaw(body);
            assertThat(check(s, body, null, NOW, guard)).as(text).isInstanceOf(SignedMessage.Invalid.class);
        }
    }

    private SignedMessage.Signed signedRaw(byte[] body) {
        byte[] payload = new byte[13 + body.length];
        System.arraycopy("shaga-api-v1\0".getBytes(StandardCharsets.US_ASCII), 0, payload, 0, 13);
        System.arraycopy(body, 0, payload, 13, body.length);
        return new SignedMessage.Signed(body, new org.p2p.solanaj.core.PublicKey(player.publicKey()).toBase58(),
                java.util.Base64.getEncoder().encodeToString(player.sign(payload)));
    }

    @Test
    void theGuardRefusesNewNoncesWhenFullAndForgetsOldOnes() {
        NonceGuard guard = new NonceGuard(2);
        assertThat(guard.record("k", "a", NOW)).isEqualTo(NonceGuard.Outcome.FRESH);
        assertThat(guard.record("k", "b", NOW)).isEqualTo(NonceGuard.Outcome.FRESH);
        assertThat(guard.record("k", "c", NOW)).isEqualTo(NonceGuard.Outcome.FULL);
        assertThat(guard.record("k", "c", NOW.plusSeconds(121))).isEqualTo(NonceGuard.Outcome.FRESH);
    }

    @Test
    void theSealedPinOpensOnlyWithThePlayersKeyAndSessionId() throws Exception {
        KeyPair playerKey = PinSeal.newPlayerKey();
        PinSeal.Sealed sealed = PinSeal.seal(PinSeal.publicKeyBase64(playerKey), "0427", "session-1", new SecureRandom());
        assertThat(PinSeal.open(playerKey, sealed, "session-1")).isEqualTo("0427");
        assertThatThrownBy(() -> PinSeal.open(playerKey, sealed, "session-2")).isInstanceOf(java.security.GeneralSecurityException.class);
        assertThatThrownBy(() -> PinSeal.open(PinSeal.newPlayerKey(), sealed, "session-1"))
                .isInstanceOf(java.security.GeneralSecurityException.class);
        assertThat(PinSeal.isPublicKey(PinSeal.publicKeyBase64(playerKey))).isTrue();
        assertThat(PinSeal.isPublicKey("AAAA")).isFalse();
        assertThat(PinSeal.isPublicKey("not base64!")).isFalse();
    }
}
