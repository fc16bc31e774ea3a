package network.shaga.app.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import network.shaga.app.net.Endpoints;
import network.shaga.dht.Ed25519KeyPair;

/** The player's side of the host API: sends signed requests and accepts only answers signed by the expected host. */
public final class HostApiClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final String hostKey;
    private final Ed25519KeyPair playerKey;
    private final Clock clock;
    private final HttpClient http;
    private final NonceGuard answers = new NonceGuard(10_000);

    /** {@code hostKey} is the host's base58 public key, from its signed directory record. */
    public HostApiClient(InetSocketAddress api, String hostKey, Ed25519KeyPair playerKey, Clock clock, HttpClient http) {
        this.base = URI.create("http://" + Endpoints.format(api));
        this.hostKey = hostKey;
        this.playerKey = playerKey;
        this.clock = clock;
        this.http = http;
    }

    /** A verified answer: HTTP status, body, and {@code Retry-After} when the host sent one. */
    public record Reply(int status, ObjectNode body, Optional<Integer> retryAfterSeconds) {
        public boolean ok() {
            return status == 200;
        }

        /** The host's refusal as "CODE: message", for the player. */
        public String describe() {
            return "HTTP " + status + " " + body.path("error").asText(body.path("reason").asText("")) + ": "
                    + body.path("message").asText(body.path("detail").asText(""));
        }
    }

    /** Signs {@code body} for {@code path}, posts it, and checks the answer's signer, signature and {@code re}. */
    public Reply post(String path, ObjectNode body) throws IOException, InterruptedException {
        body.put("path", path);
        SignedMessage.Signed signed = SignedMessage.sign(playerKey, body, clock.instant());
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header(SignedMessage.KEY_HEADER, signed.key())
                .header(SignedMessage.SIGNATURE_HEADER, signed.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed.body())).build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 429) {
            throw new IOException("the host is rate limiting this address; wait a moment and retry");
        }
        String key = response.headers().firstValue(SignedMessage.KEY_HEADER).orElse(null);
        if (key != null && !key.equals(hostKey)) {
            throw new IOException("the answer is signed by " + key + ", not by the host " + hostKey);
        }
        SignedMessage.Checked checked = SignedMessage.check(key, response.headers().firstValue(SignedMessage.SIGNATURE_HEADER).orElse(null),
                response.body(), null, clock.instant(), answers);
        if (checked instanceof SignedMessage.Invalid invalid) {
            throw new IOException("the host's answer to " + path + " (HTTP " + response.statusCode() + ") is not valid: "
                    + invalid.refusal().message());
        }
        ObjectNode answer = ((SignedMessage.Valid) checked).body();
        String nonce = body.get("nonce").asText();
        // Refusals of the envelope itself come before the host reads the nonce, so they carry no "re".
        String re = answer.hasNonNull("re") ? answer.get("re").asText() : null;
        if (re == null ? response.statusCode() < 400 : !re.equals(nonce)) {
            throw new IOException("the host's answer to " + path + " does not reply to this request");
        }
        return new Reply(response.statusCode(), answer,
                response.headers().firstValue("Retry-After").map(v -> {
                    try {
                        return Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        return 1;
                    }
                }));
    }
}
