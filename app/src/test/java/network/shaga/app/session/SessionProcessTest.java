package network.shaga.app.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import network.shaga.app.ShagaProcess;
import network.shaga.app.cli.ShagaCommand;
import network.shaga.app.demo.SunshineStandIn;
import network.shaga.app.net.Endpoints;
import network.shaga.app.net.PrivateDht;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.KdfParams;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreContent;
import network.shaga.wallet.localnet.Localnet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code shaga host} with sessions as its own JVM, {@code shaga play} as the player, over a private DHT and the
 * localnet: the player rents and streams, the host is killed with SIGKILL mid-session and restarted, resumes the session
 * from its store, and ends it (closing the stream and unpairing) when the paid minute is over.
 */
@Timeout(240)
class SessionProcessTest {
    private static final String PASSWORD = "test password 123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Localnet localnet;
    private PrivateDht dht;
    private SunshineStandIn sunshine;
    private final List<ShagaProcess> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        localnet = TestWorld.localnet();
        dht = PrivateDht.start(6, 2, b -> b);
        sunshine = new SunshineStandIn(dir);
    }

    @AfterEach
    void stop() {
        processes.forEach(ShagaProcess::close);
        if (sunshine != null) {
            sunshine.close();
        }
        if (dht != null) {
            dht.close();
        }
        if (localnet != null) {
            localnet.close();
        }
    }

    private ShagaProcess host(List<String> args) throws Exception {
        ShagaProcess process = ShagaProcess.start(args, Map.of("SHAGA_PASSWORD", PASSWORD));
        processes.add(process);
        return process;
    }

    private WalletKey hostKey;
    private WalletKey playerKey;
    private Path playerKeystore;
    private Path playerPassword;
    private String bootstrap;
    private List<String> hostArgs;
    private Path sunshinePassword;

    private void prepare() throws Exception {
        Keystore cheap = new Keystore(new KdfParams(1024, 1, 1), new SecureRandom());
        hostKey = WalletKey.generate(new SecureRandom());
        playerKey = WalletKey.generate(new SecureRandom());
        Path hostKeystore = dir.resolve("host-wallet.json");
        playerKeystore = dir.resolve("player-wallet.json");
        cheap.save(hostKeystore, PASSWORD.toCharArray(), KeystoreContent.of(hostKey));
        cheap.save(playerKeystore, PASSWORD.toCharArray(), KeystoreContent.of(playerKey));
        for (String signature : List.of(localnet.airdrop(hostKey.address(), 1_000_000_000L),
                localnet.airdrop(playerKey.address(), 1_000_000_000L), localnet.fundUsdc(playerKey.address(), 10_000_000L).signature())) {
            assertThat(localnet.awaitCommitment(signature, "confirmed", Duration.ofSeconds(20))).isTrue();
        }
        sunshinePassword = Files.writeString(dir.resolve("sunshine-password"), SunshineStandIn.PASSWORD + "\n");
        playerPassword = Files.writeString(dir.resolve("player-password"), PASSWORD + "\n");
        bootstrap = String.join(",", dht.bootstrap().stream().map(Endpoints::format).toList());
        int apiPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            apiPort = probe.getLocalPort();
        }
        hostArgs = new ArrayList<>(List.of("--data-dir", dir.resolve("host").toString(), "host", "--bootstrap", bootstrap,
                "--geo", "48.85,2.35", "--price", "1.20", "--name", "Process rig", "--heartbeat", "5", "--api-port", Integer.toString(apiPort),
                "--keystore", hostKeystore.toString(), "--gpu", "Test GPU", "--cpu", "Test CPU", "--ram-gb", "16",
                "--sunshine", sunshine.httpBase().toString(), "--sunshine-api", sunshine.webApiBase().toString(),
                "--rpc", localnet.rpcUrl(), "--pairing-timeout", "30"));
    }

    /** The first run stores Sunshine's credentials in the keystore; later runs read them from there. */
    private ShagaProcess firstHost() throws Exception {
        List<String> firstRun = new ArrayList<>(hostArgs);
        firstRun.addAll(List.of("--sunshine-user", SunshineStandIn.USER, "--sunshine-password-file", sunshinePassword.toString()));
        ShagaProcess hostLines = host(firstRun);
        hostLines.awaitLine("sessions on:", Duration.ofSeconds(90));
        return hostLines;
    }

    /** {@code shaga play} run in this JVM: its exit code, and its output lines as they come and all of them. */
    private record Player(CompletableFuture<Integer> exit, BlockingQueue<String> lines, List<String> all, ByteArrayOutputStream err) {
        List<String> steps() throws Exception {
            List<String> steps = new ArrayList<>();
            for (String line : all) {
                steps.add(JSON.readTree(line).path("step").asText());
            }
            return steps;
        }

        JsonNode last() throws Exception {
            return JSON.readTree(all.get(all.size() - 1));
        }
    }

    private Player play(int minutes) throws Exception {
        Path moonlight = TestWorld.moonlight(dir, dir.resolve("player-home"));
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        OutputStream sink = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    lines.add(line.toString(StandardCharsets.UTF_8));
                    all.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> ShagaCommand.run(new String[] {
            "--data-dir", dir.resolve("player").toString(), "play", "--bootstrap", bootstrap, "--host", hostKey.address(),
            "--minutes", Integer.toString(minutes), "--keystore", playerKeystore.toString(), "--rpc", localnet.rpcUrl(),
            "--moonlight", moonlight.toString(), "--resolution", "1920x1080", "--fps", "60", "--password-file", playerPassword.toString(),
            "--json"},
                new PrintStream(sink, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Player(exit, lines, all, err);
    }

    private String awaitStreaming(Player player, ShagaProcess hostLines) throws Exception {
        String streaming = ShagaProcess.awaitLine(player.lines(), "{\"step\":\"streaming\"", Duration.ofSeconds(90));
        assertThat(JSON.readTree(streaming).path("launch_ms_excluding_pairing").asLong()).isPositive();
        String id = hostLines.awaitLine("session ", Duration.ofSeconds(30)).split(" ")[1];
        hostLines.awaitLine("session " + id + " streaming", Duration.ofSeconds(30));
        assertThat(sunshine.pairedClients()).hasSize(1);
        // The player reports "streaming" once it has started Moonlight; the stream reaches Sunshine a moment later.
        TestWorld.waitUntil("Moonlight's stream reached Sunshine", Duration.ofSeconds(30), sunshine::streaming);
        return id;
    }

    @Test
    void aHostProcessKilledMidSessionResumesItAfterRestartAndEndsItAtItsTime() throws Exception {
        prepare();
        ShagaProcess hostLines = firstHost();
        Player player = play(1);
        String id = awaitStreaming(player, hostLines);

        ShagaProcess first = processes.get(0);
        first.kill();
        assertThat(first.waitFor(Duration.ofSeconds(30))).isTrue();
        assertThat(sunshine.streaming()).isTrue();

        ShagaProcess restarted = host(hostArgs);
        restarted.awaitLine("sessions on:", Duration.ofSeconds(90));
        // The stream keeps running until the paid minute is over; then the restarted host closes it and unpairs.
        String ended = restarted.awaitLine("session " + id + " ended", Duration.ofSeconds(90));
        assertThat(ended).contains("paid time");
        TestWorld.waitUntil("unpaired", Duration.ofSeconds(20), () -> sunshine.pairedClients().isEmpty());
        assertThat(player.exit().get(60, TimeUnit.SECONDS)).as(player.err().toString(StandardCharsets.UTF_8)).isZero();
        assertThat(player.steps()).containsSubsequence("host-found", "quoted", "fee-previewed", "paid", "verified-by-host",
                "pin-unsealed", "paired", "streaming", "countdown", "ended");
        assertThat(player.last().path("state").asText()).isEqualTo("ended");
    }

    @Test
    void aHostStoppedWithSigtermEndsTheSessionUnpairsAndRefundsTheRest() throws Exception {
        prepare();
        ShagaProcess hostLines = firstHost();
        Player player = play(30);
        String id = awaitStreaming(player, hostLines);

        processes.get(0).terminate();
        String ended = hostLines.awaitLine("session " + id + " ended", Duration.ofSeconds(60));
        assertThat(ended).contains("the host stopped");
        assertThat(processes.get(0).waitFor(Duration.ofSeconds(60))).isTrue();
        assertThat(sunshine.pairedClients()).isEmpty();
        assertThat(player.exit().get(60, TimeUnit.SECONDS)).as(player.err().toString(StandardCharsets.UTF_8)).isZero();
        // The player's stream stops as the host goes away; its last step says so (with the refund when the host could still answer).
        assertThat(player.last().path("step").asText()).isEqualTo("ended");
        String refunded = hostLines.awaitLine("session " + id + " ended", Duration.ofSeconds(30));
        assertThat(refunded).contains("the host stopped");
        // 30 minutes cost 0.6 USDC; a few seconds were used, the rest comes back.
        String ata = network.shaga.wallet.tx.TokenAccounts.associated(playerKey.publicKey(),
                new org.p2p.solanaj.core.PublicKey(localnet.usdcMint())).toBase58();
        TestWorld.waitUntil("refund on chain", Duration.ofSeconds(30), () -> localnet.call("getTokenAccountBalance", ata,
                java.util.Map.of("commitment", "confirmed")).path("value").path("amount").asLong() >= 10_000_000L - 600_000L + 590_000L);
        assertThat(localnet.call("getTokenAccountBalance", ata, java.util.Map.of("commitment", "confirmed")).path("value").path("amount")
                .asLong()).isLessThanOrEqualTo(10_000_000L);
    }
}
