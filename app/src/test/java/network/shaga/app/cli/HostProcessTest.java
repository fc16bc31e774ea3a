package network.shaga.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import network.shaga.app.ShagaProcess;
import network.shaga.app.net.Endpoints;
import network.shaga.app.net.PrivateDht;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code shaga host} as a real process: publishes, is listed by {@code shaga hosts}, deregisters on SIGTERM, vanishes on kill -9. */
@Timeout(180)
class HostProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private PrivateDht dht;
    private String bootstrap;
    private final List<ShagaProcess> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        dht = PrivateDht.start(8, 2, b -> b);
        bootstrap = String.join(",", dht.bootstrap().stream().map(Endpoints::format).toList());
    }

    @AfterEach
    void stop() {
        processes.forEach(ShagaProcess::close);
        dht.close();
    }

    /** Starts {@code shaga host} in its own JVM. */
    private ShagaProcess host(String name, String geo) throws Exception {
        ShagaProcess process = ShagaProcess.start(List.of("--data-dir", dir.resolve(name).toString(), "host", "--bootstrap", bootstrap,
                "--geo", geo, "--price", "0.75", "--name", name, "--heartbeat", "5", "--api-port", "0", "--no-sunshine",
                "--codecs", "h264,hevc", "--gpu", "Test GPU"), Map.of(PasswordOptions.ENVIRONMENT_VARIABLE, "test password 123"));
        processes.add(process);
        return process;
    }

    private JsonNode hosts() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ShagaCommand.run(new String[] {"--data-dir", dir.resolve("player").toString(), "hosts", "--bootstrap", bootstrap,
            "--bbox", "35,-10,60,30", "--timeout", "30", "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return JSON.readTree(out.toByteArray());
    }

    @Test
    void aHostIsListedThenDeregistersOnSigterm() throws Exception {
        ShagaProcess process = host("Lisbon rig", "38.72,-9.14");
        String registered = process.awaitLine("register seq=", WAIT);
        assertThat(registered).contains("available: record stored on");
        process.awaitLine("hosting ", WAIT);

        JsonNode listed = hosts();
        assertThat(listed).hasSize(1);
        JsonNode host = listed.get(0);
        for (String field : List.of("pubkey", "name", "status", "lat", "lon", "geohash", "price_usdc_per_hour", "gpu", "codecs",
                "rtt_ms", "seq", "age_s", "replicas")) {
            assertThat(host.has(field)).as("field %s", field).isTrue();
        }
        assertThat(host.get("name").asText()).isEqualTo("Lisbon rig");
        assertThat(host.get("status").asText()).isEqualTo("available");
        assertThat(host.get("price_usdc_per_hour").asDouble()).isEqualTo(0.75);
        assertThat(host.get("gpu").asText()).isEqualTo("Test GPU");
        assertThat(host.get("codecs").toString()).contains("h264", "hevc");

        process.terminate();
        String bye = process.awaitLine("deregister seq=", WAIT);
        assertThat(bye).contains("offline: record stored on");
        assertThat(process.waitFor(Duration.ofSeconds(30))).isTrue();
        assertThat(hosts()).isEmpty();
    }

    @Test
    void aHostKilledWithoutGoodbyeIsNoLongerListed() throws Exception {
        ShagaProcess host = host("Porto rig", "41.15,-8.61");
        host.awaitLine("hosting ", WAIT);
        assertThat(hosts()).hasSize(1);
        host.kill();
        assertThat(host.waitFor(Duration.ofSeconds(30))).isTrue();
        assertThat(hosts()).isEmpty();
    }
}
