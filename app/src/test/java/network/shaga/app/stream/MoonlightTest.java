package network.shaga.app.stream;

import network.shaga.app.demo.SunshineStandIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Pairing and streaming through the Moonlight stand-in script against the Sunshine test server. */
@Timeout(90)
class MoonlightTest {
    @TempDir
    Path dir;
    private SunshineStandIn sunshine;
    private Moonlight moonlight;

    /** Copies the stand-in script out of the test resources and makes it runnable. */
    static Path installStandin(Path dir) throws IOException {
        Path script = dir.resolve("moonlight");
        try (InputStream in = MoonlightTest.class.getResourceAsStream("moonlight-standin.sh")) {
            Files.copy(in, script);
        }
        assertThat(script.toFile().setExecutable(true)).isTrue();
        return script;
    }

    @BeforeEach
    void start() throws Exception {
        sunshine = new SunshineStandIn(dir);
        Path script = installStandin(dir);
        Path home = Files.createDirectories(dir.resolve("player-home"));
        moonlight = new Moonlight(new MoonlightInstallation(
                List.of("env", "MOONLIGHT_STANDIN_HOME=" + home, script.toString()), "test stand-in"));
    }

    @AfterEach
    void stop() {
        sunshine.close();
    }

    @Test
    void pairsWhenTheHostSubmitsTheSamePinThenStreamsUntilTheHostClosesTheApp() throws Exception {
        String host = sunshine.moonlightHost();
        assertThat(moonlight.isPaired(host, Duration.ofSeconds(10))).isFalse();

        CompletableFuture<Moonlight.CommandResult> pairing = CompletableFuture.supplyAsync(() -> {
            try {
                return moonlight.pair(host, "4821", Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(sunshine.client().pairWhenPending("4821", "player-1", Duration.ofSeconds(20), Duration.ofMillis(50))).isTrue();
        assertThat(pairing.get(30, TimeUnit.SECONDS).output()).contains("Successfully paired");
        assertThat(moonlight.isPaired(host, Duration.ofSeconds(10))).isTrue();
        assertThat(sunshine.client().pairedClients()).extracting(PairedClient::name).containsExactly("player-1");

        Process stream = moonlight.stream(host, new StreamOptions("Desktop", "1920x1080", 60, 20_000));
        waitUntil(() -> sunshine.client().serverInfo().busy());
        assertThat(stream.isAlive()).isTrue();

        sunshine.client().closeApp();
        assertThat(stream.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String uuid = sunshine.client().pairedClients().get(0).uuid();
        assertThat(sunshine.client().unpair(uuid)).isTrue();
        assertThat(moonlight.isPaired(host, Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void aWrongPinLeavesTheClientUnpairedAlthoughPairExitsZero() throws Exception {
        String host = sunshine.moonlightHost();
        CompletableFuture<Moonlight.CommandResult> pairing = CompletableFuture.supplyAsync(() -> {
            try {
                return moonlight.pair(host, "1111", Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(sunshine.client().pairWhenPending("2222", "player-1", Duration.ofSeconds(20), Duration.ofMillis(50))).isTrue();
        Moonlight.CommandResult result = pairing.get(30, TimeUnit.SECONDS);
        assertThat(result.exitCode()).isZero();
        assertThat(moonlight.isPaired(host, Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void aHangingCommandIsKilledAtTheTimeout() throws Exception {
        Path hang = dir.resolve("hang");
        Files.writeString(hang, "#!/bin/sh\nsleep 30\n");
        assertThat(hang.toFile().setExecutable(true)).isTrue();
        Moonlight stuck = new Moonlight(new MoonlightInstallation(List.of(hang.toString()), "hang"));
        long started = System.nanoTime();
        assertThat(stuck.isPaired("127.0.0.1", Duration.ofMillis(300))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void pinsAndOptionsAreChecked() {
        assertThatThrownBy(() -> moonlight.pair("h", "12a4", Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamOptions("Desktop", "big", null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StreamOptions("Desktop", null, 5, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new StreamOptions(null, null, null, null).app()).isEqualTo("Desktop");
        assertThat(moonlight.pairCommandLine("1.2.3.4", "0042")).endsWith("pair 1.2.3.4 --pin 0042");
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
