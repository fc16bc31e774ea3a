package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the downloader against a tile server on loopback; no test touches the internet. */
@Timeout(30)
class OsmTileDownloaderTest {
    private HttpServer server;
    private final List<String> userAgents = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            userAgents.add(exchange.getRequestHeaders().getFirst("User-Agent"));
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            byte[] body = path.equals("/5/10/12.png") ? new byte[] {(byte) 0x89, 'P', 'N', 'G'} : new byte[0];
            int status = path.equals("/5/10/12.png") ? 200 : path.startsWith("/6/") ? 404 : 503;
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private OsmTileDownloader downloader() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return new OsmTileDownloader(HttpClient.newHttpClient(), base, OsmTileDownloader.userAgent("1.2.3", "https://example.org/shaga"));
    }

    @Test
    void fetchesTheZxyPathWithAnIdentifyingUserAgent() throws IOException {
        assertThat(downloader().download(new TileKey(5, 10, 12))).hasValueSatisfying(png -> assertThat(png).startsWith((byte) 0x89, (byte) 'P'));
        assertThat(paths).containsExactly("/5/10/12.png");
        assertThat(userAgents).containsExactly("Shaga/1.2.3 (+https://example.org/shaga)");
    }

    @Test
    void aMissingTileIsEmptyNotAnError() throws IOException {
        assertThat(downloader().download(new TileKey(6, 1, 1))).isEmpty();
    }

    @Test
    void aServerErrorIsAnIoException() {
        assertThatThrownBy(() -> downloader().download(new TileKey(7, 1, 1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("503");
    }

    @Test
    void anUnreachableServerIsAnIoException() throws IOException {
        int port = server.getAddress().getPort();
        server.stop(0);
        OsmTileDownloader downloader = new OsmTileDownloader(HttpClient.newHttpClient(), "http://127.0.0.1:" + port, "Shaga/test");
        assertThatThrownBy(() -> downloader.download(new TileKey(5, 10, 12))).isInstanceOf(IOException.class);
    }
}
