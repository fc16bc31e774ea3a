package network.shaga.app.directory;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import network.shaga.dht.MutableItem;

/** Reads the signed record a host serves on its API (flow F2's second step); HTTP in the app, datagrams in the simulator. */
public interface RecordFetcher {
    /** The record served at {@code endpoint}, unverified: the caller checks it. Never completes exceptionally. */
    CompletableFuture<Fetched> fetch(InetSocketAddress endpoint);

    /**
     * Waits for a record newer than {@code afterSeq} at {@code endpoint} (the host answers as soon as it signs one, or
     * with the unchanged record after a while). Never completes exceptionally.
     */
    CompletableFuture<Fetched> fetchNewer(InetSocketAddress endpoint, long afterSeq);

    /** What a fetch brought back. */
    sealed interface Fetched {
        /** A record, with the round trip it took and how many DHT nodes the host says stored it. */
        record Ok(MutableItem item, double rttMs, int replicas) implements Fetched {
        }

        /** An answer that is not a usable record. */
        record Bad(RecordRejection reason) implements Fetched {
        }

        /** No answer, or an error status. */
        record Unreachable() implements Fetched {
        }
    }
}
