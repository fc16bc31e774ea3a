package network.shaga.dht.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import network.shaga.dht.Bencode;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcError;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.Request;

/**
 * Turns well-formed KRPC packets into the garbage a hostile or broken peer sends: random bytes,
 * flipped and swapped bytes, truncations, deep nesting and absurd declared lengths, and
 * well-formed bencode with a field of the wrong type, size or value (which byte flips rarely
 * reach).
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
    switch (random.nextInt(7)) {
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
      case 5:
        return Bencode.encode(reshape(Bencode.decode(seed), 0));
      default:
        return seed;
    }
  }

  /**
   * A copy of a decoded packet with one field somewhere in it replaced by a value of a random
   * type and size, removed, or joined by an unknown one.
   */
  private Object reshape(Object value, int depth) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      Map<String, Object> copy = new TreeMap<>();
      map.forEach((k, v) -> copy.put((String) k, v));
      List<String> keys = new ArrayList<>(copy.keySet());
      String key = keys.get(random.nextInt(keys.size()));
      Object child = copy.get(key);
      boolean descend = (child instanceof Map<?, ?> || child instanceof List<?>) && depth < 4
          && random.nextInt(3) > 0;
      switch (descend ? -1 : random.nextInt(6)) {
        case -1 -> copy.put(key, reshape(child, depth + 1));
        case 0 -> copy.remove(key);
        case 1 -> copy.put(new String(randomBytes(random.nextInt(1, 6)),
            StandardCharsets.ISO_8859_1), anyValue(depth));
        default -> copy.put(key, anyValue(depth));
      }
      return copy;
    }
    if (value instanceof List<?> list && !list.isEmpty()) {
      List<Object> copy = new ArrayList<>(list);
      copy.set(random.nextInt(copy.size()), anyValue(depth));
      return copy;
    }
    return anyValue(depth);
  }

  private static final long[] EDGE_INTEGERS = {0, -1, 1, 65_535, 65_536, Integer.MAX_VALUE,
      Integer.MAX_VALUE + 1L, Long.MAX_VALUE, Long.MIN_VALUE, 1_000, 1_001};
  private static final int[] EDGE_LENGTHS = {0, 1, 2, 4, 6, 8, 16, 17, 18, 19, 20, 21, 26, 32, 38,
      63, 64, 65, 1_000, 1_001};

  private Object anyValue(int depth) {
    switch (random.nextInt(depth < 3 ? 4 : 2)) {
      case 0:
        return random.nextBoolean() ? EDGE_INTEGERS[random.nextInt(EDGE_INTEGERS.length)]
            : random.nextLong();
      case 1:
        return randomBytes(EDGE_LENGTHS[random.nextInt(EDGE_LENGTHS.length)]);
      case 2: {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(anyValue(depth + 1));
        }
        return list;
      }
      default: {
        Map<String, Object> map = new TreeMap<>();
        for (int i = random.nextInt(3); i > 0; i--) {
          map.put(new String(randomBytes(random.nextInt(1, 4)), StandardCharsets.ISO_8859_1),
              anyValue(depth + 1));
        }
        return map;
      }
    }
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
