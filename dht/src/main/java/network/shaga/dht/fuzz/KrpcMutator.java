package network.shaga.dht.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import network.shaga.dht.Bencode;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcError;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.Request;

/**
 * Turns well-formed KRPC packets into the garbage a hostile or broken peer sends: random bytes,
 * flipped and swapped bytes, truncations, deep nesting and absurd declared lengths.
 */
public final class KrpcMutator {
  private static final byte[] OUR_CLIENT = {'S', 'G', 0, 1};
  private final SplittableRandom random;

  public KrpcMutator(SplittableRandom random) {
    this.random = random;
  }

  /**
   * One valid packet of every kind a node handles: each query (with {@code token} where the
   * method takes one, so mutants also reach the code behind the token check), a response and an
   * error.
   */
  public List<byte[]> seeds(byte[] token) {
    NodeId id = NodeId.random(random);
    byte[] tid = {1, 2};
    List<Request> requests = List.of(
        new Request.Ping(),
        new Request.FindNode(NodeId.random(random)),
        new Request.GetPeers(NodeId.random(random)),
        new Request.GetPeers(NodeId.random(random), 3),
        new Request.AnnouncePeer(NodeId.random(random), 6881, false, token, 60L, null),
        new Request.Get(NodeId.random(random), 3L),
        new Request.Put(token, Bencode.encode("v"), new byte[32], new byte[4], 1L,
            new byte[64], null, 30L),
        new Request.Put(token, Bencode.encode(List.of(1L, "x")), null, null, null, null,
            null, null));
    List<byte[]> out = new ArrayList<>();
    for (Request r : requests) {
      out.add(KrpcCodec.encode(new KrpcQuery(tid, id, false, OUR_CLIENT, r)));
    }
    out.add(KrpcCodec.encode(KrpcResponse.ack(tid, id, null)));
    out.add(KrpcCodec.encode(new KrpcError(tid, KrpcError.GENERIC, "x")));
    return out;
  }

  /** A mutant of {@code seed} (occasionally the seed itself, so valid traffic is mixed in). */
  public byte[] mutate(byte[] seed) {
    switch (random.nextInt(6)) {
      case 0: {
        byte[] junk = new byte[random.nextInt(1, 1500)];
        random.nextBytes(junk);
        return junk;
      }
      case 1: {
        byte[] b = seed.clone();
        for (int i = random.nextInt(1, 5); i > 0; i--) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
      }
      case 2:
        return Arrays.copyOf(seed, random.nextInt(1, seed.length));
      case 3: {
        String s = random.nextBoolean() ? "l".repeat(random.nextInt(10, 4000))
            : "d1:t2:aa1:y1:q1:q4:ping1:a" + random.nextInt(1 << 30) + ":x";
        return s.getBytes(StandardCharsets.US_ASCII);
      }
      case 4: {
        byte[] b = seed.clone();
        int from = random.nextInt(b.length);
        int to = random.nextInt(b.length);
        byte tmp = b[from];
        b[from] = b[to];
        b[to] = tmp;
        return b;
      }
      default:
        return seed;
    }
  }
}
