package network.shaga.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import network.shaga.app.sim.ChurnJson;
import network.shaga.app.sim.DirectoryReport;
import network.shaga.app.sim.DirectoryRunner;
import network.shaga.app.sim.DirectoryScenario;
import network.shaga.app.sim.SimPlots;
import network.shaga.dht.sim.ChurnReport;
import network.shaga.dht.sim.ChurnRunner;
import network.shaga.dht.sim.ChurnScenario;
import network.shaga.dht.sim.Fault;
import network.shaga.dht.sim.FaultMatrix;
import network.shaga.dht.sim.LatencyModel;
import network.shaga.dht.sim.Scenario;
import network.shaga.dht.sim.ScenarioReport;
import network.shaga.dht.sim.ScenarioRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code shaga sim}: a DHT scenario at scale, in the simulator (virtual time) or on real UDP on loopback. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run a DHT scenario: N nodes store items, then look them up; optionally churn, then kill a fraction at once",
            "and look again. Default: the simulator (virtual time, same node code); --transport udp: real sockets on loopback.",
            "With --hosts: the directory scenario instead (register, continent searches, status, kill, deregister), with",
            "the app's own directory code; on udp the host APIs are real HTTP servers. With --hosts and --churn-per-hour",
            "(simulator): the nodes that are not hosts churn the whole run, and the flows are timed after --window-minutes.",
            "With --churn-per-hour, --partition, --kill-at-once or --fault-matrix (simulator only): the network lives for",
            "--window-minutes under session churn and loss, then takes one fault and is watched recovering; reports lookup",
            "latency, storage and traffic per node, success and data survival. --plot-dir DIR FILE.json...: draw PNG plots",
            "of earlier --json outputs instead of running anything."})
final class SimCommand implements Callable<Integer> {
    @ParentCommand
    ShagaCommand root;

    @Spec
    CommandSpec spec;

    // Required unless plotting; checked in validate() so that a missing --nodes stays a usage error.
    @Option(names = "--nodes", paramLabel = "N", description = "Number of DHT nodes (required unless --plot-dir).")
    Integer nodesOption;

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

    @Option(names = "--churn-per-hour", paramLabel = "F",
            description = "Churn run: fraction of the nodes replaced per hour by fresh ones (mean session 1/F hours).")
    Double churnPerHour;

    @Option(names = "--session-dist", paramLabel = "DIST", defaultValue = "pareto",
            description = "Churn run: session lengths, pareto (shape 1.5), weibull (shape 0.5) or exponential (default: ${DEFAULT-VALUE}).")
    String sessionDist;

    @Option(names = "--window-minutes", paramLabel = "M", defaultValue = "15",
            description = "Churn run: virtual minutes the network is observed before the fault; with --hosts, minutes the registered"
                    + " network churns before the flows are timed (default: ${DEFAULT-VALUE}).")
    double windowMinutes;

    @Option(names = "--warmup-minutes", paramLabel = "M", defaultValue = "5",
            description = "Churn run: virtual minutes the network runs (churn on) before the window, so start-up traffic settles"
                    + " (default: ${DEFAULT-VALUE}).")
    double warmupMinutes;

    @Option(names = "--recovery-minutes", paramLabel = "M", defaultValue = "10",
            description = "Churn run: virtual minutes watched after a fault (after the heal for a partition; default: ${DEFAULT-VALUE}).")
    double recoveryMinutes;

    @Option(names = "--announces", paramLabel = "A", description = "Churn run: peer entries announced, about ten per infohash (default: --items).")
    Integer announces;

    @Option(names = "--replication-seconds", paramLabel = "S", defaultValue = "300",
            description = "Churn run: how often storers re-put what they hold (default: ${DEFAULT-VALUE}, the node's default).")
    int replicationSeconds;

    @Option(names = "--kill-at-once", paramLabel = "FRACTION", description = "Churn run: after the window, kill this fraction of the nodes at once.")
    Double killAtOnce;

    @Option(names = "--partition", paramLabel = "FRACTION",
            description = "Churn run: after the window, cut the network in two (this fraction on one side) and heal it later.")
    Double partition;

    @Option(names = "--heal-after", paramLabel = "S", defaultValue = "300",
            description = "Seconds a --partition (or the matrix's) lasts before it heals (default: ${DEFAULT-VALUE}).")
    int healAfter;

    @Option(names = "--fault-matrix",
            description = "Run the whole fault matrix (kill 10/33/50 %%, a 50/50 partition that heals, loss 1/5/20 %%) and print a table.")
    boolean faultMatrix;

    @Option(names = "--plot-dir", paramLabel = "DIR", description = "Draw PNG plots of the JSON files given as arguments into DIR; runs nothing.")
    Path plotDir;

    @Parameters(paramLabel = "FILE.json", arity = "0..*", description = "With --plot-dir: outputs of earlier --json runs (churn runs, fault matrices).")
    List<Path> plotInputs = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (plotDir != null) {
            return plot();
        }
        validate();
        if (hosts != null) {
            DirectoryReport report = DirectoryRunner.run(new DirectoryScenario(nodes, hosts, queries, heartbeat, sample, k, transport,
                    latency, loss, seed, churnPerHour == null ? 0 : churnPerHour, sessionDist, windowMinutes));
            root.out().println(json ? report.json().toString() : report.summary());
            return report.registerVisibleRatio() > 0 && report.hostsFoundRatio() > 0 ? ShagaCommand.EXIT_OK : ShagaCommand.EXIT_FAILURE;
        }
        if (churnMode()) {
            return churn();
        }
        Scenario scenario = Scenario.of(nodes).withItems(items).withLookups(lookups, concurrency).withKill(kill).withK(k).withSeed(seed)
                .withChurn(churn, Duration.ofMillis(Math.round(churnMinutes * 60_000)));
        ScenarioReport report = transport.equals("udp")
                ? ScenarioRunner.udp(scenario, udpThreads)
                : ScenarioRunner.simulated(scenario, latencyModel(), "sim-" + latency, loss);
        root.out().println(json ? toJson(report).toString() : report.summary());
        return report.lookupSuccess() > 0 ? ShagaCommand.EXIT_OK : ShagaCommand.EXIT_FAILURE;
    }

    private boolean churnMode() {
        return churnPerHour != null || partition != null || killAtOnce != null || faultMatrix;
    }

    private int plot() throws Exception {
        if (plotInputs.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--plot-dir needs at least one JSON file");
        }
        List<JsonNode> reports = new ArrayList<>();
        for (Path file : plotInputs) {
            reports.add(ChurnJson.read(file));
        }
        for (Path written : SimPlots.write(reports, plotDir)) {
            root.out().println(written);
        }
        return ShagaCommand.EXIT_OK;
    }

    private int churn() throws Exception {
        ChurnScenario base = ChurnScenario.of(nodes).withStore(items, announces == null ? items : announces).withLookups(lookups)
                .withK(k).withLoss(loss).withSeed(seed)
                .withChurn(churnPerHour == null ? 0 : churnPerHour, sessionDist)
                .withWarmup(Duration.ofMillis(Math.round(warmupMinutes * 60_000)))
                .withWindow(Duration.ofMillis(Math.round(windowMinutes * 60_000)))
                .withRecovery(Duration.ofMillis(Math.round(recoveryMinutes * 60_000)))
                .withReplication(Duration.ofSeconds(replicationSeconds));
        String name = "sim-" + latency;
        if (faultMatrix) {
            if (!json) {
                root.out().println(ChurnJson.tableHeader());
            }
            List<FaultMatrix.Cell> cells = FaultMatrix.run(base, Duration.ofSeconds(healAfter), latencyModel(), name, c -> {
                if (!json) {
                    root.out().println(ChurnJson.tableRow(c));
                }
            });
            if (json) {
                root.out().println(ChurnJson.matrix(cells).toString());
            }
            return cells.stream().allMatch(c -> c.report().lookupSuccess() > 0) ? ShagaCommand.EXIT_OK : ShagaCommand.EXIT_FAILURE;
        }
        Fault fault = killAtOnce != null ? new Fault.Kill(killAtOnce)
                : partition != null ? new Fault.Partition(partition, Duration.ofSeconds(healAfter)) : new Fault.None();
        ChurnReport report = ChurnRunner.simulated(base.withFault(fault), latencyModel(), name);
        root.out().println(json ? ChurnJson.report(report).toString() : report.summary());
        return report.lookupSuccess() > 0 ? ShagaCommand.EXIT_OK : ShagaCommand.EXIT_FAILURE;
    }

    private void validate() {
        if (nodesOption == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required option: '--nodes=N'");
        }
        nodes = nodesOption;
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
        if (churnMode()) {
            validateChurn();
        }
        latencyModel();
    }

    private void validateChurn() {
        if (transport.equals("udp")) {
            throw new IllegalArgumentException("churn runs and faults (--churn-per-hour, --partition, --kill-at-once, --fault-matrix) run in the simulator only");
        }
        if (hosts != null && (partition != null || killAtOnce != null || faultMatrix)) {
            throw new IllegalArgumentException("with --hosts only --churn-per-hour applies (the directory flows kill hosts themselves)");
        }
        int faults = (partition != null ? 1 : 0) + (killAtOnce != null ? 1 : 0) + (faultMatrix ? 1 : 0);
        if (faults > 1) {
            throw new IllegalArgumentException("choose one of --partition, --kill-at-once and --fault-matrix");
        }
        if (churnPerHour != null && (churnPerHour < 0 || churnPerHour >= 60)) {
            throw new IllegalArgumentException("--churn-per-hour must be in [0, 60)");
        }
        if ((partition != null && (partition <= 0 || partition >= 1)) || (killAtOnce != null && (killAtOnce <= 0 || killAtOnce >= 1))) {
            throw new IllegalArgumentException("--partition and --kill-at-once are fractions in (0, 1)");
        }
        if (windowMinutes <= 0 || warmupMinutes < 0 || recoveryMinutes < 0 || healAfter < 1 || replicationSeconds < 1 || (announces != null && announces < 0)) {
            throw new IllegalArgumentException("--window-minutes must be positive, --warmup-minutes and --recovery-minutes not negative, --heal-after and"
                    + " --replication-seconds at least 1, --announces not negative");
        }
        if (!List.of("pareto", "weibull", "exponential").contains(sessionDist)) {
            throw new IllegalArgumentException("--session-dist must be pareto, weibull or exponential");
        }
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
