package network.shaga.dht;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcMessage;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.ParseResult;
import network.shaga.dht.krpc.Request;

/** A blocking single-socket KRPC client for probing nodes from tests. */
final class RawClient implements AutoCloseable {
  private final DatagramSocket socket;
  private final NodeId id = NodeId.random(new SplittableRandom());
  private final SplittableRandom random = new SplittableRandom();

  RawClient() throws IOException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
  }

  /** Sends raw bytes without waiting for anything. */
  void sendRaw(InetSocketAddress to, byte[] data) throws IOException {
    socket.send(new DatagramPacket(data, data.length, to));
  }

  /** Sends a query (read-only, so it stays out of routing tables) and waits for its reply. */
  Optional<KrpcMessage> query(InetSocketAddress to, Request request, int timeoutMillis)
      throws IOException {
    return query(to, request, true, timeoutMillis);
  }

  /** Sends a query, read-only or not, and waits for its reply. */
  Optional<KrpcMessage> query(InetSocketAddress to, Request request, boolean readOnly,
      int timeoutMillis) throws IOException {
    return query(to, request, readOnly, null, timeoutMillis);
  }

  /** Sends a query with a client tag ({@code v}) and waits for its reply. */
  Optional<KrpcMessage> query(InetSocketAddress to, Request request, boolean readOnly,
      byte[] client, int timeoutMillis) throws IOException {
    byte[] tid = new byte[4];
    random.nextBytes(tid);
    sendRaw(to, KrpcCodec.encode(new KrpcQuery(tid, id, readOnly, client, request)));
    socket.setSoTimeout(timeoutMillis);
    long deadline = System.currentTimeMillis() + timeoutMillis;
    byte[] buf = new byte[65536];
    while (System.currentTimeMillis() < deadline) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      }
      ParseResult r = KrpcCodec.decode(Arrays.copyOf(p.getData(), p.getLength()));
      if (r instanceof ParseResult.Parsed parsed
          && Arrays.equals(parsed.message().transactionId(), tid)) {
        return Optional.of(parsed.message());
      }
    }
    return Optional.empty();
  }

  /** The next datagram received, or empty after the timeout. */
  Optional<byte[]> receiveRaw(int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    byte[] buf = new byte[65536];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(p);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOf(p.getData(), p.getLength()));
  }

  NodeId id() {
    return id;
  }

  @Override
  public void close() {
    socket.close();
  }
}
