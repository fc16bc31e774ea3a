package network.shaga.app.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import network.shaga.app.session.NonceGuard;
import network.shaga.app.session.SignedMessage;
import network.shaga.dht.Ed25519KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fuzzer never sends a request the host should act on: every unsigned, badly signed, stale or misdirected
 * request it builds fails the envelope check, and every request signed by another key names the player's sessions or
 * the player (which the host refuses after the envelope).
 */
@Timeout(120)
class HostApiAttacksTest {
    private static final Ed25519KeyPair PLAYER = Ed25519KeyPair.generate();
    private static final Ed25519KeyPair STRANGER = Ed25519KeyPair.generate();
    private static final List<String> SESSIONS = List.of("46e6c7fa-9f76-4959-b9bd-f93572d34730", "6326092c-bb69-4c08-ba87-f19bdcaddc43");

    @Test
    void envelopesOfEveryBuiltRequestAreRefusedOrForeign() {
        HostApiAttacks attacks = new HostApiAttacks(new InetSocketAddress("127.0.0.1", 47900), PLAYER, STRANGER, SESSIONS,
                List.of(new byte[] {1}), 1);
        Instant now = Instant.now();
        Map<AttackKind, Integer> checked = new EnumMap<>(AttackKind.class);
        for (long i = 0; i < 8_000; i++) {
            HostApiAttacks.Attack attack = attacks.attack(i, now);
            if (attack.kind() == AttackKind.JUNK || attack.kind() == AttackKind.MANGLED_HTTP || attack.kind() == AttackKind.REPLAYED
                    || attack.kind() == AttackKind.HOST_RECORD) {
                continue;
            }
            Parsed request = Parsed.of(attack.bytes());
            SignedMessage.Checked result = SignedMessage.check(request.headers().get(SignedMessage.KEY_HEADER.toLowerCase()),
                    request.headers().get(SignedMessage.SIGNATURE_HEADER.toLowerCase()), request.body(), request.path(), now,
                    new NonceGuard(10));
            if (attack.kind() == AttackKind.FOREIGN_SIGNER) {
                assertThat(result).as(request.toString()).isInstanceOf(SignedMessage.Valid.class);
                assertThat(((SignedMessage.Valid) result).signer()).isEqualTo(HostApiAttacks.address(STRANGER));
            } else {
                assertThat(result).as(i + " " + attack.kind() + " " + request).isInstanceOf(SignedMessage.Invalid.class);
            }
            checked.merge(attack.kind(), 1, Integer::sum);
        }
        assertThat(checked).hasSize(4).allSatisfy((kind, count) -> assertThat(count).isGreaterThan(500));
    }

    /** The parts of a request {@link RawHttp#request} built. */
    private record Parsed(String path, Map<String, String> headers, byte[] body) {
        static Parsed of(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, headEnd).split("\r\n");
            Map<String, String> headers = new java.util.HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(": ");
                headers.put(lines[i].substring(0, colon).toLowerCase(), lines[i].substring(colon + 2));
            }
            return new Parsed(lines[0].split(" ")[1], headers, text.substring(headEnd + 4).getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
