package network.shaga.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import network.shaga.app.fuzz.HostApiFuzz;
import network.shaga.app.fuzz.HostApiFuzzReport;
import network.shaga.dht.fuzz.Check;
import network.shaga.dht.fuzz.FloodReport;
import network.shaga.dht.fuzz.KrpcFlood;
import network.shaga.dht.fuzz.KrpcFuzz;
import network.shaga.dht.fuzz.KrpcFuzzReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code shaga fuzz}: robustness benchmarks against live, local services (loopback only): fuzzed KRPC
 * datagrams at a DHT node, fuzzed requests at a host API, and a one-address flood at a DHT node. Each prints
 * its report and exits 0 when every check holds, 1 when one fails.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true,
        description = {"Robustness benchmarks on loopback: bad input at a DHT node (krpc) and at a host API (host-api),",
            "and a flood from one address at a DHT node (flood). Exit code 0 when every check holds, 1 when one fails."},
        subcommands = {FuzzCommand.Krpc.class, FuzzCommand.HostApi.class, FuzzCommand.Flood.class})
final class FuzzCommand {
    @ParentCommand
    ShagaCommand root;

    /** {@code shaga fuzz krpc}. */
    @Command(name = "krpc", mixinStandardHelpOptions = true,
            description = {"Send fuzzed KRPC datagrams (random, mutated, truncated, deeply nested, and invalid BEP 44 puts:",
                "forged signatures, replayed older seqs, wrong cas, bad tokens) at a fresh node while owners on other",
                "addresses hold items and peers on it; check it still answers, its heap stays bounded, it logs no",
                "internal error, refuses every invalid write, and still holds exactly what the owners stored; then run",
                "the node's own lookups against a peer that answers with garbage and check each of them ends."})
    static final class Krpc implements Callable<Integer> {
        @ParentCommand
        FuzzCommand parent;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--packets", paramLabel = "N", defaultValue = "1000000", description = "Datagrams to send (default: ${DEFAULT-VALUE}).")
        long packets;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (packets < 1 || packets > 1_000_000_000L) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--packets must be 1..1000000000");
            }
            KrpcFuzzReport r = KrpcFuzz.run(packets, seed);
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("benchmark", "fuzz-krpc").put("seed", r.seed()).put("packets_sent", r.packetsSent())
                    .put("packets_received", r.packetsReceived()).put("malformed", r.malformed())
                    .put("queries_answered", r.queriesAnswered()).put("invalid_writes_sent", r.hostileWrites())
                    .put("invalid_writes_accepted", r.hostileAccepted()).put("liveness_pings", r.livenessPings())
                    .put("liveness_answered", r.livenessAnswered()).put("answering_after", r.answeringAfter())
                    .put("heap_before_mb", mb(r.heapBeforeBytes())).put("heap_after_mb", mb(r.heapAfterBytes()))
                    .put("routing_table_size", r.routingTableSize()).put("stored_items", r.storedItems())
                    .put("guarded_entries", r.guardedEntries()).put("guarded_changed", r.guardedChanged().size())
                    .put("lookups", r.lookups()).put("lookups_unfinished", r.lookupsUnfinished())
                    .put("hostile_answers", r.hostileAnswers()).put("internal_errors", r.internalErrors()).put("wall_s", r.wallMillis() / 1000.0);
            return print(parent.root, out, r.checks(), json,
                    String.format("%d datagrams sent, %d read by the node (%d malformed, %d queries answered) in %.1f s;"
                            + " %d invalid writes, %d accepted; heap %.1f -> %.1f MB",
                            r.packetsSent(), r.packetsReceived(), r.malformed(), r.queriesAnswered(), r.wallMillis() / 1000.0,
                            r.hostileWrites(), r.hostileAccepted(), mb(r.heapBeforeBytes()), mb(r.heapAfterBytes())));
        }
    }

    /** {@code shaga fuzz host-api}. */
    @Command(name = "host-api", mixinStandardHelpOptions = true,
            description = {"Send fuzzed HTTP requests (junk, mangled, unsigned, badly signed, replayed, stale, misdirected,",
                "signed by another key, and record reads) at a fresh host API after a player opened sessions on it,",
                "from ~1000 loopback addresses; check it keeps answering, its heap stays bounded, no invalid request",
                "gets a 2xx, nothing is left unanswered, and its sessions and record are unchanged."})
    static final class HostApi implements Callable<Integer> {
        @ParentCommand
        FuzzCommand parent;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--requests", paramLabel = "N", defaultValue = "100000", description = "Requests to send (default: ${DEFAULT-VALUE}).")
        long requests;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "T", defaultValue = "8", description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
        int threads;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (requests < 1 || requests > 100_000_000L || threads < 1 || threads > 256) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--requests must be 1..100000000 and --threads 1..256");
            }
            HostApiFuzzReport r = HostApiFuzz.run(requests, seed, threads);
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("benchmark", "fuzz-host-api").put("seed", r.seed()).put("requests_sent", r.requests())
                    .put("threads", r.threads()).put("source_addresses", r.sourceAddresses())
                    .put("requests_per_s", Math.round(r.requestsPerSecond() * 10) / 10.0);
            ObjectNode kinds = out.putObject("by_kind");
            r.byKind().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> kinds.put(e.getKey(), e.getValue()));
            ObjectNode statuses = out.putObject("by_status");
            r.byStatus().forEach((status, count) -> statuses.put(Integer.toString(status), count));
            out.put("rate_limited", r.rateLimited()).put("invalid_accepted", r.acceptedInvalid()).put("unanswered_well_formed", r.unansweredWellFormed())
                    .put("liveness_probes", r.livenessProbes()).put("liveness_ok", r.livenessOk())
                    .put("state_unchanged", r.stateUnchanged()).put("heap_before_mb", mb(r.heapBeforeBytes()))
                    .put("heap_after_mb", mb(r.heapAfterBytes())).put("internal_errors", r.internalErrors())
                    .put("wall_s", r.wallMillis() / 1000.0);
            return print(parent.root, out, r.checks(), json,
                    String.format("%d requests in %.1f s (%.0f/s) from %d addresses; answers by status %s; %d invalid accepted;"
                            + " heap %.1f -> %.1f MB", r.requests(), r.wallMillis() / 1000.0, r.requestsPerSecond(),
                            r.sourceAddresses(), r.byStatus(), r.acceptedInvalid(), mb(r.heapBeforeBytes()), mb(r.heapAfterBytes())));
        }
    }

    /** {@code shaga fuzz flood}. */
    @Command(name = "flood", mixinStandardHelpOptions = true,
            description = {"Flood a fresh node (production defaults) with valid queries from one address at --rate datagrams",
                "per second over real UDP on loopback, while " + KrpcFlood.LEGIT_CLIENTS + " clients on other addresses send "
                    + KrpcFlood.LEGIT_RATE + " queries per second each;",
                "report how many of theirs were answered and how fast; check the node still answers, answered at least 90%",
                "of theirs, and lost nothing stored."})
    static final class Flood implements Callable<Integer> {
        @ParentCommand
        FuzzCommand parent;
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--rate", paramLabel = "PER_SECOND", defaultValue = "100000", description = "Flood datagrams per second (default: ${DEFAULT-VALUE}).")
        long rate;

        @Option(names = "--seconds", paramLabel = "S", defaultValue = "10", description = "How long the flood lasts (default: ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            if (rate < 1 || rate > 10_000_000L || !(seconds > 0 && seconds <= 3600)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be 1..10000000 and --seconds in (0, 3600]");
            }
            FloodReport r = KrpcFlood.run(rate, Duration.ofMillis(Math.round(seconds * 1000)), seed);
            ObjectNode out = Json.mapper().createObjectNode();
            out.put("benchmark", "fuzz-flood").put("target_rate", r.targetRate()).put("flood_sent", r.floodSent())
                    .put("flood_s", round(r.floodSeconds())).put("flood_rate", Math.round(r.floodRate()))
                    .put("node_received", r.nodeReceived()).put("node_rate_limited", r.nodeRateLimited())
                    .put("legit_clients", r.legitClients()).put("legit_sent", r.legitSent()).put("legit_answered", r.legitAnswered())
                    .put("legit_answered_ratio", round(r.legitAnsweredRatio()))
                    .put("legit_answers_per_s", round(r.legitAnswersPerSecond()));
            latency(out.putObject("legit_ms"), r.latency());
            latency(out.putObject("baseline_ms"), r.baselineLatency());
            out.put("answering_after", r.answeringAfter()).put("guarded_entries", r.guardedEntries())
                    .put("guarded_lost", r.guardedLost().size()).put("heap_before_mb", mb(r.heapBeforeBytes()))
                    .put("heap_after_mb", mb(r.heapAfterBytes())).put("internal_errors", r.internalErrors());
            return print(parent.root, out, r.checks(), json,
                    String.format("flood %d datagrams in %.1f s (%.0f/s) from one address; node read %d, rate-limited %d;"
                            + " legit %d/%d answered (%.1f/s), p50 %.2f ms, p99 %.2f ms (before the flood: p50 %.2f ms, p99 %.2f ms)",
                            r.floodSent(), r.floodSeconds(), r.floodRate(), r.nodeReceived(), r.nodeRateLimited(), r.legitAnswered(),
                            r.legitSent(), r.legitAnswersPerSecond(), r.latency().p50Ms(), r.latency().p99Ms(),
                            r.baselineLatency().p50Ms(), r.baselineLatency().p99Ms()));
        }

        /** Percentiles, or nulls when nothing was answered (JSON has no NaN). */
        private static void latency(ObjectNode node, FloodReport.Latency latency) {
            node.put("samples", latency.samples());
            if (latency.samples() == 0) {
                node.putNull("p50").putNull("p99").putNull("max");
            } else {
                node.put("p50", latency.p50Ms()).put("p99", latency.p99Ms()).put("max", latency.maxMs());
            }
        }
    }

    private static double mb(long bytes) {
        return Math.round(bytes / 1048576.0 * 10) / 10.0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Prints the report with its checks (as {@code checks} in JSON) and returns the exit code they make. */
    private static int print(ShagaCommand root, ObjectNode out, List<Check> checks, boolean json, String summary) {
        boolean passed = Check.all(checks);
        if (json) {
            ArrayNode list = out.putArray("checks");
            for (Check c : checks) {
                list.addObject().put("name", c.name()).put("passed", c.passed()).put("detail", c.detail());
            }
            out.put("passed", passed);
            root.out().println(out.toString());
        } else {
            root.out().println(summary);
            for (Check c : checks) {
                root.out().println((c.passed() ? "  ok    " : "  FAIL  ") + c.name() + ": " + c.detail());
            }
        }
        return passed ? ShagaCommand.EXIT_OK : ShagaCommand.EXIT_FAILURE;
    }
}
