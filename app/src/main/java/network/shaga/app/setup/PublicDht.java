package network.shaga.app.setup;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.shaga.app.net.DhtService;
import network.shaga.app.net.DhtSettings;

/**
 * How plain {@code shaga} joins the DHT: the bootstrap routers' names are resolved in parallel with a deadline (a
 * name that does not resolve, e.g. offline, is skipped, not fatal), then the node starts with what resolved plus the
 * contacts it remembers from its last run.
 */
public final class PublicDht {
    private static final System.Logger LOG = System.getLogger(PublicDht.class.getName());
    /** K of the public mainline DHT. */
    static final int K = 8;
    /** How long the node waits for its first lookup before the app carries on without peers. */
    static final long JOIN_TIMEOUT_SECONDS = 15;

    private PublicDht() {
    }

    /** Looks a host name up; the seam that keeps tests off DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress resolve(String host) throws UnknownHostException;
    }

    /**
     * Resolves {@code host:port} entries, each on its own daemon thread (a resolver can block for many seconds),
     * waiting at most {@code deadline} in all; what did not resolve in time is left out.
     */
    public static List<InetSocketAddress> resolve(List<String> endpoints, Resolver resolver, Duration deadline) {
        List<CompletableFuture<Optional<InetSocketAddress>>> lookups = new ArrayList<>();
        for (String endpoint : endpoints) {
            CompletableFuture<Optional<InetSocketAddress>> lookup = new CompletableFuture<>();
            Thread thread = new Thread(() -> lookup.complete(resolveOne(endpoint, resolver)), "shaga-dht-resolve");
            thread.setDaemon(true);
            thread.start();
            lookups.add(lookup.completeOnTimeout(Optional.empty(), deadline.toMillis(), TimeUnit.MILLISECONDS));
        }
        List<InetSocketAddress> resolved = new ArrayList<>();
        for (CompletableFuture<Optional<InetSocketAddress>> lookup : lookups) {
            lookup.join().ifPresent(resolved::add);
        }
        if (resolved.size() < endpoints.size()) {
            LOG.log(System.Logger.Level.INFO, "resolved " + resolved.size() + " of " + endpoints.size() + " DHT bootstrap nodes");
        }
        return resolved;
    }

    private static Optional<InetSocketAddress> resolveOne(String endpoint, Resolver resolver) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0) {
            LOG.log(System.Logger.Level.WARNING, "ignoring bootstrap entry without a port: " + endpoint);
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            String host = endpoint.substring(0, colon).replace("[", "").replace("]", "");
            return Optional.of(new InetSocketAddress(resolver.resolve(host), port));
        } catch (UnknownHostException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.INFO, "DHT bootstrap node " + endpoint + " does not resolve: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The app's DHT node over {@code bootstrap}, keeping its id and routing table in {@code stateDir}. An ephemeral
     * port: the app is mostly a client, and a fixed one would clash with {@code shaga node} on the same machine.
     */
    public static DhtService service(List<InetSocketAddress> bootstrap, Path stateDir) {
        return new DhtService(DhtSettings.forBootstrap(bootstrap, null, 0, K, stateDir).build(), JOIN_TIMEOUT_SECONDS);
    }
}
