package network.shaga.app.net;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.shaga.app.core.Service;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;

/** The app's own DHT node as a service: joins on start (a silent bootstrap list is not fatal), leaves on stop. */
public final class DhtService implements Service {
    private static final System.Logger LOG = System.getLogger(DhtService.class.getName());
    private final DhtConfig config;
    private final long joinTimeoutSeconds;
    private DhtNode node;

    public DhtService(DhtConfig config, long joinTimeoutSeconds) {
        this.config = config;
        this.joinTimeoutSeconds = joinTimeoutSeconds;
    }

    @Override
    public String name() {
        return "DHT node";
    }

    @Override
    public CompletableFuture<Void> start() {
        node = DhtNode.create(config);
        return node.start()
                .orTimeout(joinTimeoutSeconds, TimeUnit.SECONDS)
                .exceptionally(error -> {
                    LOG.log(System.Logger.Level.WARNING, "no bootstrap node answered; continuing, others can still join through us", error);
                    return null;
                });
    }

    /** The running node; only valid after {@link #start()}. */
    public DhtNode node() {
        if (node == null) {
            throw new IllegalStateException("the DHT node is not started");
        }
        return node;
    }

    @Override
    public void stop() {
        if (node != null) {
            node.close();
        }
    }
}
