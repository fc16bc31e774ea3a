package network.shaga.dht.transport;

import java.net.InetSocketAddress;

/** Receives the datagrams of one endpoint, always on the endpoint's scheduler. */
@FunctionalInterface
public interface DatagramHandler {
  /** One received datagram; {@code data} is owned by the handler. */
  void onDatagram(InetSocketAddress from, byte[] data);
}
