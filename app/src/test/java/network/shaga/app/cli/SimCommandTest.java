package network.shaga.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
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

    private String simText(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.toString(), "sim"));
        all.addAll(List.of(args));
        int code = ShagaCommand.run(all.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
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

    /**
     * The directory under churn: the nodes that are not hosts are replaced while the flows run (a high rate and a short
     * window keep it small), and players still find, watch and lose hosts. No timing is asserted.
     */
    @Test
    void directoryScenarioUnderChurn() throws Exception {
        JsonNode r = sim("--nodes", "300", "--hosts", "30", "--queries", "6", "--heartbeat", "10", "--sample", "8",
                "--latency", "wan", "--loss", "0.01", "--churn-per-hour", "3", "--session-dist", "pareto", "--window-minutes", "1",
                "--seed", "5");
        JsonNode churn = r.get("churn");
        assertThat(churn.get("sessions").asText()).isEqualTo("pareto(1.5)");
        assertThat(churn.get("churning_nodes").asInt()).isEqualTo(270);
        assertThat(churn.get("hosts_churn").asBoolean()).isFalse();
        // 270 nodes at 3 per hour over ~3 virtual minutes: ~40 expected; a run without churn replaces none.
        assertThat(churn.get("replaced").asInt()).isGreaterThanOrEqualTo(10);
        assertThat(churn.get("replaced_in_window").asInt()).isPositive().isLessThanOrEqualTo(churn.get("replaced").asInt());
        // What the rate predicts from the start of the churn (not from the first node's start).
        double expected = churn.get("replaced_expected").asDouble();
        assertThat(expected).isPositive();
        assertThat(churn.get("replaced").asDouble()).isBetween(expected / 2, expected * 2);
        assertThat(r.get("virtual_min").asDouble()).isGreaterThan(2);
        assertThat(r.get("register_visible_ratio").asDouble()).isPositive();
        assertThat(r.get("hosts_found_ratio").asDouble()).isPositive();
        assertThat(r.get("hosts_found_ratio_complete").asDouble()).isPositive();
        assertThat(r.get("status_visible_ratio").asDouble()).isPositive();
        assertThat(r.get("offline_detect_ratio").asDouble()).isPositive();
        assertThat(r.get("deregister_visible_ratio").asDouble()).isPositive();
        assertThat(r.get("register_acks").get("record_min").asInt()).isPositive();
        JsonNode storage = r.get("storage_per_node");
        // 30 hosts each store a record and index entries: somebody holds them, the busiest at least the mean.
        assertThat(storage.get("items").get("mean").asDouble()).isPositive();
        assertThat(storage.get("peers").get("mean").asDouble()).isPositive();
        assertThat(storage.get("total").get("max").asDouble()).isGreaterThanOrEqualTo(storage.get("total").get("mean").asDouble());
        assertThat(storage.get("max_over_mean").asDouble()).isGreaterThanOrEqualTo(1.0);
        JsonNode traffic = r.get("traffic_per_node_per_min");
        assertThat(traffic.get("window_min").asDouble()).isEqualTo(1.0);
        for (String who : new String[] {"host", "other"}) {
            assertThat(traffic.get(who).get("packets").get("mean").asDouble()).as(who).isPositive();
            assertThat(traffic.get(who).get("kb").get("mean").asDouble()).as(who).isPositive();
        }
        // Hosts heartbeat (a record put and index announces every 10 s): they send more than a node that hosts nothing.
        assertThat(traffic.get("host").get("packets").get("mean").asDouble())
                .isGreaterThan(traffic.get("other").get("packets").get("mean").asDouble());
        // The growth plot draws from these fields.
        Path json = dir.resolve("dir-churn-300.json");
        Files.writeString(json, r.toString());
        String written = simText("--plot-dir", dir.resolve("plots").toString(), json.toString()).strip();
        assertThat(written).endsWith("sim-dir-growth.png");
        assertThat(ImageIO.read(Path.of(written).toFile()).getWidth()).isGreaterThan(1000);
    }

    @Test
    void directoryScenarioWithoutChurnHasNoChurnSection() throws Exception {
        JsonNode r = sim("--nodes", "60", "--hosts", "10", "--queries", "2", "--heartbeat", "5", "--sample", "2", "--seed", "4");
        assertThat(r.has("churn")).isFalse();
        assertThat(r.has("traffic_per_node_per_min")).isFalse();
        assertThat(r.get("storage_per_node").get("total").get("mean").asDouble()).isPositive();
    }

    @Test
    void directoryScenarioOnRealUdpAndHttp() throws Exception {
        assertDirectoryReport(sim("--nodes", "40", "--hosts", "12", "--queries", "6", "--heartbeat", "3", "--sample", "4",
                "--transport", "udp"), 12);
    }

    /** The churn report's contract fields, as the benchmark script and plots read them. */
    private static void assertChurnReport(JsonNode r, int nodes) {
        assertThat(r.get("mode").asText()).isEqualTo("churn");
        assertThat(r.get("nodes").asInt()).isEqualTo(nodes);
        for (String p : new String[] {"p50", "p95", "p99", "max"}) {
            assertThat(r.get("lookup_ms").get(p).asDouble()).as(p).isPositive();
        }
        for (String kind : new String[] {"items", "peers", "total"}) {
            JsonNode s = r.get("storage_per_node").get(kind);
            assertThat(s.get("max").asDouble()).as(kind).isGreaterThanOrEqualTo(s.get("mean").asDouble());
        }
        assertThat(r.get("storage_per_node").get("total").get("mean").asDouble()).isPositive();
        assertThat(r.get("traffic_per_node_min").get("packets").get("mean").asDouble()).isPositive();
        assertThat(r.get("traffic_per_node_min").get("bytes").get("mean").asDouble()).isPositive();
        assertThat(r.get("success_rate").asDouble()).isGreaterThan(0.9);
        assertThat(r.get("items_retrievable").asDouble()).isGreaterThan(0.9);
        assertThat(r.get("peers_retrievable").asDouble()).isBetween(0.0, 1.0);
        assertThat(r.get("nodes_replaced").asInt()).isNotNegative();
        assertThat(r.get("virtual_min").asDouble()).isPositive();
    }

    @Test
    void churnRunWithAKill() throws Exception {
        JsonNode r = sim("--nodes", "150", "--items", "10", "--lookups", "20", "--latency", "wan", "--loss", "0.01",
                "--churn-per-hour", "6", "--session-dist", "weibull", "--warmup-minutes", "0", "--window-minutes", "1",
                "--recovery-minutes", "1", "--kill-at-once", "0.33");
        assertChurnReport(r, 150);
        assertThat(r.get("sessions").asText()).isEqualTo("weibull(0.5)");
        assertThat(r.get("nodes_replaced").asInt()).isPositive();
        JsonNode fault = r.get("fault");
        assertThat(fault.get("label").asText()).isEqualTo("kill 33%");
        assertThat(fault.get("affected").asInt()).isBetween(45, 55);
        assertThat(fault.get("fallback_success").isNull()).isTrue();
        assertThat(fault.get("survival").asDouble()).isBetween(0.0, 1.0);
        assertThat(fault.get("curve").size()).isPositive();
    }

    @Test
    void partitionRunTextAndJson() throws Exception {
        String[] args = {"--nodes", "80", "--items", "8", "--lookups", "10", "--warmup-minutes", "0", "--window-minutes", "0.5",
            "--recovery-minutes", "0.5", "--partition", "0.5", "--heal-after", "40"};
        assertThat(simText(args)).contains("partition 50/50, heal after 40 s").contains("same_side=");
        List<String> withJson = new ArrayList<>(List.of(args));
        JsonNode r = sim(withJson.toArray(new String[0]));
        assertChurnReport(r, 80);
        assertThat(r.get("fault").get("partitioned_s").asDouble()).isGreaterThanOrEqualTo(40);
        assertThat(r.get("fault").get("same_side_success").asDouble()).isGreaterThan(0.9);
    }

    @Test
    void faultMatrixTableJsonAndPlots() throws Exception {
        String[] args = {"--nodes", "80", "--items", "8", "--lookups", "10", "--warmup-minutes", "0", "--window-minutes", "0.5",
            "--recovery-minutes", "0.5", "--heal-after", "30", "--fault-matrix"};
        String table = simText(args);
        assertThat(table.lines().count()).isEqualTo(8);
        assertThat(table).contains("kill 10%", "kill 33%", "kill 50%", "partition 50/50", "loss 1%", "loss 5%", "loss 20%");

        JsonNode matrix = sim(args);
        assertThat(matrix.get("mode").asText()).isEqualTo("fault-matrix");
        assertThat(matrix.get("cells").size()).isEqualTo(7);
        for (JsonNode cell : matrix.get("cells")) {
            assertChurnReportFieldsOnly(cell);
        }
        Path matrixFile = dir.resolve("matrix.json");
        Files.writeString(matrixFile, matrix.toString());
        List<String> plotArgs = new ArrayList<>(List.of("--plot-dir", dir.resolve("plots").toString(), matrixFile.toString()));
        for (int n : new int[] {60, 120}) {
            Path f = dir.resolve("growth-" + n + ".json");
            Files.writeString(f, sim("--nodes", String.valueOf(n), "--items", "6", "--lookups", "10", "--churn-per-hour", "0.1",
                    "--warmup-minutes", "0", "--window-minutes", "1").toString());
            plotArgs.add(f.toString());
        }
        String written = simText(plotArgs.toArray(new String[0]));
        for (String png : new String[] {"sim-growth.png", "sim-faults.png", "sim-recovery.png"}) {
            Path file = dir.resolve("plots").resolve(png);
            assertThat(written).contains(file.toString());
            assertThat(ImageIO.read(file.toFile()).getWidth()).as(png).isGreaterThan(500);
        }
    }

    private static void assertChurnReportFieldsOnly(JsonNode cell) {
        assertThat(cell.get("cell").asText()).isNotEmpty();
        assertThat(cell.get("mode").asText()).isEqualTo("churn");
        assertThat(cell.get("lookup_ms").has("p50")).isTrue();
        assertThat(cell.has("items_retrievable")).isTrue();
        assertThat(cell.get("success_rate").asDouble()).isBetween(0.0, 1.0);
    }

    @Test
    void badChurnArgumentsAreRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        String d = dir.toString();
        assertThat(ShagaCommand.run(new String[] {"--data-dir", d, "sim", "--nodes", "10", "--partition", "0.5", "--transport", "udp"},
                sink, errors)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("simulator only");
        assertThat(ShagaCommand.run(new String[] {"--data-dir", d, "sim", "--nodes", "10", "--partition", "0.5", "--kill-at-once", "0.1"},
                sink, errors)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("choose one of");
        assertThat(ShagaCommand.run(new String[] {"--data-dir", d, "sim", "--nodes", "10", "--churn-per-hour", "0.1", "--session-dist", "zipf"},
                sink, errors)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--session-dist must be");
        assertThat(ShagaCommand.run(new String[] {"--data-dir", d, "sim", "--nodes", "10", "--hosts", "4", "--kill-at-once", "0.1"},
                sink, errors)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("with --hosts only --churn-per-hour applies");
        assertThat(ShagaCommand.run(new String[] {"--data-dir", d, "sim", "--nodes", "10", "--hosts", "4", "--churn-per-hour", "0.1",
            "--transport", "udp"}, sink, errors)).isEqualTo(1);
        assertThat(ShagaCommand.run(new String[] {"--data-dir", d, "sim", "--plot-dir", d}, sink, errors)).isEqualTo(2);
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
