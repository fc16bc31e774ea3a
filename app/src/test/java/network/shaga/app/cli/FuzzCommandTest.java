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

/** Small {@code shaga fuzz} runs: each prints its report with snake_case fields and passing checks; bad usage exits 2. */
@Timeout(180)
class FuzzCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private Run fuzz(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 3];
        all[0] = "--data-dir";
        all[1] = dir.toString();
        all[2] = "fuzz";
        System.arraycopy(args, 0, all, 3, args.length);
        int code = ShagaCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode passed(Run run) throws Exception {
        assertThat(run.code()).as(run.out() + run.err()).isZero();
        JsonNode report = run.json();
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("checks")).allSatisfy(check -> assertThat(check.get("passed").asBoolean()).as(check.toString()).isTrue());
        return report;
    }

    @Test
    void krpc() throws Exception {
        JsonNode report = passed(fuzz("krpc", "--packets", "5000", "--seed", "3", "--json"));
        assertThat(report.get("packets_sent").asLong()).isEqualTo(5000);
        for (String field : new String[] {"packets_received", "malformed", "invalid_writes_accepted", "answering_after",
            "heap_before_mb", "heap_after_mb", "guarded_changed", "internal_errors", "wall_s"}) {
            assertThat(report.has(field)).as(field).isTrue();
        }
    }

    @Test
    void hostApi() throws Exception {
        JsonNode report = passed(fuzz("host-api", "--requests", "400", "--threads", "4", "--json"));
        assertThat(report.get("requests_sent").asLong()).isEqualTo(400);
        assertThat(report.get("by_kind").size()).isEqualTo(8);
        for (String field : new String[] {"by_status", "invalid_accepted", "unanswered_well_formed", "state_unchanged",
            "liveness_ok", "heap_before_mb", "heap_after_mb", "requests_per_s"}) {
            assertThat(report.has(field)).as(field).isTrue();
        }
    }

    @Test
    void flood() throws Exception {
        JsonNode report = passed(fuzz("flood", "--rate", "20000", "--seconds", "1", "--json"));
        assertThat(report.get("target_rate").asLong()).isEqualTo(20000);
        assertThat(report.get("legit_ms").has("p50")).isTrue();
        assertThat(report.get("legit_ms").has("p99")).isTrue();
        for (String field : new String[] {"flood_sent", "flood_rate", "node_rate_limited", "legit_sent", "legit_answered",
            "legit_answers_per_s", "baseline_ms", "guarded_lost", "answering_after"}) {
            assertThat(report.has(field)).as(field).isTrue();
        }
    }

    @Test
    void textReportListsTheChecks() {
        Run run = fuzz("krpc", "--packets", "500");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("ok    node_answering").contains("ok    guarded_state_unchanged");
    }

    @Test
    void badArgumentsExitWithTwo() {
        assertThat(fuzz("krpc", "--packets", "0").code()).isEqualTo(2);
        assertThat(fuzz("host-api", "--threads", "0").code()).isEqualTo(2);
        assertThat(fuzz("flood", "--seconds", "-1").code()).isEqualTo(2);
        assertThat(fuzz("flood", "--rate", "lots").code()).isEqualTo(2);
        assertThat(fuzz().code()).isEqualTo(2);
    }
}
