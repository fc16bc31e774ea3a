package network.shaga.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import network.shaga.app.net.Endpoints;
import network.shaga.dht.DhtNode;
import network.shaga.dht.DhtStats;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga node}: runs a DHT node until stopped (Ctrl-C or SIGTERM). */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a DHT node until stopped; its id and routing table persist in the data folder for a warm restart.")
final class NodeCommand implements Callable<Integer> {
    @ParentCommand
    ShagaCommand root;

    @Option(names = "--port", paramLabel = "P", defaultValue = "6881", description = "UDP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @ArgGroup(exclusive = false, multiplicity = "1")
    DhtOptions dht;

    @Option(names = "--stats-every", paramLabel = "S", defaultValue = "60",
            description = "Print a line of statistics every S seconds (0: never; default: ${DEFAULT-VALUE}).")
    int statsEvery;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--port must be 0-65535");
        }
        Path state = Files.createDirectories(root.dataDirectory().resolve("dht"));
        DhtNode node = DhtNode.create(dht.config(port, state).build());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "shaga-node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            node.start().get(dht.timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            root.err().println("shaga: warning: no bootstrap node answered within " + dht.timeoutSeconds
                    + " s; running anyway, other nodes can join through this one");
        }
        root.out().println("node " + node.id() + " listening on " + Endpoints.format(node.localAddress())
                + " (k=" + dht.k + ", " + node.stats().routingTableSize() + " contacts)");
        while (!stopped.await(statsEvery > 0 ? statsEvery : 3600, TimeUnit.SECONDS)) {
            if (statsEvery > 0) {
                DhtStats s = node.stats();
                root.out().printf("contacts=%d items=%d peers=%d in=%d out=%d answered=%d dropped_rate=%d dropped_malformed=%d%n",
                        s.routingTableSize(), s.storedItems(), s.storedPeers(), s.packetsIn(), s.packetsOut(), s.queriesAnswered(),
                        s.droppedRateLimited(), s.droppedMalformed());
            }
        }
        return ShagaCommand.EXIT_OK;
    }
}
