package network.shaga.app.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Talks to the local Sunshine server: {@code /serverinfo} on its HTTP port, and the admin web API
 * ({@code /api/pin}, {@code /api/clients/*}, {@code /api/apps/close}) over HTTPS with Basic auth.
 */
public final class SunshineClient {
    public static final URI DEFAULT_HTTP = URI.create("http://127.0.0.1:47989");
    public static final URI DEFAULT_WEB_API = URI.create("https://localhost:47990");

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final URI httpBase;
    private final URI webApiBase;
    private final SunshineCredentials credentials;
    private final HttpClient plain;
    private final HttpClient webApi;
    private final ObjectMapper json = new ObjectMapper();

    public SunshineClient(URI httpBase, URI webApiBase, SunshineCredentials credentials) {
        this.httpBase = Objects.requireNonNull(httpBase);
        this.webApiBase = Objects.requireNonNull(webApiBase);
        this.credentials = credentials;
        this.plain = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT);
        if (LoopbackTls.isLoopback(webApiBase)) {
            builder.sslContext(LoopbackTls.acceptingSelfSigned());
        }
        this.webApi = builder.build();
    }

    /** Reads {@code /serverinfo}: name, version, codecs and whether a stream is running. */
    public SunshineServerInfo serverInfo() throws SunshineException {
        HttpRequest request = HttpRequest.newBuilder(httpBase.resolve("/serverinfo?uniqueid=0123456789ABCDEF"))
                .timeout(REQUEST_TIMEOUT).GET().build();
        byte[] body = send(plain, request, "serverinfo");
        try {
            return SunshineServerInfo.parse(body);
        } catch (IOException e) {
            throw new SunshineException("Sunshine at " + httpBase + " sent an unreadable serverinfo: " + e.getMessage(), e);
        }
    }

    /**
     * Offers a pairing PIN to Sunshine. Returns true when Sunshine accepted it, i.e. a Moonlight client was
     * waiting to pair with this PIN; false when no pairing was pending yet.
     */
    public boolean submitPin(String pin, String clientName) throws SunshineException {
        ObjectNode body = json.createObjectNode().put("pin", pin).put("name", clientName);
        return status(postJson("/api/pin", body));
    }

    /** Submits the PIN until Sunshine has a pending pairing for it, or the timeout passes (then false). */
    public boolean pairWhenPending(String pin, String clientName, Duration timeout, Duration retryEvery)
            throws SunshineException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (submitPin(pin, clientName)) {
                return true;
            }
            if (Instant.now().plus(retryEvery).isAfter(deadline)) {
                return false;
            }
            Thread.sleep(retryEvery.toMillis());
        }
    }

    public List<PairedClient> pairedClients() throws SunshineException {
        JsonNode answer = getJson("/api/clients/list");
        List<PairedClient> clients = new ArrayList<>();
        for (JsonNode cert : answer.path("named_certs")) {
            clients.add(new PairedClient(cert.path("name").asText(""), cert.path("uuid").asText("")));
        }
        return clients;
    }

    /** Unpairs one client by its uuid; true when Sunshine had it. */
    public boolean unpair(String uuid) throws SunshineException {
        return status(postJson("/api/clients/unpair", json.createObjectNode().put("uuid", uuid)));
    }

    /** Closes the app that is streaming, if any. */
    public void closeApp() throws SunshineException {
        status(postJson("/api/apps/close", json.createObjectNode()));
    }

    private JsonNode getJson(String path) throws SunshineException {
        HttpRequest request = authorized(path).GET().build();
        return parse(send(webApi, request, path), path);
    }

    private JsonNode postJson(String path, JsonNode body) throws SunshineException {
        HttpRequest request = authorized(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return parse(send(webApi, request, path), path);
    }

    private HttpRequest.Builder authorized(String path) throws SunshineException {
        if (credentials == null) {
            throw new SunshineException("Sunshine's admin user name and password are not set: enter them in Host mode "
                    + "(they are the ones of Sunshine's web UI at " + webApiBase + ")");
        }
        String token = Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(webApiBase.resolve(path)).timeout(REQUEST_TIMEOUT).header("Authorization", "Basic " + token);
    }

    private byte[] send(HttpClient client, HttpRequest request, String what) throws SunshineException {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw new SunshineException("Sunshine is not running at " + request.uri().getScheme() + "://"
                    + request.uri().getAuthority() + " (connection refused): start Sunshine, or check its ports", e);
        } catch (HttpTimeoutException e) {
            throw new SunshineException("Sunshine did not answer " + what + " within " + REQUEST_TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new SunshineException("cannot reach Sunshine for " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SunshineException("interrupted while calling Sunshine " + what, e);
        }
        if (response.statusCode() == 401) {
            throw new SunshineException("Sunshine refused the admin user name or password (HTTP 401): "
                    + "enter the credentials of Sunshine's web UI in Host mode");
        }
        if (response.statusCode() == 403) {
            throw new SunshineException("Sunshine refused the request (HTTP 403): its web UI only allows local connections");
        }
        if (response.statusCode() / 100 != 2) {
            throw new SunshineException("Sunshine answered " + what + " with HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_BODY_BYTES) {
            throw new SunshineException("Sunshine's answer to " + what + " is too large");
        }
        return response.body();
    }

    private JsonNode parse(byte[] body, String path) throws SunshineException {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new SunshineException("Sunshine's answer to " + path + " is not JSON", e);
        }
    }

    private static boolean status(JsonNode answer) {
        JsonNode status = answer.path("status");
        return status.isBoolean() ? status.asBoolean() : "true".equals(status.asText());
    }
}
