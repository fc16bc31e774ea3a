package network.shaga.app.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import network.shaga.app.api.HostApiServer;
import network.shaga.app.api.HostRecordJson;
import network.shaga.app.net.Endpoints;

/** Fetches records with {@code GET /v1/host} over HTTP; oversize or malformed answers are reported as such. */
public final class HttpRecordFetcher implements RecordFetcher {
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    private static final int MAX_RESPONSE_BYTES = 16 * 1024;

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public HttpRecordFetcher(HttpClient http) {
        this.http = Objects.requireNonNull(http);
    }

    @Override
    public CompletableFuture<Fetched> fetch(InetSocketAddress endpoint) {
        return get(URI.create("http://" + Endpoints.format(endpoint) + "/v1/host"), FETCH_TIMEOUT);
    }

    @Override
    public CompletableFuture<Fetched> fetchNewer(InetSocketAddress endpoint, long afterSeq) {
        return get(URI.create("http://" + Endpoints.format(endpoint) + "/v1/host?after=" + afterSeq),
                HostApiServer.MAX_WAIT.plus(FETCH_TIMEOUT));
    }

    private CompletableFuture<Fetched> get(URI uri, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).handle((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                return new Fetched.Unreachable();
            }
            double rttMs = (System.nanoTime() - sent) / 1e6;
            if (response.body().length > MAX_RESPONSE_BYTES) {
                return new Fetched.Bad(RecordRejection.OVERSIZE);
            }
            try {
                JsonNode body = json.readTree(response.body());
                return HostRecordJson.fromJson(body)
                        .<Fetched>map(item -> new Fetched.Ok(item, rttMs, HostRecordJson.replicas(body)))
                        .orElse(new Fetched.Bad(RecordRejection.MALFORMED));
            } catch (IOException e) {
                return new Fetched.Bad(RecordRejection.MALFORMED);
            }
        });
    }
}
