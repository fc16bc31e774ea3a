package network.shaga.app.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import network.shaga.app.net.DhtSettings;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;
import picocli.CommandLine.Option;

/** The options every command that joins the DHT shares. */
final class DhtOptions {
    @Option(names = "--bootstrap", paramLabel = "H:P[,H:P...]", required = true, split = ",", converter = EndpointConverter.class,
            description = "DHT nodes to join through.")
    List<InetSocketAddress> bootstrap;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Local address for the DHT socket (default: loopback when every bootstrap node is local, else all interfaces).")
    InetAddress bind;

    @Option(names = "--k", paramLabel = "N", defaultValue = "8", description = "Bucket size and replication factor (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "10", description = "Seconds to wait for the network (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    DhtConfig.Builder config(int port, Path stateDir) {
        if (k < 1 || k > 64) {
            throw new IllegalArgumentException("--k must be 1..64");
        }
        return DhtSettings.forBootstrap(bootstrap, bind, port, k, stateDir);
    }

    /** Starts a short-lived node on an ephemeral port and waits until it has joined. */
    DhtNode join() throws Exception {
        DhtNode node = DhtNode.create(config(0, null).build());
        try {
            node.start().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            node.close();
            throw new IllegalStateException("could not join the DHT through " + bootstrap + " within " + timeoutSeconds + " s");
        } catch (Exception e) {
            node.close();
            throw e;
        }
        return node;
    }
}
