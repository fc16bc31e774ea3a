package network.shaga.dht.interop;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcError;
import network.shaga.dht.krpc.KrpcMessage;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.ParseResult;
import network.shaga.dht.krpc.Request;

/**
 * A bare KRPC endpoint on 127.0.0.1 that sends queries encoded by our {@link KrpcCodec} and decodes
 * the replies with it, so codec interop is tested without the rest of the node. It answers every
 * query it receives with a bare acknowledgement: third parties that add it to their routing tables
 * (libtorrent does after a successful put, even from a read-only node) would otherwise stall their
 * lookups on it until they time out.
 */
final class KrpcProbe implements AutoCloseable {

  /** What came back for one query: a decoded reply, or a datagram our codec rejected. */
  sealed interface Reply {
    /** A response or error our codec decoded. */
    record Decoded(KrpcMessage message) implements Reply {}

    /** A datagram from the queried node that our codec could not decode. */
    record Rejected(String reason, byte[] datagram) implements Reply {}
  }

  private record Pending(InetSocketAddress node, String transactionId) {}

  private static final System.Logger LOG = System.getLogger(KrpcProbe.class.getName());
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);
  private static final int POLL_MILLIS = 100;
  private static final HexFormat HEX = HexFormat.of();

  private final DatagramSocket socket;
  private final NodeId id;
  private final RandomGenerator random;
  private final Map<Pending, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
  private final Thread receiver;

  KrpcProbe(RandomGenerator random) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    this.socket.setSoTimeout(POLL_MILLIS);
    this.random = random;
    this.id = NodeId.random(random);
    this.receiver = new Thread(this::receive, "krpc-probe-" + socket.getLocalPort());
    receiver.setDaemon(true);
    receiver.start();
  }

  NodeId id() {
    return id;
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  /**
   * Sends {@code request} to {@code node} and waits (bounded) for the reply with the same
   * transaction id.
   */
  Reply query(InetSocketAddress node, Request request) throws IOException {
    byte[] tid = new byte[2];
    random.nextBytes(tid);
    Pending key = new Pending(node, HEX.formatHex(tid));
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    pending.put(key, reply);
    try {
      // Read-only (BEP 43): the probe is no real node, it should stay out of routing tables.
      send(new KrpcQuery(tid, id, true, null, request), node);
      return reply.get(REPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new SocketTimeoutException(
          "no reply to " + request.method() + " from " + node + " within " + REPLY_TIMEOUT);
    } catch (ExecutionException e) {
      throw new IOException("receiving from " + node, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for " + node);
    } finally {
      pending.remove(key);
    }
  }

  /** Like {@link #query} but insists on a decoded response. */
  KrpcResponse response(InetSocketAddress node, Request request) throws IOException {
    Reply reply = query(node, request);
    if (reply instanceof Reply.Decoded decoded
        && decoded.message() instanceof KrpcResponse response) {
      return response;
    }
    throw new AssertionError(
        request.method() + " to " + node + " did not get a response: " + describe(reply));
  }

  /** Like {@link #query} but insists on a decoded KRPC error. */
  KrpcError error(InetSocketAddress node, Request request) throws IOException {
    Reply reply = query(node, request);
    if (reply instanceof Reply.Decoded decoded && decoded.message() instanceof KrpcError error) {
      return error;
    }
    throw new AssertionError(
        request.method() + " to " + node + " did not get an error: " + describe(reply));
  }

  static String describe(Reply reply) {
    if (reply instanceof Reply.Rejected rejected) {
      return "our codec rejected it ("
          + rejected.reason()
          + "): "
          + HEX.formatHex(rejected.datagram());
    }
    return ((Reply.Decoded) reply).message().toString();
  }

  @Override
  public void close() {
    socket.close();
    try {
      receiver.join(Duration.ofSeconds(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send(KrpcMessage message, InetSocketAddress to) throws IOException {
    byte[] out = KrpcCodec.encode(message);
    socket.send(new DatagramPacket(out, out.length, to));
  }

  private void receive() {
    byte[] buffer = new byte[KrpcCodec.MAX_PACKET];
    while (!socket.isClosed()) {
      DatagramPacket in = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(in);
        dispatch(
            (InetSocketAddress) in.getSocketAddress(), Arrays.copyOf(in.getData(), in.getLength()));
      } catch (SocketTimeoutException e) {
        // poll again, so close() is noticed
      } catch (IOException e) {
        if (!socket.isClosed()) {
          LOG.log(System.Logger.Level.WARNING, "probe receive failed", e);
        }
      }
    }
  }

  private void dispatch(InetSocketAddress from, byte[] datagram) throws IOException {
    ParseResult parsed = KrpcCodec.decode(datagram);
    if (parsed instanceof ParseResult.Malformed bad) {
      // A rejected reply has no usable transaction id: it fails whatever waits on that node.
      Reply rejected = new Reply.Rejected(bad.reason(), datagram);
      pending.forEach(
          (key, reply) -> {
            if (key.node().equals(from)) {
              reply.complete(rejected);
            }
          });
      return;
    }
    KrpcMessage message = ((ParseResult.Parsed) parsed).message();
    if (message instanceof KrpcQuery query) {
      send(KrpcResponse.ack(query.transactionId(), id, from), from);
      return;
    }
    CompletableFuture<Reply> reply =
        pending.get(new Pending(from, HEX.formatHex(message.transactionId())));
    if (reply != null) {
      reply.complete(new Reply.Decoded(message));
    }
  }
}
