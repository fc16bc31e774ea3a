package network.shaga.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import network.shaga.app.RequiresLocalnet;
import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The custom-RPC check against a real local cluster and against loopback servers that are not what they claim. */
@Timeout(60)
class RpcProbeTest {
    private static final ExecutorService IO = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stop() {
        IO.shutdownNow();
    }

    /** A JSON-RPC server on loopback whose answer to each request is {@code resultFor(request body)}. */
    private static HttpServer server(Function<String, String> resultFor) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] bytes = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + resultFor.apply(request) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void aShagaLocalClusterIsRecognised() throws Exception {
        RequiresLocalnet.check();
        try (Localnet localnet = Localnet.start(LocalnetOptions.fast())) {
            RpcProbe.Result result = RpcProbe.probe(URI.create(localnet.rpcUrl()), IO).get(30, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(RpcProbe.Reachable.class);
            RpcProbe.Reachable reachable = (RpcProbe.Reachable) result;
            assertThat(reachable.cluster().name()).isEqualTo("localnet");
            assertThat(reachable.cluster().rpcUrl()).hasToString(localnet.rpcUrl());
        }
    }

    @Test
    void aNodeThatIsDownIsRefusedWithAReason() throws Exception {
        RpcProbe.Result result = RpcProbe.probe(URI.create("http://127.0.0.1:9"), IO).get(30, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(RpcProbe.Refused.class);
        assertThat(((RpcProbe.Refused) result).reason()).contains("127.0.0.1:9").contains("Check the URL");
    }

    @Test
    void aNodeOfAnUnknownClusterIsRefused() throws Exception {
        HttpServer server = server(request -> "\"ok\"");
        try {
            RpcProbe.Result result = RpcProbe.probe(url(server), IO).get(30, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(RpcProbe.Refused.class);
            assertThat(((RpcProbe.Refused) result).reason()).contains("does not know");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aNodeThatSaysItIsUnhealthyIsRefused() throws Exception {
        HttpServer server = server(request -> "\"behind\"");
        try {
            RpcProbe.Result result = RpcProbe.probe(url(server), IO).get(30, TimeUnit.SECONDS);
            assertThat(((RpcProbe.Refused) result).reason()).contains("not healthy");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aMainnetNodeIsRecognisedByItsGenesisHash() throws Exception {
        HttpServer server = server(request -> request.contains("getGenesisHash") ? "\"5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d\"" : "\"ok\"");
        try {
            RpcProbe.Result result = RpcProbe.probe(url(server), IO).get(30, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(RpcProbe.Reachable.class);
            assertThat(((RpcProbe.Reachable) result).cluster().name()).isEqualTo("mainnet-beta");
            assertThat(((RpcProbe.Reachable) result).cluster().usdcMint()).contains("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v");
        } finally {
            server.stop(0);
        }
    }
}
