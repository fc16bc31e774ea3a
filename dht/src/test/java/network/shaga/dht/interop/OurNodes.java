package network.shaga.dht.interop;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;
import network.shaga.dht.transport.UdpNetwork;

/** Our {@link DhtNode}s on 127.0.0.1 for interop tests, sharing one real UDP network. */
final class OurNodes implements AutoCloseable {

  /** Bound on every single operation of our node in these tests. */
  static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);

  private final UdpNetwork network = UdpNetwork.create(2);
  private final List<DhtNode> nodes = new ArrayList<>();

  /**
   * Loopback round trips are well under a millisecond, so the default 20 ms floor would make any
   * scheduling hiccup of a third-party process (two cores shared with other builds) look like a
   * stalled node, which a lookup then leaves out of its store set. Interop is under test here, not
   * latency.
   */
  private static final Duration MIN_REQUEST_TIMEOUT = Duration.ofMillis(250);

  /**
   * Starts one node (bound to loopback, defaults but a patient timeout floor) and waits for its
   * bootstrap.
   */
  DhtNode start(List<InetSocketAddress> bootstrap) {
    DhtConfig config =
        DhtConfig.builder().bootstrap(bootstrap).minRequestTimeout(MIN_REQUEST_TIMEOUT).build();
    DhtNode node = DhtNode.create(config, network);
    nodes.add(node);
    await(node.start());
    return node;
  }

  List<DhtNode> nodes() {
    return List.copyOf(nodes);
  }

  List<InetSocketAddress> addresses() {
    return nodes.stream().map(DhtNode::localAddress).toList();
  }

  /** The future's value, waiting at most {@link #OPERATION_TIMEOUT}. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(OPERATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("our node failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("our node did not finish within " + OPERATION_TIMEOUT, e);
    }
  }

  @Override
  public void close() {
    nodes.forEach(DhtNode::close);
    network.close();
  }
}
