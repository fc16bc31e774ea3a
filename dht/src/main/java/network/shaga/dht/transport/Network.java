package network.shaga.dht.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Where nodes live: hands out per-node serial schedulers and binds datagram endpoints. One
 * instance can host thousands of nodes (real UDP sharing a few threads, or a virtual-time
 * simulation), which is the seam that lets the same node logic run in both.
 */
public interface Network extends AutoCloseable {
  /** A new serial scheduler for one node. */
  Scheduler newScheduler();

  /**
   * Binds an endpoint; port 0 picks a free port. The handler is invoked on {@code scheduler}.
   *
   * @throws IOException if the address cannot be bound
   */
  Endpoint bind(InetSocketAddress address, Scheduler scheduler, DatagramHandler handler)
      throws IOException;

  /** Releases the network's threads and sockets. */
  @Override
  void close();
}
