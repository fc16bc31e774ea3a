package network.shaga.dht.transport;

import java.net.InetSocketAddress;

/** A bound datagram socket (real or simulated). Sending never blocks; datagrams may be lost. */
public interface Endpoint extends AutoCloseable {
  /** The address peers reach this endpoint at. */
  InetSocketAddress localAddress();

  /** Sends one datagram, best effort, from any thread. */
  void send(InetSocketAddress to, byte[] data);

  /** Unbinds; later sends are dropped and no more datagrams are delivered. */
  @Override
  void close();
}
