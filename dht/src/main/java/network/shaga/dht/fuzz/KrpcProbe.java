package network.shaga.dht.fuzz;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcMessage;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.ParseResult;
import network.shaga.dht.krpc.Request;

/**
 * A blocking single-socket KRPC client bound to a chosen loopback address, so that the node under
 * test sees it as its own source IP (its own rate-limit bucket and write token).
 */
final class KrpcProbe implements AutoCloseable {
  private final DatagramSocket socket;
  private final NodeId id;
  private final SplittableRandom random;
  private final byte[] buffer = new byte[65_536];

  KrpcProbe(InetAddress local, SplittableRandom random) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(local, 0));
    this.random = random;
    this.id = NodeId.random(random);
  }

  InetSocketAddress localAddress() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /** Sends raw bytes without waiting for anything. */
  void send(InetSocketAddress to, byte[] data) throws IOException {
    socket.send(new DatagramPacket(data, data.length, to));
  }

  /**
   * Sends a read-only query (BEP 43, so the probe stays out of routing tables) and waits for the
   * message answering its transaction id.
   */
  Optional<KrpcMessage> query(InetSocketAddress to, Request request, int timeoutMillis)
      throws IOException {
    byte[] tid = new byte[4];
    random.nextBytes(tid);
    send(to, KrpcCodec.encode(new KrpcQuery(tid, id, true, null, request)));
    return await(tid, timeoutMillis);
  }

  /** Sends a read-only query with the given transaction id and returns at once. */
  void send(InetSocketAddress to, byte[] tid, Request request) throws IOException {
    send(to, KrpcCodec.encode(new KrpcQuery(tid, id, true, null, request)));
  }

  /** Waits for the reply carrying {@code tid}, skipping stale replies to earlier queries. */
  Optional<KrpcMessage> await(byte[] tid, int timeoutMillis) throws IOException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      if (left <= 0) {
        return Optional.empty();
      }
      Optional<KrpcMessage> message = receive((int) left);
      if (message.isEmpty()) {
        return message;
      }
      if (Arrays.equals(message.get().transactionId(), tid)) {
        return message;
      }
    }
  }

  /**
   * The next well-formed message received within the timeout (at least 1 ms), or empty; junk is
   * skipped.
   */
  Optional<KrpcMessage> receive(int timeoutMillis) throws IOException {
    long deadline = System.nanoTime() + Math.max(1, timeoutMillis) * 1_000_000L;
    while (true) {
      long left = (deadline - System.nanoTime()) / 1_000_000L;
      socket.setSoTimeout((int) Math.max(1, left));
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      }
      ParseResult r = KrpcCodec.decode(Arrays.copyOf(p.getData(), p.getLength()));
      if (r instanceof ParseResult.Parsed parsed) {
        return Optional.of(parsed.message());
      }
      if (left <= 0) {
        return Optional.empty();
      }
    }
  }

  SplittableRandom random() {
    return random;
  }

  NodeId id() {
    return id;
  }

  @Override
  public void close() {
    socket.close();
  }
}
