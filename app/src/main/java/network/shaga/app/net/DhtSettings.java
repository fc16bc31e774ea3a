package network.shaga.app.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import network.shaga.dht.DhtConfig;

/** How Shaga configures its DHT node for a network: the public mainline DHT or a private Shaga network. */
public final class DhtSettings {
    /** The public mainline routers (DESIGN.md §8). */
    public static final List<String> PUBLIC_BOOTSTRAP = List.of(
            "router.bittorrent.com:6881", "dht.transmissionbt.com:6881", "router.utorrent.com:6881", "dht.libtorrent.org:25401");

    private DhtSettings() {
    }

    /**
     * A node configuration for the given bootstrap list. On a loopback network (tests, the demo, several nodes on
     * one machine) every peer shares the address 127.0.0.1, so the per-address rate limit would throttle the whole
     * network: it is off there, and the node binds loopback only.
     */
    public static DhtConfig.Builder forBootstrap(List<InetSocketAddress> bootstrap, InetAddress bind, int port, int k, Path stateDir) {
        boolean loopback = Endpoints.allLoopback(bootstrap) || (bind != null && bind.isLoopbackAddress());
        InetAddress address = bind != null ? bind : loopback ? InetAddress.getLoopbackAddress() : anyLocal();
        DhtConfig.Builder builder = DhtConfig.builder().bindAddress(address).port(port).bootstrap(bootstrap).k(k);
        if (stateDir != null) {
            builder.dataDir(stateDir);
        }
        if (loopback) {
            builder.rateLimit(0, 0);
        }
        return builder;
    }

    private static InetAddress anyLocal() {
        try {
            return InetAddress.getByName("0.0.0.0");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
