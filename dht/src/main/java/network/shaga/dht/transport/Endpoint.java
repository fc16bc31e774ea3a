package network.shaga.dht.transport;

import java.net.InetSocketAddress;

/** A bound datagram socket (real or simulated). Sending never blocks; datagrams may be lost. */
public interface Endpoint extends AutoCloseable {
  /** The address peers reach this endpoint at. */
  InetSocketAddress localAddress();

  /** Sends one datagram, best effort, from any thread. */
  void send(InetSocketAddress to, byte[] data);

  /**
   * Sends the first {@code length} bytes of {@code data}, which the caller reuses once this returns
   * (an endpoint that keeps the datagram must copy it, as this default does).
   */
  default void send(InetSocketAddress to, byte[] data, int length) {
    send(to, java.util.Arrays.copyOf(data, length));
  }

  /** Unbinds; later sends are dropped and no more datagrams are delivered. */
  @Override
  void close();
}
