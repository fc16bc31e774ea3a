package network.shaga.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import network.shaga.app.Main;
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

    @TempDir
    Path dir;
    private PrivateDht dht;
    private String bootstrap;
    private final List<Process> processes = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        dht = PrivateDht.start(8, 2, b -> b);
        bootstrap = String.join(",", dht.bootstrap().stream().map(Endpoints::format).toList());
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        dht.close();
    }

    /** Starts {@code shaga host} in its own JVM and returns its output, line by line. */
    private BlockingQueue<String> host(String name, String geo) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-dir", dir.resolve(name).toString(), "host", "--bootstrap", bootstrap, "--geo", geo, "--price", "0.75",
                "--name", name, "--heartbeat", "5", "--api-port", "0", "--no-sunshine", "--codecs", "h264,hevc", "--gpu", "Test GPU")
                .redirectErrorStream(true);
        builder.environment().put(PasswordOptions.ENVIRONMENT_VARIABLE, "test password 123");
        Process process = builder.start();
        processes.add(process);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
            lines.add("<eof>");
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.equals("<eof>")) {
                break;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "'; output was:\n" + seen);
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
        BlockingQueue<String> lines = host("Lisbon rig", "38.72,-9.14");
        String registered = awaitLine(lines, "register seq=");
        assertThat(registered).contains("available: record stored on");
        awaitLine(lines, "hosting ");

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

        Process process = processes.get(0);
        process.toHandle().destroy(); // SIGTERM, keeping our end of its output open (Process.destroy closes it)
        String bye = awaitLine(lines, "deregister seq=");
        assertThat(bye).contains("offline: record stored on");
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(hosts()).isEmpty();
    }

    @Test
    void aHostKilledWithoutGoodbyeIsNoLongerListed() throws Exception {
        BlockingQueue<String> lines = host("Porto rig", "41.15,-8.61");
        awaitLine(lines, "hosting ");
        assertThat(hosts()).hasSize(1);
        processes.get(0).toHandle().destroyForcibly(); // kill -9
        processes.get(0).waitFor(30, TimeUnit.SECONDS);
        assertThat(hosts()).isEmpty();
    }
}
