package network.shaga.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import network.shaga.dht.Ed25519KeyPair;
import org.p2p.solanaj.core.PublicKey;

/** Network bytes the envelope parser must survive: anything unsigned is refused, anything signed parses or is refused, nothing throws. */
class SignedMessageFuzzTest {
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    private static final Ed25519KeyPair SENDER = Ed25519KeyPair.generate();

    @Property(tries = 500)
    void arbitraryBodiesAndHeadersAreRefused(@ForAll @Size(max = 2000) byte[] body, @ForAll String key, @ForAll String signature) {
        SignedMessage.Checked checked = SignedMessage.check(key, signature, body, "/v1/sessions", NOW, new NonceGuard(10));
        assertThat(checked).isInstanceOf(SignedMessage.Invalid.class);
    }

    @Property(tries = 500)
    void signedArbitraryBodiesParseOrAreRefusedWithoutThrowing(@ForAll @Size(max = 2000) byte[] body) {
        SignedMessage.Checked checked = SignedMessage.check(new PublicKey(SENDER.publicKey()).toBase58(), sign(body), body, null, NOW,
                new NonceGuard(10));
        if (checked instanceof SignedMessage.Invalid invalid) {
            assertThat(invalid.refusal()).isIn(SignedMessage.Refusal.MALFORMED_JSON, SignedMessage.Refusal.MISSING_FIELD,
                    SignedMessage.Refusal.STALE_TIMESTAMP);
        }
    }

    @Property(tries = 300)
    void signedJsonWithArbitraryFieldsIsAcceptedOnlyWhenFreshAndWellFormed(@ForAll String nonce, @ForAll long ts, @ForAll String extra) {
        String json = "{\"ts\":" + ts + ",\"nonce\":" + quote(nonce) + ",\"x\":" + quote(extra) + "}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        SignedMessage.Checked checked = SignedMessage.check(new PublicKey(SENDER.publicKey()).toBase58(), sign(body), body, null, NOW,
                new NonceGuard(10));
        boolean acceptable = nonce.matches("[0-9A-Za-z_-]{16,64}") && Math.abs(ts - NOW.getEpochSecond()) <= 60;
        assertThat(checked instanceof SignedMessage.Valid).isEqualTo(acceptable);
    }

    private static String quote(String text) {
        return new com.fasterxml.jackson.databind.node.TextNode(text).toString();
    }

    private static String sign(byte[] body) {
        byte[] domain = "shaga-api-v1\0".getBytes(StandardCharsets.US_ASCII);
        byte[] payload = new byte[domain.length + body.length];
        System.arraycopy(domain, 0, payload, 0, domain.length);
        System.arraycopy(body, 0, payload, domain.length, body.length);
        return Base64.getEncoder().encodeToString(SENDER.sign(payload));
    }
}
