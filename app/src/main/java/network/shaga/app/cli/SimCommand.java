package network.shaga.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.Callable;
import network.shaga.app.sim.DirectoryReport;
import network.shaga.app.sim.DirectoryRunner;
import network.shaga.app.sim.DirectoryScenario;
import network.shaga.dht.sim.LatencyModel;
import network.shaga.dht.sim.Scenario;
import network.shaga.dht.sim.ScenarioReport;
import network.shaga.dht.sim.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga sim}: a DHT scenario at scale, in the simulator (virtual time) or on real UDP on loopback. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run a DHT scenario: N nodes store items, then look them up; optionally churn, then kill a fraction at once",
            "and look again. Default: the simulator (virtual time, same node code); --transport udp: real sockets on loopback.",
            "With --hosts: the directory scenario instead (register, continent searches, status, kill, deregister), with",
            "the app's own directory code; on udp the host APIs are real HTTP servers."})
final class SimCommand implements Callable<Integer> {
    @ParentCommand
    ShagaCommand root;

    @Option(names = "--nodes", paramLabel = "N", required = true, description = "Number of DHT nodes.")
    int nodes;

    @Option(names = "--lookups", paramLabel = "L", defaultValue = "200", description = "Lookups to time (default: ${DEFAULT-VALUE}).")
    int lookups;

    @Option(names = "--items", paramLabel = "I", defaultValue = "8", description = "Signed items stored first (default: ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "1", description = "Lookups in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--kill", paramLabel = "FRACTION", defaultValue = "0.333333",
            description = "Fraction of nodes killed at once after the lookups (default: a third).")
    double kill;

    @Option(names = "--latency", paramLabel = "MODEL", defaultValue = "lan", description = "zero, lan or wan (simulator only; default: ${DEFAULT-VALUE}).")
    String latency;

    @Option(names = "--loss", paramLabel = "P", defaultValue = "0", description = "Packet loss probability (simulator only).")
    double loss;

    @Option(names = "--churn", paramLabel = "PER_MINUTE", defaultValue = "0",
            description = "Fraction of nodes replaced per minute before the kill (simulator only).")
    double churn;

    @Option(names = "--churn-minutes", paramLabel = "M", defaultValue = "0", description = "How long the churn lasts, in minutes.")
    double churnMinutes;

    @Option(names = "--k", paramLabel = "K", defaultValue = "8", description = "Bucket size and replication factor (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--transport", paramLabel = "sim|udp", defaultValue = "sim", description = "sim or udp (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(names = "--udp-threads", paramLabel = "T", defaultValue = "0",
            description = "Worker threads for --transport udp (0: the selector thread runs the nodes).")
    int udpThreads;

    @Option(names = "--hosts", paramLabel = "H", description = "Run the directory scenario with H hosts among the nodes.")
    Integer hosts;

    @Option(names = "--queries", paramLabel = "Q", defaultValue = "12",
            description = "Directory scenario: continent-sized searches (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--heartbeat", paramLabel = "S", defaultValue = "30",
            description = "Directory scenario: seconds between host heartbeats (default: ${DEFAULT-VALUE}).")
    int heartbeat;

    @Option(names = "--sample", paramLabel = "M", defaultValue = "100",
            description = "Directory scenario: hosts followed through each flow (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        validate();
        if (hosts != null) {
            DirectoryReport report = DirectoryRunner.run(new DirectoryScenario(nodes, hosts, queries, heartbeat, sample, k, transport,
                    latency, loss, seed));
            root.out().println(json ? report.json().toString() : report.summary());
            return report.registerVisibleRatio() > 0 && report.hostsFoundRatio() > 0 ? ShagaCommand.EXIT_OK : ShagaCommand.EXIT_FAILURE;
        }
        Scenario scenario = Scenario.of(nodes).withItems(items).withLookups(lookups, concurrency).withKill(kill).withK(k).withSeed(seed)
                .withChurn(churn, Duration.ofMillis(Math.round(churnMinutes * 60_000)));
        ScenarioReport report = transport.equals("udp")
                ? ScenarioRunner.udp(scenario, udpThreads)
                : ScenarioRunner.simulated(scenario, latencyModel(), "sim-" + latency, loss);
        root.out().println(json ? toJson(report).toString() : report.summary());
        return report.lookupSuccess() > 0 ? ShagaCommand.EXIT_OK : ShagaCommand.EXIT_FAILURE;
    }

    private void validate() {
        if (nodes < 2 || nodes > 2_000_000) {
            throw new IllegalArgumentException("--nodes must be 2..2000000");
        }
        if (lookups < 1 || items < 1 || concurrency < 1 || k < 1) {
            throw new IllegalArgumentException("--lookups, --items, --concurrency and --k must be at least 1");
        }
        if (kill < 0 || kill >= 1 || loss < 0 || loss >= 1 || churn < 0 || churn >= 1 || churnMinutes < 0) {
            throw new IllegalArgumentException("--kill, --loss and --churn are fractions in [0, 1); --churn-minutes is not negative");
        }
        if (!transport.equals("sim") && !transport.equals("udp")) {
            throw new IllegalArgumentException("--transport must be sim or udp");
        }
        if (transport.equals("udp") && (loss > 0 || churn > 0 || !latency.equals("lan"))) {
            throw new IllegalArgumentException("--latency, --loss and --churn shape the simulator; real UDP on loopback has its own");
        }
        if (hosts != null && (hosts < 2 || hosts > nodes)) {
            throw new IllegalArgumentException("--hosts must be 2..--nodes (hosts are DHT nodes too)");
        }
        if (queries < 1 || sample < 1 || heartbeat < 1 || heartbeat > 3600) {
            throw new IllegalArgumentException("--queries and --sample must be at least 1; --heartbeat 1..3600 s");
        }
        latencyModel();
    }

    private LatencyModel latencyModel() {
        return DirectoryRunner.latency(latency);
    }

    static ObjectNode toJson(ScenarioReport r) {
        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("transport", r.transport()).put("nodes", r.nodes()).put("items", r.items()).put("lookups", r.lookups());
        out.putObject("lookup_ms").put("p50", r.lookupP50Ms()).put("p95", r.lookupP95Ms()).put("p99", r.lookupP99Ms());
        out.put("success_rate", r.lookupSuccess());
        out.putObject("put_acks").put("p50", r.putAcksP50()).put("min", r.putAcksMin());
        out.put("killed", r.killed())
                .put("items_found_after_churn", r.itemsFoundAfterChurn())
                .put("items_found_after_kill", r.itemsFoundAfterKill())
                .put("lookup_p50_after_kill_ms", r.lookupP50AfterKillMs())
                .put("items_found_after_replication", r.itemsFoundAfterReplication())
                .put("heap_mb", Math.round(r.heapBytes() / 1048576.0 * 10) / 10.0)
                .put("threads", r.threads())
                .put("packets", r.packetsSent())
                .put("wall_s", r.wallMillis() / 1000.0);
        return out;
    }
}
