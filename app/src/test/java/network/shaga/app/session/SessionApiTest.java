package network.shaga.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import network.shaga.app.api.HostApiServer;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.stream.SunshineClient;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.KdfParams;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreContent;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.pay.PaymentSender;
import network.shaga.wallet.rpc.Cluster;
import network.shaga.wallet.rpc.SolanaRpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.PublicKey;

/**
 * The session endpoints under attack: forged, replayed, tampered, oversized, malformed, misdirected and flooding
 * requests get their 4xx answers and leave the host's sessions as they were. No chain is needed: the RPC node is
 * unreachable, which is also how "payment not confirmed yet" looks to the host.
 */
@Timeout(60)
class SessionApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private final WalletKey hostKey = WalletKey.generate(new SecureRandom());
    private final Ed25519KeyPair player = Ed25519KeyPair.generate();
    private final Ed25519KeyPair stranger = Ed25519KeyPair.generate();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<HostStatus> published = new CopyOnWriteArrayList<>();
    private HostApiServer server;
    private SessionStore store;
    private HostSessions sessions;
    private final HttpClient http = HttpClient.newHttpClient();
    private final TestWorld.MovableClock clock = new TestWorld.MovableClock();

    @BeforeEach
    void start() throws Exception {
        Keystore keystore = new Keystore(new KdfParams(1024, 1, 1), new SecureRandom());
        Path keystoreFile = dir.resolve("host.json");
        keystore.save(keystoreFile, "pw".toCharArray(), KeystoreContent.of(hostKey));
        SolanaRpc unreachable = SolanaRpc.connect(URI.create("http://127.0.0.1:9"));
        WalletService wallet = new WalletService(Cluster.LOCALNET, new PublicKey(WalletKey.generate(new SecureRandom()).address()),
                unreachable, keystoreFile, keystore, Ledger.open(dir.resolve("ledger.db"), Clock.systemUTC()), Clock.systemUTC(),
                new SecureRandom(), PaymentSender.Timing.DEFAULT, d -> Thread.sleep(d.toMillis()));
        store = SessionStore.open(dir.resolve("sessions.db"), Clock.systemUTC());
        SunshineClient noSunshine = new SunshineClient(URI.create("http://127.0.0.1:9"), URI.create("https://localhost:9"), null);
        sessions = new HostSessions(store, new HostPayments(wallet, hostKey), noSunshine, status -> {
            published.add(status);
            return CompletableFuture.completedFuture(null);
        }, new SessionSettings(1_200_000, 120, Duration.ofMinutes(2), Duration.ofSeconds(5), "127.0.0.1"), clock, timer,
                Runnable::run, new SecureRandom());
        server = new HostApiServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), () -> null, () -> 0);
        new SessionApi(sessions, Ed25519KeyPair.fromSeed(hostKey.seed()), Clock.systemUTC()).register(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        store.close();
        timer.shutdownNow();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private HttpResponse<byte[]> send(String path, byte[] body, String key, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header(SignedMessage.KEY_HEADER, key).header(SignedMessage.SIGNATURE_HEADER, signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> send(String path, SignedMessage.Signed signed) throws Exception {
        return send(path, signed.body(), signed.key(), signed.signature());
    }

    private SignedMessage.Signed quoteRequest(Ed25519KeyPair signer, String playerField, String path) {
        ObjectNode body = JSON.createObjectNode().put("path", path).put("player", playerField).put("minutes", 30)
                .put("x25519", PinSeal.publicKeyBase64(PinSeal.newPlayerKey()));
        return SignedMessage.sign(signer, body, Clock.systemUTC().instant());
    }

    private static String address(Ed25519KeyPair key) {
        return new PublicKey(key.publicKey()).toBase58();
    }

    private static String error(HttpResponse<byte[]> response) throws Exception {
        return JSON.readTree(response.body()).path("error").asText();
    }

    private int sessionCount() throws Exception {
        return store.open().size();
    }

    @Test
    void aSignedQuoteRequestIsAnsweredOnceAndItsReplayIsRefused() throws Exception {
        SignedMessage.Signed request = quoteRequest(player, address(player), SessionApi.PREFIX);
        HttpResponse<byte[]> first = send(SessionApi.PREFIX, request);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue(SignedMessage.KEY_HEADER)).contains(hostKey.address());
        JsonNode quote = JSON.readTree(first.body());
        assertThat(quote.path("memo").asText()).isEqualTo("shaga:" + quote.path("id").asText());
        assertThat(quote.path("amount").asLong()).isEqualTo(600_000);
        assertThat(quote.path("recipient").asText()).isEqualTo(hostKey.address());
        assertThat(quote.path("re").asText()).isEqualTo(JSON.readTree(request.body()).path("nonce").asText());

        HttpResponse<byte[]> replay = send(SessionApi.PREFIX, request);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(error(replay)).isEqualTo("REPLAYED");
        assertThat(sessionCount()).isEqualTo(1);
    }

    @Test
    void forgedTamperedOversizedMalformedAndMisdirectedRequestsChangeNothing() throws Exception {
        SignedMessage.Signed good = quoteRequest(player, address(player), SessionApi.PREFIX);
        byte[] tampered = new String(good.body(), StandardCharsets.UTF_8).replace("\"minutes\":30", "\"minutes\":1")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(send(SessionApi.PREFIX, tampered, good.key(), good.signature()).statusCode()).isEqualTo(401);
        assertThat(send(SessionApi.PREFIX, good.body(), address(stranger), good.signature()).statusCode()).isEqualTo(401);
        assertThat(send(SessionApi.PREFIX, good.body(), null, null).statusCode()).isEqualTo(401);
        HttpResponse<byte[]> impersonating = send(SessionApi.PREFIX, quoteRequest(stranger, address(player), SessionApi.PREFIX));
        assertThat(impersonating.statusCode()).isEqualTo(400);
        assertThat(error(impersonating)).isEqualTo("WRONG_PLAYER");
        byte[] huge = new byte[20_000];
        java.util.Arrays.fill(huge, (byte) 'x');
        assertThat(send(SessionApi.PREFIX, huge, good.key(), good.signature()).statusCode()).isEqualTo(413);
        SignedMessage.Signed otherPath = quoteRequest(player, address(player), "/v1/sessions/elsewhere");
        assertThat(error(send(SessionApi.PREFIX, otherPath))).isEqualTo("WRONG_PATH");
        ObjectNode stale = JSON.createObjectNode().put("path", SessionApi.PREFIX).put("player", address(player)).put("minutes", 5)
                .put("x25519", PinSeal.publicKeyBase64(PinSeal.newPlayerKey()));
        assertThat(error(send(SessionApi.PREFIX, SignedMessage.sign(player, stale, Clock.systemUTC().instant().minusSeconds(300)))))
                .isEqualTo("STALE_TIMESTAMP");
        ObjectNode badMinutes = JSON.createObjectNode().put("path", SessionApi.PREFIX).put("player", address(player)).put("minutes", 100_000)
                .put("x25519", PinSeal.publicKeyBase64(PinSeal.newPlayerKey()));
        assertThat(error(send(SessionApi.PREFIX, SignedMessage.sign(player, badMinutes, Clock.systemUTC().instant())))).isEqualTo("BAD_MINUTES");
        assertThat(http.send(HttpRequest.newBuilder(uri(SessionApi.PREFIX)).GET().build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(405);
        assertThat(sessionCount()).isZero();

        // The untampered request still works: none of the refusals used up its nonce.
        assertThat(send(SessionApi.PREFIX, good).statusCode()).isEqualTo(200);
        assertThat(sessionCount()).isEqualTo(1);
    }

    @Test
    void anotherPlayerCannotPayEndOrReadASessionAndAnUnconfirmedPaymentIsAskedToRetry() throws Exception {
        HostApiClient owner = new HostApiClient(server.address(), hostKey.address(), player, Clock.systemUTC(), http);
        HostApiClient intruder = new HostApiClient(server.address(), hostKey.address(), stranger, Clock.systemUTC(), http);
        HostApiClient.Reply quote = owner.post(SessionApi.PREFIX, JSON.createObjectNode().put("player", address(player)).put("minutes", 10)
                .put("x25519", PinSeal.publicKeyBase64(PinSeal.newPlayerKey())));
        assertThat(quote.ok()).isTrue();
        String id = quote.body().path("id").asText();
        for (String action : List.of("end", "status", "payment", "extend")) {
            HostApiClient.Reply reply = intruder.post(SessionApi.PREFIX + "/" + id + "/" + action,
                    JSON.createObjectNode().put("signature", "1111").put("minutes", 5));
            assertThat(reply.status()).as(action).isEqualTo(404);
            assertThat(reply.body().path("error").asText()).isEqualTo("UNKNOWN_SESSION");
        }
        assertThat(sessions.find(id).orElseThrow().state()).isEqualTo(SessionState.QUOTED);

        HostApiClient.Reply unconfirmed = owner.post(SessionApi.PREFIX + "/" + id + "/payment",
                JSON.createObjectNode().put("signature", "5".repeat(88)));
        assertThat(unconfirmed.status()).isEqualTo(202);
        assertThat(unconfirmed.retryAfterSeconds()).contains(1);
        assertThat(unconfirmed.body().path("reason").asText()).isEqualTo("RPC_ERROR");
        assertThat(sessions.find(id).orElseThrow().state()).isEqualTo(SessionState.QUOTED);
        assertThat(published).isEmpty();
    }

    @Test
    void anUnpaidQuoteIsClosedSomeTimeAfterItExpires() throws Exception {
        HostApiClient owner = new HostApiClient(server.address(), hostKey.address(), player, Clock.systemUTC(), http);
        String id = owner.post(SessionApi.PREFIX, JSON.createObjectNode().put("player", address(player)).put("minutes", 10)
                .put("x25519", PinSeal.publicKeyBase64(PinSeal.newPlayerKey()))).body().path("id").asText();
        clock.advance(Duration.ofMinutes(5));
        sessions.endExpired();
        assertThat(sessions.find(id).orElseThrow().state()).isEqualTo(SessionState.QUOTED);
        clock.advance(Duration.ofMinutes(8));
        sessions.endExpired();
        assertThat(sessions.find(id).orElseThrow().state()).isEqualTo(SessionState.ENDED);
        assertThat(sessions.find(id).orElseThrow().detail()).isEqualTo("the quote expired unpaid");
        assertThat(published).isEmpty();
    }

    @Test
    void aFloodFromOneAddressIsRateLimited() throws Exception {
        List<CompletableFuture<HttpResponse<Void>>> flood = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            flood.add(http.sendAsync(HttpRequest.newBuilder(uri(SessionApi.PREFIX)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        int limited = 0;
        for (CompletableFuture<HttpResponse<Void>> response : flood) {
            int status = response.get().statusCode();
            assertThat(status).isIn(401, 429);
            limited += status == 429 ? 1 : 0;
        }
        assertThat(limited).isPositive();
        assertThat(sessionCount()).isZero();
    }
}
