package network.shaga.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A small {@code shaga sim} in both transports: the harness runs and reports every field; no timing is asserted. */
@Timeout(180)
class SimCommandTest {
    @TempDir
    Path dir;

    private JsonNode sim(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 4];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        all[2] = "sim";
        System.arraycopy(args, 0, all, 3, args.length);
        all[all.length - 1] = "--json";
        int code = ShagaCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return new ObjectMapper().readTree(out.toByteArray());
    }

    private static void assertReport(JsonNode report, int nodes) {
        assertThat(report.get("nodes").asInt()).isEqualTo(nodes);
        for (String field : new String[] {"success_rate", "items_found_after_kill", "heap_mb", "threads", "wall_s"}) {
            assertThat(report.has(field)).as(field).isTrue();
        }
        assertThat(report.get("lookup_ms").has("p50")).isTrue();
        assertThat(report.get("lookup_ms").has("p95")).isTrue();
        assertThat(report.get("lookup_ms").has("p99")).isTrue();
        assertThat(report.get("put_acks").has("min")).isTrue();
        assertThat(report.get("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(report.get("items_found_after_kill").asDouble()).isEqualTo(1.0);
        assertThat(report.get("killed").asInt()).isBetween(nodes / 3, nodes / 3 + 1);
    }

    @Test
    void simulatedWanWithLoss() throws Exception {
        assertReport(sim("--nodes", "200", "--lookups", "40", "--latency", "wan", "--loss", "0.01", "--seed", "7"), 200);
    }

    @Test
    void realUdpOnLoopback() throws Exception {
        assertReport(sim("--nodes", "60", "--lookups", "30", "--transport", "udp"), 60);
    }

    /** The directory scenario's contract fields, and that every flow was observed for every followed host. */
    private static void assertDirectoryReport(JsonNode report, int hosts) {
        assertThat(report.get("hosts").asInt()).isEqualTo(hosts);
        for (String flow : new String[] {"register_visible_ms", "status_visible_ms", "offline_detect_s", "deregister_visible_ms"}) {
            assertThat(report.get(flow).has("p50")).as(flow).isTrue();
            assertThat(report.get(flow).has("p95")).as(flow).isTrue();
        }
        assertThat(report.get("register_visible_ratio").asDouble()).isEqualTo(1.0);
        assertThat(report.get("status_visible_ratio").asDouble()).isEqualTo(1.0);
        assertThat(report.get("offline_detect_ratio").asDouble()).isEqualTo(1.0);
        assertThat(report.get("deregister_visible_ratio").asDouble()).isEqualTo(1.0);
        assertThat(report.get("hosts_found_ratio_complete").asDouble()).isEqualTo(1.0);
        assertThat(report.get("hosts_found_ratio").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.get("hosts_in_areas").asInt()).isPositive();
        assertThat(report.get("packets_per_host_per_min").asDouble()).isPositive();
        assertThat(report.get("register_acks").get("record_min").asInt()).isPositive();
    }

    @Test
    void directoryScenarioInTheSimulator() throws Exception {
        assertDirectoryReport(sim("--nodes", "300", "--hosts", "40", "--queries", "6", "--heartbeat", "10", "--sample", "10",
                "--latency", "wan", "--loss", "0.01", "--seed", "3"), 40);
    }

    @Test
    void directoryScenarioOnRealUdpAndHttp() throws Exception {
        assertDirectoryReport(sim("--nodes", "40", "--hosts", "12", "--queries", "6", "--heartbeat", "3", "--sample", "4",
                "--transport", "udp"), 12);
    }

    @Test
    void badArgumentsAreRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(ShagaCommand.run(new String[] {"sim"}, sink, errors)).isEqualTo(2);
        assertThat(ShagaCommand.run(new String[] {"--data-dir", dir.toString(), "sim", "--nodes", "10", "--latency", "moon"}, sink, errors))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--latency must be zero, lan or wan");
        assertThat(ShagaCommand.run(new String[] {"--data-dir", dir.toString(), "sim", "--nodes", "10", "--hosts", "11"}, sink, errors))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--hosts must be 2..--nodes");
    }
}
