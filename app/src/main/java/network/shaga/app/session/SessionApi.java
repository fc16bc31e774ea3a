package network.shaga.app.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.shaga.app.api.HostApiServer;
import network.shaga.dht.Ed25519KeyPair;

/**
 * The session endpoints of the host API (DESIGN.md §5, docs/host-api.md): every request must be a signed message
 * ({@link SignedMessage}) and every answer is one, signed by the host and naming the request's nonce in {@code re}.
 */
public final class SessionApi {
    public static final String PREFIX = "/v1/sessions";
    private static final System.Logger LOG = System.getLogger(SessionApi.class.getName());
    private static final Pattern SESSION_PATH = Pattern.compile("/v1/sessions/([0-9a-f-]{36})/(payment|extend|end|status)");
    private static final int NONCE_CAPACITY = 100_000;

    private final HostSessions sessions;
    private final Ed25519KeyPair hostKey;
    private final Clock clock;
    private final NonceGuard nonces = new NonceGuard(NONCE_CAPACITY);
    private final ObjectMapper json = new ObjectMapper();

    public SessionApi(HostSessions sessions, Ed25519KeyPair hostKey, Clock clock) {
        this.sessions = sessions;
        this.hostKey = hostKey;
        this.clock = clock;
    }

    /** Adds the endpoints to {@code server}. */
    public void register(HostApiServer server) {
        server.addHandler(PREFIX, this::handle);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                refuse(exchange, null, 405, "METHOD_NOT_ALLOWED", "use POST with a signed JSON body");
                return;
            }
            Matcher matcher = SESSION_PATH.matcher(path);
            boolean create = path.equals(PREFIX);
            if (!create && !matcher.matches()) {
                refuse(exchange, null, 404, "NO_SUCH_ENDPOINT", "no endpoint " + path);
                return;
            }
            byte[] body = readCapped(exchange);
            SignedMessage.Checked checked = SignedMessage.check(exchange.getRequestHeaders().getFirst(SignedMessage.KEY_HEADER),
                    exchange.getRequestHeaders().getFirst(SignedMessage.SIGNATURE_HEADER), body, path, clock.instant(), nonces);
            if (checked instanceof SignedMessage.Invalid invalid) {
                refuse(exchange, null, invalid.refusal().status(), invalid.refusal().name(), invalid.refusal().message());
                return;
            }
            SignedMessage.Valid message = (SignedMessage.Valid) checked;
            String nonce = message.body().get("nonce").asText();
            SessionAnswer answer;
            try {
                answer = create ? create(message) : dispatch(message, matcher.group(1), matcher.group(2));
            } catch (java.sql.SQLException | RuntimeException e) {
                LOG.log(Level.ERROR, "session request " + path + " failed", e);
                refuse(exchange, nonce, 500, "INTERNAL", "the host could not record the request; retry");
                return;
            }
            if (answer instanceof SessionAnswer.Ok ok) {
                send(exchange, nonce, 200, ok.body());
            } else if (answer instanceof SessionAnswer.NotYet notYet) {
                exchange.getResponseHeaders().set("Retry-After", Integer.toString(notYet.retryAfterSeconds()));
                send(exchange, nonce, 202, json.createObjectNode().put("state", "unconfirmed").put("reason", notYet.reason())
                        .put("detail", notYet.detail()));
            } else {
                SessionAnswer.Refused refused = (SessionAnswer.Refused) answer;
                refuse(exchange, nonce, refused.status(), refused.code(), refused.message());
            }
        }
    }

    private SessionAnswer create(SignedMessage.Valid message) throws java.sql.SQLException {
        JsonNode body = message.body();
        if (!message.signer().equals(body.path("player").asText())) {
            return new SessionAnswer.Refused(400, "WRONG_PLAYER", "player must be the signing key");
        }
        if (!body.path("minutes").canConvertToInt() || !body.path("x25519").isTextual()) {
            return new SessionAnswer.Refused(400, "MISSING_FIELD", "minutes (integer) and x25519 (base64) are required");
        }
        return sessions.quote(message.signer(), body.get("minutes").asInt(), body.get("x25519").asText());
    }

    private SessionAnswer dispatch(SignedMessage.Valid message, String id, String action) throws java.sql.SQLException {
        JsonNode body = message.body();
        return switch (action) {
            case "payment" -> {
                if (!body.path("signature").isTextual() || body.get("signature").asText().length() > 128) {
                    yield new SessionAnswer.Refused(400, "MISSING_FIELD", "signature (base58) is required");
                }
                String quote = body.path("quote").isTextual() ? body.get("quote").asText() : null;
                yield sessions.pay(message.signer(), id, quote, body.get("signature").asText());
            }
            case "extend" -> body.path("minutes").canConvertToInt()
                    ? sessions.extend(message.signer(), id, body.get("minutes").asInt())
                    : new SessionAnswer.Refused(400, "MISSING_FIELD", "minutes (integer) is required");
            case "end" -> sessions.end(message.signer(), id);
            default -> sessions.status(message.signer(), id);
        };
    }

    private static byte[] readCapped(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(SignedMessage.MAX_BODY_BYTES + 1);
        }
    }

    private void refuse(HttpExchange exchange, String nonce, int status, String code, String message) throws IOException {
        send(exchange, nonce, status, json.createObjectNode().put("error", code).put("message", message));
    }

    private void send(HttpExchange exchange, String requestNonce, int status, ObjectNode body) throws IOException {
        if (requestNonce != null) {
            body.put("re", requestNonce);
        }
        SignedMessage.Signed signed = SignedMessage.sign(hostKey, body, clock.instant());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set(SignedMessage.KEY_HEADER, signed.key());
        exchange.getResponseHeaders().set(SignedMessage.SIGNATURE_HEADER, signed.signature());
        exchange.sendResponseHeaders(status, signed.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(signed.body());
        }
    }
}
