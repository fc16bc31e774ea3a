package network.shaga.app.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import network.shaga.app.session.SessionApi;
import network.shaga.app.session.SignedMessage;
import network.shaga.dht.Ed25519KeyPair;
import org.p2p.solanaj.core.PublicKey;

/**
 * Builds the fuzzer's requests against one host: each is a function of its index and the run's
 * seed (plus the clock, which signed bodies carry). The player's own accepted requests, captured
 * earlier, are replayed byte for byte; nothing here ever builds a request the host should act on.
 */
final class HostApiAttacks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AttackKind[] KINDS = AttackKind.values();
    private static final String[] ACTIONS = {"payment", "extend", "end", "status"};
    /**
     * Seconds off the clock that are surely outside the accepted window: a request dated just 61 s ahead is
     * inside it again once it spent a second in flight, and would be the player's genuine request.
     */
    private static final int OUTSIDE_WINDOW = (int) SignedMessage.TIMESTAMP_WINDOW.toSeconds() + 30;

    private final InetSocketAddress host;
    private final Ed25519KeyPair player;
    private final Ed25519KeyPair stranger;
    private final List<String> sessionIds;
    private final List<byte[]> accepted;
    private final long seed;

    /**
     * @param sessionIds the player's sessions
     * @param accepted raw requests the player sent that the host accepted
     */
    HostApiAttacks(InetSocketAddress host, Ed25519KeyPair player, Ed25519KeyPair stranger, List<String> sessionIds,
            List<byte[]> accepted, long seed) {
        this.host = host;
        this.player = player;
        this.stranger = stranger;
        this.sessionIds = List.copyOf(sessionIds);
        this.accepted = List.copyOf(accepted);
        this.seed = seed;
    }

    /** One request to send. */
    record Attack(AttackKind kind, byte[] bytes) {
    }

    /** Request number {@code index}. */
    Attack attack(long index, Instant now) {
        SplittableRandom random = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
        AttackKind kind = KINDS[random.nextInt(KINDS.length)];
        byte[] bytes = switch (kind) {
            case JUNK -> junk(random);
            case MANGLED_HTTP -> mangle(sessionRequest(random, now), random);
            case UNSIGNED -> unsigned(random, now);
            case BAD_SIGNATURE -> badlySigned(random, now);
            case REPLAYED -> accepted.get(random.nextInt(accepted.size()));
            case STALE_OR_MISDIRECTED -> staleOrMisdirected(random, now);
            case FOREIGN_SIGNER -> foreign(random, now);
            case HOST_RECORD -> hostRecord(random);
        };
        return new Attack(kind, bytes);
    }

    static String address(Ed25519KeyPair key) {
        return new PublicKey(key.publicKey()).toBase58();
    }

    private String session(SplittableRandom random) {
        return sessionIds.get(random.nextInt(sessionIds.size()));
    }

    /** A body the player could send to {@code path}, with fields that make the host act. */
    private ObjectNode body(String path, SplittableRandom random) {
        ObjectNode body = JSON.createObjectNode().put("path", path);
        if (path.equals(SessionApi.PREFIX)) {
            byte[] x25519 = new byte[32];
            random.nextBytes(x25519);
            body.put("player", address(player)).put("minutes", random.nextInt(1, 120))
                    .put("x25519", Base64.getEncoder().encodeToString(x25519));
        } else if (path.endsWith("/payment")) {
            byte[] signature = new byte[64];
            random.nextBytes(signature);
            body.put("signature", org.p2p.solanaj.utils.Base58.encode(signature));
        } else if (path.endsWith("/extend")) {
            body.put("minutes", random.nextInt(1, 120));
        }
        return body;
    }

    private String sessionPath(SplittableRandom random) {
        return random.nextInt(5) == 0 ? SessionApi.PREFIX
                : SessionApi.PREFIX + "/" + session(random) + "/" + ACTIONS[random.nextInt(ACTIONS.length)];
    }

    private SignedMessage.Signed sign(Ed25519KeyPair key, ObjectNode body, Instant at, SplittableRandom random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        body.put("nonce", HexFormat.of().formatHex(nonce));
        return SignedMessage.sign(key, body, at);
    }

    private byte[] post(String path, byte[] body, String key, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (key != null) {
            headers.put(SignedMessage.KEY_HEADER, key);
        }
        if (signature != null) {
            headers.put(SignedMessage.SIGNATURE_HEADER, signature);
        }
        return RawHttp.request("POST", path, host, headers, body);
    }

    /** A request signed by the player but never sent by it, so it can only reach the host tampered with. */
    private byte[] sessionRequest(SplittableRandom random, Instant now) {
        String path = sessionPath(random);
        SignedMessage.Signed signed = sign(player, body(path, random), now.minusSeconds(300), random);
        return post(path, signed.body(), signed.key(), signed.signature());
    }

    private static byte[] junk(SplittableRandom random) {
        byte[] junk = new byte[random.nextInt(1, 4096)];
        random.nextBytes(junk);
        if (random.nextBoolean()) {
            byte[] method = "POST /v1/sessions HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(method, 0, junk, 0, Math.min(method.length, junk.length));
        }
        return junk;
    }

    private static byte[] mangle(byte[] request, SplittableRandom random) {
        byte[] b = request.clone();
        switch (random.nextInt(5)) {
            case 0 -> {
                for (int i = random.nextInt(1, 8); i > 0; i--) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> b = Arrays.copyOf(b, random.nextInt(1, b.length));
            case 2 -> {
                int from = random.nextInt(b.length);
                int to = random.nextInt(b.length);
                byte tmp = b[from];
                b[from] = b[to];
                b[to] = tmp;
            }
            case 3 -> {
                byte[] insert = new byte[random.nextInt(1, 64)];
                random.nextBytes(insert);
                int at = random.nextInt(b.length);
                byte[] out = new byte[b.length + insert.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(insert, 0, out, at, insert.length);
                System.arraycopy(b, at, out, at + insert.length, b.length - at);
                b = out;
            }
            default -> {
                // A header line repeated until the head is far larger than any real request.
                String line = "X-Filler: " + "a".repeat(random.nextInt(10, 200)) + "\r\n";
                byte[] filler = line.repeat(random.nextInt(10, 400)).getBytes(StandardCharsets.US_ASCII);
                int at = new String(b, StandardCharsets.ISO_8859_1).indexOf("\r\n") + 2;
                byte[] out = new byte[b.length + filler.length];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(filler, 0, out, at, filler.length);
                System.arraycopy(b, at, out, at + filler.length, b.length - at);
                b = out;
            }
        }
        return b;
    }

    private byte[] unsigned(SplittableRandom random, Instant now) {
        String path = sessionPath(random);
        ObjectNode body = body(path, random);
        body.put("ts", now.getEpochSecond()).put("nonce", HexFormat.of().formatHex(new byte[16]) + random.nextInt(1000));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(4)) {
            case 0 -> post(path, bytes, null, null);
            case 1 -> post(path, bytes, address(player), null);
            case 2 -> post(path, bytes, null, Base64.getEncoder().encodeToString(new byte[64]));
            default -> post(path, bytes, "", "");
        };
    }

    private byte[] badlySigned(SplittableRandom random, Instant now) {
        String path = sessionPath(random);
        SignedMessage.Signed genuine = sign(player, body(path, random), now, random);
        byte[] body = genuine.body();
        String key = genuine.key();
        String signature = genuine.signature();
        switch (random.nextInt(8)) {
            case 0 -> signature = Base64.getEncoder().encodeToString(stranger.sign(body));
            case 1 -> {
                byte[] sig = new byte[64];
                random.nextBytes(sig);
                signature = Base64.getEncoder().encodeToString(sig);
            }
            case 2 -> {
                byte[] sig = Base64.getDecoder().decode(signature);
                sig[random.nextInt(sig.length)] ^= (byte) (1 << random.nextInt(8));
                signature = Base64.getEncoder().encodeToString(sig);
            }
            // Cut into the data, not only the padding: the decoder does not need the padding, so
            // without it the signature is the same one.
            case 3 -> signature = signature.substring(0, random.nextInt(signature.indexOf('=') < 0
                    ? signature.length() : signature.indexOf('=')));
            case 4 -> signature = "%%not base64%%" + signature;
            case 5 -> key = random.nextBoolean() ? address(stranger) : "0OIl" + key.substring(4);
            case 6 -> {
                // The genuine signature over another of the player's bodies.
                signature = sign(player, body(path, random), now, random).signature();
            }
            default -> {
                body = body.clone();
                body[random.nextInt(body.length)] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return post(path, body, key, signature);
    }

    private byte[] staleOrMisdirected(SplittableRandom random, Instant now) {
        String path = sessionPath(random);
        ObjectNode body = body(path, random);
        Instant at = now;
        String sentTo = path;
        switch (random.nextInt(4)) {
            case 0 -> at = now.minusSeconds(random.nextInt(OUTSIDE_WINDOW, 100_000));
            case 1 -> at = now.plusSeconds(random.nextInt(OUTSIDE_WINDOW, 100_000));
            case 2 -> {
                SignedMessage.Signed signed = SignedMessage.sign(player, body.put("nonce", "short"), now);
                return post(path, signed.body(), signed.key(), signed.signature());
            }
            default -> {
                String other = sessionPath(random);
                sentTo = other.equals(path) ? path + "x" : other;
            }
        }
        SignedMessage.Signed signed = sign(player, body, at, random);
        return post(sentTo, signed.body(), signed.key(), signed.signature());
    }

    private byte[] foreign(SplittableRandom random, Instant now) {
        String path = sessionPath(random);
        ObjectNode body = body(path, random);
        switch (random.nextInt(4)) {
            case 0 -> body.put("minutes", random.nextBoolean() ? -random.nextInt(1_000_000) : 1_000_000 + random.nextInt());
            case 1 -> body.putObject("minutes").putArray("nested").add(random.nextLong());
            case 2 -> body.put("signature", "x".repeat(random.nextInt(100, 400)));
            default -> body.put("quote", session(random));
        }
        SignedMessage.Signed signed = sign(stranger, body, now, random);
        return post(path, signed.body(), signed.key(), signed.signature());
    }

    private byte[] hostRecord(SplittableRandom random) {
        String[] targets = {"/v1/host", "/v1/host?after=-1", "/v1/host?after=abc", "/v1/host?after=",
            "/v1/host?after=1&after=2", "/v1/host?after=99999999999999999999999", "/v1/host/../sessions", "/v1/nothing"};
        String method = random.nextInt(4) == 0 ? "POST" : "GET";
        return RawHttp.request(method, targets[random.nextInt(targets.length)], host, Map.of(), new byte[0]);
    }
}
