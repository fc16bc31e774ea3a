package network.shaga.app.setup;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import network.shaga.wallet.rpc.Cluster;
import network.shaga.wallet.rpc.RetryPolicy;
import network.shaga.wallet.rpc.RpcException;
import network.shaga.wallet.rpc.SolanaRpc;

/**
 * Asks a Solana RPC node whether it is healthy and which cluster it serves (by its genesis hash), so a custom RPC URL
 * is known to work, and to serve the cluster it claims, before the first run saves it.
 */
public final class RpcProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(8);
    private static final List<Cluster> KNOWN = List.of(Cluster.MAINNET_BETA, Cluster.DEVNET);

    private RpcProbe() {
    }

    /** What the node answered. */
    public sealed interface Result permits Reachable, Refused {
    }

    /** The node answers and serves {@code cluster} (already pointed at the probed URL). */
    public record Reachable(Cluster cluster, String genesisHash) implements Result {
    }

    /** The node cannot be used; {@code reason} says why and what to do. */
    public record Refused(String reason) implements Result {
    }

    /** Probes {@code url} on {@code executor}; the future never fails. */
    public static CompletableFuture<Result> probe(URI url, Executor executor) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        SolanaRpc rpc = new SolanaRpc(url, http, TIMEOUT, RetryPolicy.NONE, duration -> Thread.sleep(duration.toMillis()));
        return CompletableFuture.supplyAsync(() -> probe(rpc), executor);
    }

    static Result probe(SolanaRpc rpc) {
        try {
            JsonNode health = rpc.callOnce("getHealth");
            if (!"ok".equals(health.asText())) {
                return new Refused("The node at " + rpc.endpoint() + " reports it is not healthy (" + health + "); try again later or use another.");
            }
            String genesis = rpc.getGenesisHash();
            for (Cluster known : KNOWN) {
                if (known.genesisHash().orElseThrow().equals(genesis)) {
                    return new Reachable(known.withRpcUrl(rpc.endpoint()), genesis);
                }
            }
            if (servesShagaLocalnet(rpc)) {
                return new Reachable(Cluster.LOCALNET.withRpcUrl(rpc.endpoint()), genesis);
            }
            return new Refused("The node at " + rpc.endpoint() + " serves a cluster Shaga does not know (genesis " + genesis
                    + "): use a Mainnet or Devnet node, or a local one started with `shaga localnet`.");
        } catch (RpcException.JsonRpcError e) {
            return new Refused("The node at " + rpc.endpoint() + " refused the health check: " + e.getMessage()
                    + ". Is it a Solana RPC URL?");
        } catch (RpcException e) {
            return new Refused(e.getMessage() + ". Check the URL and your connection.");
        }
    }

    /** A local cluster run by {@code shaga localnet}: its server names the USDC mint it created. */
    private static boolean servesShagaLocalnet(SolanaRpc rpc) {
        try {
            return !rpc.callOnce("shaga_info").path("mint").asText("").isEmpty();
        } catch (RpcException e) {
            return false;
        }
    }
}
