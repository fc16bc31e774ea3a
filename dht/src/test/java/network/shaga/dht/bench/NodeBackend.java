package network.shaga.dht.bench;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A set of DHT nodes of one implementation inside one harness process, as the side-by-side
 * benchmark drives them. Every operation runs as a library user would: from node {@code node},
 * through that library's own lookup and store code.
 */
sealed interface NodeBackend extends AutoCloseable permits ShagaBackend, MldhtBackend {

  /** A BEP 44 mutable item as a get found it. */
  record Found(byte[] bencodedValue, long seq) {}

  /** Name used in harness events and results. */
  String implementation();

  /** Library version, as far as the backend knows it. */
  String version();

  /** UDP endpoints of the nodes, in index order. */
  List<InetSocketAddress> addresses();

  /** Routing-table size of every node. */
  int[] tableSizes();

  /** Datagrams node {@code node} has sent plus received since it started. */
  long packets(int node);

  /** Puts a mutable item signed with the ed25519 key of {@code seed}; completes with the acks. */
  CompletableFuture<Integer> putMutable(int node, byte[] seed, byte[] salt, long seq, byte[] v);

  /** Looks a mutable item up in the network (never from the node's own store only). */
  CompletableFuture<Optional<Found>> getMutable(int node, byte[] publicKey, byte[] salt);

  /** BEP 5 announce of the node's own port (implied port); completes with the acks. */
  CompletableFuture<Integer> announce(int node, byte[] infohash);

  /** BEP 5 get_peers lookup: every peer any node returned. */
  CompletableFuture<Set<InetSocketAddress>> getPeers(int node, byte[] infohash);

  @Override
  void close();
}
