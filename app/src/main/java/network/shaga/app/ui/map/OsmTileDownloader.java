package network.shaga.app.ui.map;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Downloads tiles from the OpenStreetMap tile servers, following their usage policy: an identifying
 * User-Agent, HTTPS, no bulk downloading (callers only ask for tiles on screen, with at most two
 * requests at a time, and cache them).
 */
public final class OsmTileDownloader implements TileDownloader {
    /** The standard OpenStreetMap tile layer. */
    public static final String OSM_TILE_URL = "https://tile.openstreetmap.org/";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final String baseUrl;
    private final String userAgent;

    public OsmTileDownloader(HttpClient client, String baseUrl, String userAgent) {
        this.client = Objects.requireNonNull(client);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        this.userAgent = Objects.requireNonNull(userAgent);
    }

    /** A downloader from the standard OpenStreetMap tile layer with its own HTTP client. */
    public static OsmTileDownloader openStreetMap(String userAgent) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        return new OsmTileDownloader(client, OSM_TILE_URL, userAgent);
    }

    /** The User-Agent OpenStreetMap asks applications to send: name/version and where to learn more. */
    public static String userAgent(String appVersion, String projectUrl) {
        return "Shaga/" + appVersion + " (+" + projectUrl + ")";
    }

    @Override
    public Optional<byte[]> download(TileKey key) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + key.path() + ".png"))
                .timeout(TIMEOUT)
                .header("User-Agent", userAgent)
                .header("Accept", "image/png")
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading tile " + key.path(), e);
        }
        return switch (response.statusCode()) {
            case 200 -> Optional.of(response.body());
            case 404 -> Optional.empty();
            default -> throw new IOException("tile server answered " + response.statusCode() + " for " + key.path());
        };
    }
}
