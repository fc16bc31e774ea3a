package network.shaga.dht.fuzz;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import network.shaga.dht.Bencode;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.NodeInfo;
import network.shaga.dht.krpc.ParseResult;

/**
 * A DHT peer that answers every query of the node under test with a fuzzed response: contacts
 * that are mostly its own addresses under ever new ids (so lookups keep coming back), a few dead
 * addresses, random peers, tokens, values, keys and signatures; one answer in four is then
 * mutated by {@link KrpcMutator}.
 * This reaches the code that reads answers, which unsolicited datagrams never do.
 */
final class HostilePeer implements AutoCloseable {
  /** Sockets the peer answers on; a lookup asks each address at most once. */
  private static final int SOCKETS = 16;
  private final List<DatagramSocket> sockets = new ArrayList<>();
  private final List<InetSocketAddress> addresses = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong answered = new AtomicLong();
  private volatile boolean closed;

  HostilePeer(int loopbackHost, SplittableRandom random) throws IOException {
    for (int i = 0; i < SOCKETS; i++) {
      DatagramSocket socket = new DatagramSocket(
          new InetSocketAddress(Loopback.address(loopbackHost), 0));
      socket.setSoTimeout(50);
      sockets.add(socket);
      addresses.add((InetSocketAddress) socket.getLocalSocketAddress());
    }
    for (DatagramSocket socket : sockets) {
      SplittableRandom own = random.split();
      Thread thread = new Thread(() -> serve(socket, own, new KrpcMutator(own.split())),
          "hostile-peer");
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
  }

  /** The address a node is first told about. */
  InetSocketAddress address() {
    return addresses.get(0);
  }

  /** Responses sent so far. */
  long answered() {
    return answered.get();
  }

  private void serve(DatagramSocket socket, SplittableRandom random, KrpcMutator mutator) {
    byte[] buffer = new byte[65_536];
    while (!closed) {
      DatagramPacket p = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(p);
      } catch (SocketTimeoutException e) {
        continue;
      } catch (IOException e) {
        return;
      }
      ParseResult r = KrpcCodec.decode(Arrays.copyOf(p.getData(), p.getLength()));
      if (r instanceof ParseResult.Parsed parsed && parsed.message() instanceof KrpcQuery q) {
        byte[] answer = answer(q, (InetSocketAddress) p.getSocketAddress(), random);
        if (random.nextInt(4) == 0) {
          answer = mutator.mutate(answer);
        }
        try {
          socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
          answered.incrementAndGet();
        } catch (IOException e) {
          return;
        }
      }
    }
  }

  private byte[] answer(KrpcQuery q, InetSocketAddress to, SplittableRandom random) {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = random.nextInt(17); i > 0; i--) {
      InetSocketAddress where = random.nextInt(8) > 0 ? addresses.get(random.nextInt(SOCKETS))
          : new InetSocketAddress(Loopback.address(random.nextInt(20, 250)),
              random.nextInt(1, 65_536));
      nodes.add(new NodeInfo(NodeId.random(random), where));
    }
    List<InetSocketAddress> peers = new ArrayList<>();
    for (int i = random.nextInt(4) == 0 ? random.nextInt(60) : 0; i > 0; i--) {
      peers.add(new InetSocketAddress(Loopback.address(random.nextInt(20, 250)),
          random.nextInt(1, 65_536)));
    }
    boolean item = random.nextInt(3) == 0;
    KrpcResponse response = new KrpcResponse(q.transactionId(), NodeId.random(random),
        random.nextBoolean() ? new byte[] {'S', 'G', 0, 1} : null, to, nodes, peers,
        random.nextBoolean() ? bytes(random, random.nextInt(0, 21)) : null,
        item ? Bencode.encode(bytes(random, random.nextInt(0, 40))) : null,
        item && random.nextBoolean() ? bytes(random, 32) : null, item ? bytes(random, 64) : null,
        item ? random.nextLong(-2, Long.MAX_VALUE) : null, random.nextBoolean(),
        random.nextInt(4) == 0 ? random.nextInt(-1, 100_000) : null);
    return KrpcCodec.encode(response);
  }

  private static byte[] bytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @Override
  public void close() {
    closed = true;
    sockets.forEach(DatagramSocket::close);
    try {
      for (Thread thread : threads) {
        thread.join(1_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
