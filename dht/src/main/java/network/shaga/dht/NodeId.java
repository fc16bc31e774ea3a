package network.shaga.dht;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 160-bit DHT key: a node id, an infohash or a BEP 44 target, ordered by XOR distance.
 *
 * <p>Held as three big-endian words instead of a byte array: distance comparisons, equality and
 * hashing run on every packet a node handles, and the words halve an id's memory.
 */
public final class NodeId implements Comparable<NodeId> {
  /** Length of every id in bytes. */
  public static final int LENGTH = 20;
  /** Length of every id in bits. */
  public static final int BITS = LENGTH * 8;

  /** Bytes 0-7, 8-15 and 16-19, big-endian. */
  private final long high;
  private final long middle;
  private final int low;

  private NodeId(long high, long middle, int low) {
    this.high = high;
    this.middle = middle;
    this.low = low;
  }

  private static NodeId fromBytes(byte[] b) {
    return at(b, 0);
  }

  private static NodeId at(byte[] b, int offset) {
    return new NodeId(word(b, offset, 8), word(b, offset + 8, 8), (int) word(b, offset + 16, 4));
  }

  private static long word(byte[] b, int from, int length) {
    long w = 0;
    for (int i = from; i < from + length; i++) {
      w = (w << 8) | (b[i] & 0xff);
    }
    return w;
  }

  /** Wraps a copy of 20 bytes. */
  public static NodeId of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("an id is 20 bytes");
    }
    return fromBytes(bytes);
  }

  /** Reads the 20 bytes at {@code offset} (e.g. inside a compact node list). */
  public static NodeId of(byte[] bytes, int offset) {
    if (offset < 0 || offset > bytes.length - LENGTH) {
      throw new IllegalArgumentException("an id is 20 bytes");
    }
    return at(bytes, offset);
  }

  /** Parses 40 hex digits. */
  public static NodeId ofHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** A uniformly random id. */
  public static NodeId random(RandomGenerator random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    return fromBytes(b);
  }

  /** SHA-1 of the given bytes, the key of immutable items and mutable targets. */
  public static NodeId sha1(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      for (byte[] part : parts) {
        md.update(part);
      }
      return fromBytes(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /** A copy of the 20 bytes. */
  public byte[] toBytes() {
    byte[] b = new byte[LENGTH];
    writeTo(b, 0);
    return b;
  }

  /** Writes the 20 bytes into {@code dst} at {@code offset}. */
  public void writeTo(byte[] dst, int offset) {
    for (int i = 0; i < 8; i++) {
      dst[offset + i] = (byte) (high >>> (56 - 8 * i));
      dst[offset + 8 + i] = (byte) (middle >>> (56 - 8 * i));
    }
    for (int i = 0; i < 4; i++) {
      dst[offset + 16 + i] = (byte) (low >>> (24 - 8 * i));
    }
  }

  /** Byte i without copying. */
  public int byteAt(int i) {
    if (i < 8) {
      return (int) (high >>> (56 - 8 * i)) & 0xff;
    }
    if (i < 16) {
      return (int) (middle >>> (56 - 8 * (i - 8))) & 0xff;
    }
    if (i < LENGTH) {
      return (low >>> (24 - 8 * (i - 16))) & 0xff;
    }
    throw new IndexOutOfBoundsException(i);
  }

  /** Bit i counted from the most significant bit. */
  public boolean bit(int i) {
    return (byteAt(i >>> 3) & (0x80 >>> (i & 7))) != 0;
  }

  /** Number of leading bits this id shares with another. */
  public int commonPrefixLength(NodeId other) {
    long x = high ^ other.high;
    if (x != 0) {
      return Long.numberOfLeadingZeros(x);
    }
    x = middle ^ other.middle;
    if (x != 0) {
      return 64 + Long.numberOfLeadingZeros(x);
    }
    int y = low ^ other.low;
    return y != 0 ? 128 + Integer.numberOfLeadingZeros(y) : BITS;
  }

  /** XOR distance to another id, as a new id. */
  public NodeId xor(NodeId other) {
    return new NodeId(high ^ other.high, middle ^ other.middle, low ^ other.low);
  }

  /** Compares the XOR distances of a and b to this id: negative when a is closer. */
  public int compareDistance(NodeId a, NodeId b) {
    long da = a.high ^ high;
    long db = b.high ^ high;
    if (da != db) {
      return Long.compareUnsigned(da, db);
    }
    da = a.middle ^ middle;
    db = b.middle ^ middle;
    if (da != db) {
      return Long.compareUnsigned(da, db);
    }
    return Integer.compareUnsigned(a.low ^ low, b.low ^ low);
  }

  /** A random id sharing exactly {@code prefixBits} leading bits with this id (then differing). */
  public NodeId randomWithPrefix(int prefixBits, RandomGenerator random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    for (int i = 0; i < prefixBits && i < BITS; i++) {
      setBit(b, i, bit(i));
    }
    if (prefixBits < BITS) {
      setBit(b, prefixBits, !bit(prefixBits));
    }
    return fromBytes(b);
  }

  private static void setBit(byte[] b, int i, boolean on) {
    if (on) {
      b[i >>> 3] |= (byte) (0x80 >>> (i & 7));
    } else {
      b[i >>> 3] &= (byte) ~(0x80 >>> (i & 7));
    }
  }

  /** Unsigned big-endian order of the raw ids. */
  @Override
  public int compareTo(NodeId o) {
    if (high != o.high) {
      return Long.compareUnsigned(high, o.high);
    }
    if (middle != o.middle) {
      return Long.compareUnsigned(middle, o.middle);
    }
    return Integer.compareUnsigned(low, o.low);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other && high == other.high && middle == other.middle
        && low == other.low;
  }

  @Override
  public int hashCode() {
    // Ids from the network are chosen by others: mix all words so none alone decides the bucket.
    long h = high * 0x9E3779B97F4A7C15L + middle;
    h = h * 0x9E3779B97F4A7C15L + low;
    return (int) (h ^ (h >>> 32));
  }

  /** 40 lowercase hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(toBytes());
  }

  @Override
  public String toString() {
    return toHex();
  }
}
