package network.shaga.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.shaga.app.demo.SunshineStandIn;
import network.shaga.app.directory.GeoPoint;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.directory.SeqCounter;
import network.shaga.app.host.HardwareProbe;
import network.shaga.app.host.HostRuntime;
import network.shaga.app.host.HostSettings;
import network.shaga.app.net.PrivateDht;
import network.shaga.app.stream.MoonlightLocator;
import network.shaga.app.stream.StreamOptions;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.KdfParams;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreContent;
import network.shaga.wallet.localnet.Localnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow F9 on loopback with real parts: a private DHT, the localnet (real SVM), the host runtime with sessions, the
 * Sunshine stand-in and the Moonlight stand-in script, driven by the player's {@link RentFlow}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class SessionFlowTest {
    static final long PRICE = 1_200_000; // 1.20 USDC per hour: 20 000 micro-USDC per minute
    private static final Keystore KEYSTORE = new Keystore(new KdfParams(1024, 1, 1), new SecureRandom());

    @TempDir
    Path root;
    private Path dir;
    private Localnet localnet;
    private PrivateDht dht;
    private final WalletKey hostKey = WalletKey.generate(new SecureRandom());
    private final WalletKey playerKey = WalletKey.generate(new SecureRandom());
    private final TestWorld.MovableClock clock = new TestWorld.MovableClock();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final List<Process> streams = new ArrayList<>();
    private SunshineStandIn sunshine;
    private HostRuntime runtime;
    private SessionHost host;
    private WalletService hostWallet;
    private WalletService playerWallet;
    private Path moonlight;
    private final List<RentFlow.Progress> steps = new CopyOnWriteArrayList<>();

    @BeforeAll
    void world() throws Exception {
        localnet = TestWorld.localnet();
        dht = PrivateDht.start(6, 2, b -> b);
        List<String> funding = new ArrayList<>();
        funding.add(localnet.airdrop(hostKey.address(), 1_000_000_000L));
        funding.add(localnet.airdrop(playerKey.address(), 1_000_000_000L));
        funding.add(localnet.fundUsdc(playerKey.address(), 50_000_000L).signature());
        for (String signature : funding) {
            assertThat(localnet.awaitCommitment(signature, "confirmed", Duration.ofSeconds(20))).isTrue();
        }
    }

    @AfterAll
    void endWorld() {
        timer.shutdownNow();
        if (dht != null) {
            dht.close();
        }
        if (localnet != null) {
            localnet.close();
        }
    }

    @BeforeEach
    void startHost() throws Exception {
        dir = Files.createTempDirectory(root, "test");
        clock.reset();
        Path hostKeystore = dir.resolve("host-wallet.json");
        KEYSTORE.save(hostKeystore, "pw".toCharArray(), KeystoreContent.of(hostKey));
        Path playerKeystore = dir.resolve("player-wallet.json");
        KEYSTORE.save(playerKeystore, "pw".toCharArray(), KeystoreContent.of(playerKey));
        URI rpc = URI.create(localnet.rpcUrl());
        hostWallet = SessionWallets.open("localnet", rpc, hostKeystore, dir.resolve("host-ledger.db"), KEYSTORE, Clock.systemUTC());
        playerWallet = SessionWallets.open("localnet", rpc, playerKeystore, dir.resolve("player-ledger.db"), KEYSTORE, Clock.systemUTC());
        sunshine = new SunshineStandIn(dir);
        moonlight = TestWorld.moonlight(dir, dir.resolve("player-home"));
        startRuntime(sunshine);
    }

    private void startRuntime(SunshineStandIn server) throws Exception {
        startRuntime(server, hostKey);
    }

    private void startRuntime(SunshineStandIn server, WalletKey hostKey) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HostSettings settings = new HostSettings("Test rig", new GeoPoint(48.85, 2.35), PRICE, 30, new InetSocketAddress(loopback, 0),
                loopback, "localnet", new HardwareProbe.Hardware("Test GPU", "Test CPU", 16), 1, "1920x1080@60");
        runtime = HostRuntime.open(dht.addNode(), Ed25519KeyPair.fromSeed(hostKey.seed()),
                new SeqCounter(dir.resolve("seq"), System::currentTimeMillis), settings, clock, timer);
        assertThat(runtime.register().get(20, TimeUnit.SECONDS).ok()).isTrue();
        host = SessionHost.start(runtime, hostWallet, hostKey, server.client(),
                new SessionSettings(PRICE, 120, Duration.ofMinutes(2), Duration.ofSeconds(20), server.moonlightHost()),
                dir.resolve("sessions.db"), clock, timer, Duration.ofMillis(200));
    }

    @AfterEach
    void stopHost() {
        streams.forEach(Process::destroyForcibly);
        if (host != null) {
            host.close();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (sunshine != null) {
            sunshine.close();
        }
    }

    private RentFlow flow(MoonlightLocator locator) {
        return new RentFlow(playerWallet, playerKey, locator, clock, HttpClient.newHttpClient());
    }

    private RentFlow.Outcome rent(int minutes) throws Exception {
        return flow(MoonlightLocator.system()).rent(target(), options(minutes), steps::add);
    }

    private RentFlow.Target target() {
        return new RentFlow.Target(runtime.apiAddress(), hostKey.address(), PRICE);
    }

    private RentFlow.Options options(int minutes) {
        return new RentFlow.Options(minutes, Optional.of(moonlight), new StreamOptions("Desktop", "1920x1080", 60, 20_000),
                Duration.ofSeconds(30));
    }

    private RentFlow.RentedSession streaming(RentFlow.Outcome outcome) {
        assertThat(outcome).as("%s", outcome).isInstanceOf(RentFlow.Streaming.class);
        RentFlow.RentedSession session = ((RentFlow.Streaming) outcome).session();
        streams.add(session.stream());
        return session;
    }

    private HostSession hostView(String id) throws Exception {
        return host.sessions().find(id).orElseThrow();
    }

    private long playerUsdc() {
        return playerWallet.balance(playerKey.address()).usdcMicro();
    }

    private HostStatus published() {
        return runtime.publisher().record().status();
    }

    @Test
    void aPlayerRentsStreamsAndEndsAndTheHostGetsItsMachineBack() throws Exception {
        long before = playerUsdc();
        RentFlow.RentedSession session = streaming(rent(10));
        assertThat(steps).extracting(RentFlow.Progress::step).containsSubsequence(RentFlow.Step.QUOTED, RentFlow.Step.FEE_PREVIEWED,
                RentFlow.Step.PAID, RentFlow.Step.VERIFIED_BY_HOST, RentFlow.Step.PIN_UNSEALED, RentFlow.Step.PAIRED,
                RentFlow.Step.STREAMING);
        TestWorld.waitUntil("host streaming", Duration.ofSeconds(20), () -> hostView(session.id()).state() == SessionState.STREAMING);
        TestWorld.waitUntil("Sunshine streaming", Duration.ofSeconds(20), sunshine::streaming);
        HostSession view = hostView(session.id());
        assertThat(view.paidMicro()).isEqualTo(200_000);
        assertThat(sunshine.pairedClients()).containsValue(view.clientName());
        TestWorld.waitUntil("busy published", Duration.ofSeconds(20), () -> published() == HostStatus.BUSY);
        assertThat(playerUsdc()).isEqualTo(before - 200_000);
        assertThat(hostWallet.ledger().earnings()).extracting(e -> e.amount()).containsExactly(200_000L);

        assertThat(session.end().body().path("state").asText()).isEqualTo("ended");
        TestWorld.waitUntil("unpaired", Duration.ofSeconds(20), () -> sunshine.pairedClients().isEmpty());
        TestWorld.waitUntil("available published", Duration.ofSeconds(20), () -> published() == HostStatus.AVAILABLE);
        assertThat(session.stream().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(hostView(session.id()).refundMicro()).isZero();
        // Sessions start at confirmed; the earning settles once the payment is finalized.
        TestWorld.waitUntil("earning settled", Duration.ofSeconds(30),
                () -> hostWallet.ledger().earnings().stream().allMatch(e -> e.settledAt().isPresent()));
    }

    @Test
    void rentToMoonlightLaunchedIsMeasured() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int run = 0; run < 7; run++) {
            RentFlow.RentedSession session = streaming(rent(5));
            millis.add(session.launchedAfter().toMillis());
            session.end();
            TestWorld.waitUntil("available again", Duration.ofSeconds(20),
                    () -> hostView(session.id()).state() == SessionState.ENDED && sunshine.pairedClients().isEmpty());
        }
        Collections.sort(millis);
        System.getLogger(SessionFlowTest.class.getName()).log(System.Logger.Level.INFO,
                "rent pressed -> Moonlight launched (excluding pairing), ms: " + millis + ", p50 " + millis.get(millis.size() / 2));
        assertThat(millis.get(millis.size() / 2)).isPositive();
    }

    @Test
    void aSessionEndsAtItsPaidTimeAndTheClientIsUnpaired() throws Exception {
        RentFlow.RentedSession session = streaming(rent(1));
        TestWorld.waitUntil("host streaming", Duration.ofSeconds(20), () -> hostView(session.id()).state() == SessionState.STREAMING);
        clock.advance(Duration.ofSeconds(61));
        TestWorld.waitUntil("expired", Duration.ofSeconds(20), () -> hostView(session.id()).state() == SessionState.ENDED);
        assertThat(hostView(session.id()).detail()).contains("paid time");
        TestWorld.waitUntil("unpaired", Duration.ofSeconds(20), () -> sunshine.pairedClients().isEmpty());
        assertThat(session.stream().waitFor(20, TimeUnit.SECONDS)).isTrue();
        TestWorld.waitUntil("available published", Duration.ofSeconds(20), () -> published() == HostStatus.AVAILABLE);
    }

    @Test
    void anExtensionIsANewQuoteAndPaymentThatMovesTheEnd() throws Exception {
        RentFlow.RentedSession session = streaming(rent(1));
        long firstEnd = session.endsAt().getEpochSecond();
        HostApiClient.Reply extended = session.extend(playerWallet, playerKey, 2);
        assertThat(extended.ok()).as(extended.describe()).isTrue();
        assertThat(session.endsAt().getEpochSecond()).isEqualTo(firstEnd + 120);
        assertThat(hostView(session.id()).paidMicro()).isEqualTo(20_000 + 40_000);
        clock.advance(Duration.ofSeconds(61));
        Thread.sleep(2 * SessionHost.EXPIRY_CHECK.toMillis() + 500);
        assertThat(hostView(session.id()).state()).isEqualTo(SessionState.STREAMING);
        clock.advance(Duration.ofSeconds(120));
        TestWorld.waitUntil("expired", Duration.ofSeconds(20), () -> hostView(session.id()).state() == SessionState.ENDED);
    }

    @Test
    void theHostEndingEarlyRefundsTheUnusedTimeProRata() throws Exception {
        long before = playerUsdc();
        RentFlow.RentedSession session = streaming(rent(10));
        TestWorld.waitUntil("host streaming", Duration.ofSeconds(20), () -> hostView(session.id()).state() == SessionState.STREAMING);
        clock.advance(Duration.ofMinutes(4));
        host.sessions().endEarly(session.id(), "the host needs the machine back");
        HostSession ended = hostView(session.id());
        assertThat(ended.state()).isEqualTo(SessionState.ENDED);
        assertThat(ended.refundMicro()).isBetween(115_000L, 120_000L);
        assertThat(ended.refundSignature()).isPresent();
        assertThat(playerUsdc()).isEqualTo(before - 200_000 + ended.refundMicro());
        assertThat(sunshine.pairedClients()).isEmpty();
        assertThat(session.status().body().path("refunded").asLong()).isEqualTo(ended.refundMicro());
    }

    @Test
    void aPairingFailureIsRefundedInFull() throws Exception {
        sunshine.refuseAllPins();
        long before = playerUsdc();
        RentFlow.Outcome outcome = rent(10);
        assertThat(outcome).isInstanceOf(RentFlow.Stopped.class);
        RentFlow.Stopped stopped = (RentFlow.Stopped) outcome;
        assertThat(stopped.step()).isEqualTo(RentFlow.Step.PAIRED);
        String id = stopped.sessionId().orElseThrow();
        TestWorld.waitUntil("refunded", Duration.ofSeconds(40), () -> hostView(id).refundSignature().isPresent());
        HostSession failed = hostView(id);
        assertThat(failed.state()).isEqualTo(SessionState.FAILED);
        assertThat(failed.refundMicro()).isEqualTo(200_000);
        assertThat(playerUsdc()).isEqualTo(before);
        TestWorld.waitUntil("available published", Duration.ofSeconds(20), () -> published() == HostStatus.AVAILABLE);
    }

    @Test
    void aRefundThatCannotBeSentIsRetriedUntilItGoesOut() throws Exception {
        host.close();
        runtime.close();
        WalletKey poorHost = WalletKey.generate(new SecureRandom()); // no SOL: it cannot pay the refund's fee yet
        Path keystoreFile = dir.resolve("poor-host.json");
        KEYSTORE.save(keystoreFile, "pw".toCharArray(), KeystoreContent.of(poorHost));
        hostWallet = SessionWallets.open("localnet", URI.create(localnet.rpcUrl()), keystoreFile, dir.resolve("poor-ledger.db"), KEYSTORE,
                Clock.systemUTC());
        startRuntime(sunshine, poorHost);
        sunshine.refuseAllPins();
        long before = playerUsdc();
        RentFlow.Outcome outcome = flow(MoonlightLocator.system())
                .rent(new RentFlow.Target(runtime.apiAddress(), poorHost.address(), PRICE), options(10), steps::add);
        assertThat(outcome).isInstanceOf(RentFlow.Stopped.class);
        String id = ((RentFlow.Stopped) outcome).sessionId().orElseThrow();
        TestWorld.waitUntil("refund attempted", Duration.ofSeconds(40), () -> hostView(id).detail().contains("not sent yet"));
        assertThat(hostView(id).state()).isEqualTo(SessionState.FAILED);
        assertThat(hostView(id).refundDueMicro()).isEqualTo(200_000);
        assertThat(hostView(id).refundSignature()).isEmpty();

        assertThat(localnet.awaitCommitment(localnet.airdrop(poorHost.address(), 100_000_000L), "confirmed", Duration.ofSeconds(20)))
                .isTrue();
        clock.advance(Duration.ofSeconds(61));
        TestWorld.waitUntil("refund retried", Duration.ofSeconds(30), () -> hostView(id).refundSignature().isPresent());
        assertThat(hostView(id).refundDueMicro()).isZero();
        assertThat(hostView(id).refundMicro()).isEqualTo(200_000);
        assertThat(playerUsdc()).isEqualTo(before);
    }

    @Test
    void withoutMoonlightThePlayerIsToldHowToPairAndTheHostRefundsAfterItsTimeout() throws Exception {
        host.close();
        runtime.close();
        startRuntimeWithShortPairing();
        MoonlightLocator nowhere = new MoonlightLocator("Linux", name -> null, path -> false, id -> false);
        RentFlow.Outcome outcome = flow(nowhere).rent(target(), options(10), steps::add);
        RentFlow.Stopped stopped = (RentFlow.Stopped) outcome;
        assertThat(stopped.step()).isEqualTo(RentFlow.Step.MOONLIGHT_MISSING);
        RentFlow.Progress missing = steps.get(steps.size() - 1);
        assertThat(missing.facts().get("pair_command").toString()).matches("moonlight pair 127\\.0\\.0\\.1:\\d+ --pin \\d{4}");
        assertThat(missing.facts().get("install").toString()).isEqualTo(nowhere.installHint());
        String id = stopped.sessionId().orElseThrow();
        TestWorld.waitUntil("refunded", Duration.ofSeconds(40), () -> hostView(id).refundSignature().isPresent());
        assertThat(hostView(id).detail()).contains("no Moonlight client asked to pair");
    }

    private void startRuntimeWithShortPairing() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HostSettings settings = new HostSettings("Test rig", new GeoPoint(48.85, 2.35), PRICE, 30, new InetSocketAddress(loopback, 0),
                loopback, "localnet", new HardwareProbe.Hardware("Test GPU", "Test CPU", 16), 1, "1920x1080@60");
        runtime = HostRuntime.open(dht.addNode(), Ed25519KeyPair.fromSeed(hostKey.seed()),
                new SeqCounter(dir.resolve("seq"), System::currentTimeMillis), settings, clock, timer);
        assertThat(runtime.register().get(20, TimeUnit.SECONDS).ok()).isTrue();
        host = SessionHost.start(runtime, hostWallet, hostKey, sunshine.client(),
                new SessionSettings(PRICE, 120, Duration.ofMinutes(2), Duration.ofSeconds(2), sunshine.moonlightHost()),
                dir.resolve("sessions.db"), clock, timer);
    }

    @Test
    void shagaPlayNearAPlaceWithoutMoonlightPrintsThePairCommandAndIsRefunded() throws Exception {
        Path password = Files.writeString(dir.resolve("password"), "pw\n");
        String bootstrap = String.join(",", dht.bootstrap().stream().map(network.shaga.app.net.Endpoints::format).toList());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        long before = playerUsdc();
        int code = network.shaga.app.cli.ShagaCommand.run(new String[] {"--data-dir", dir.resolve("player-data").toString(), "play",
            "--bootstrap", bootstrap, "--near", "48.80,2.30", "--minutes", "3", "--keystore", dir.resolve("player-wallet.json").toString(),
            "--rpc", localnet.rpcUrl(), "--moonlight", dir.resolve("no-such-moonlight").toString(), "--password-file", password.toString(),
            "--json"}, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(1);
        List<com.fasterxml.jackson.databind.JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            lines.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
        }
        assertThat(lines).as(out.toString(java.nio.charset.StandardCharsets.UTF_8) + err.toString(java.nio.charset.StandardCharsets.UTF_8))
                .extracting(l -> l.path("step").asText()).containsExactly("host-found", "quoted", "fee-previewed", "paid",
                "verified-by-host", "pin-unsealed", "moonlight-missing");
        assertThat(lines).allSatisfy(l -> assertThat(l.path("ms").asLong()).isNotNegative());
        com.fasterxml.jackson.databind.JsonNode missing = lines.get(lines.size() - 1);
        assertThat(missing.path("pair_command").asText()).matches("moonlight pair 127\\.0\\.0\\.1:\\d+ --pin \\d{4}");
        assertThat(missing.path("install").asText()).isNotBlank();
        String id = lines.get(1).path("session").asText();
        TestWorld.waitUntil("refunded", Duration.ofSeconds(60), () -> hostView(id).refundSignature().isPresent());
        assertThat(hostView(id).state()).isEqualTo(SessionState.FAILED);
        assertThat(playerUsdc()).isEqualTo(before);
    }

    @Test
    void aHostRestartResumesAStreamingSessionFromItsStore() throws Exception {
        RentFlow.RentedSession session = streaming(rent(10));
        TestWorld.waitUntil("host streaming", Duration.ofSeconds(20), () -> hostView(session.id()).state() == SessionState.STREAMING);
        host.close();
        runtime.close();
        startRuntime(sunshine);
        assertThat(hostView(session.id()).state()).isEqualTo(SessionState.STREAMING);
        TestWorld.waitUntil("busy published", Duration.ofSeconds(20), () -> published() == HostStatus.BUSY);
        HostApiClient api = new HostApiClient(runtime.apiAddress(), hostKey.address(), Ed25519KeyPair.fromSeed(playerKey.seed()), clock,
                HttpClient.newHttpClient());
        HostApiClient.Reply ended = api.post(SessionApi.PREFIX + "/" + session.id() + "/end",
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
        assertThat(ended.body().path("state").asText()).isEqualTo("ended");
        assertThat(sunshine.pairedClients()).isEmpty();
    }
}
