package network.shaga.app.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;
import network.shaga.dht.transport.UdpNetwork;

/**
 * A private DHT of N nodes on loopback in this process, sharing a few threads: the network of the demo, the
 * tests and the simulator's real-UDP mode. Nodes join one after the other through the first nodes.
 */
public final class PrivateDht implements AutoCloseable {
    private final UdpNetwork network;
    private final List<DhtNode> nodes = new ArrayList<>();
    private final UnaryOperator<DhtConfig.Builder> tune;

    private PrivateDht(int threads, UnaryOperator<DhtConfig.Builder> tune) {
        this.network = UdpNetwork.create(threads);
        this.tune = tune;
    }

    /** Starts {@code size} nodes; {@code tune} adjusts each node's configuration (K, intervals...). */
    public static PrivateDht start(int size, int threads, UnaryOperator<DhtConfig.Builder> tune) throws Exception {
        PrivateDht dht = new PrivateDht(threads, tune);
        try {
            for (int i = 0; i < size; i++) {
                dht.addNode();
            }
        } catch (Exception e) {
            dht.close();
            throw e;
        }
        return dht;
    }

    /** Adds one more node (a host's or a player's own node) to the network, joined. */
    public synchronized DhtNode addNode() throws Exception {
        List<InetSocketAddress> bootstrap = bootstrap();
        // The first node is the network's seed: with nobody to ask, its start completes at once.
        DhtConfig config = tune.apply(DhtSettings.forBootstrap(bootstrap, InetAddress.getLoopbackAddress(), 0, 8, null)).build();
        DhtNode node = DhtNode.create(config, network);
        try {
            node.start().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            node.close();
            throw new IllegalStateException(nodes.isEmpty() ? "the private DHT's first node could not start" : "a node could not join the private DHT", e);
        }
        nodes.add(node);
        return node;
    }

    /** Addresses to bootstrap through: the first three nodes. */
    public synchronized List<InetSocketAddress> bootstrap() {
        return nodes.stream().limit(3).map(DhtNode::localAddress).toList();
    }

    public synchronized List<DhtNode> nodes() {
        return List.copyOf(nodes);
    }

    /** Stops a node at once, as if its machine died (no goodbye). */
    public synchronized void kill(DhtNode node) {
        node.close();
        nodes.remove(node);
    }

    @Override
    public synchronized void close() {
        nodes.forEach(DhtNode::close);
        nodes.clear();
        network.close();
    }
}
