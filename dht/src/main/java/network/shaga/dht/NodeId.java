package network.shaga.dht;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/** A 160-bit DHT key: a node id, an infohash or a BEP 44 target, ordered by XOR distance. */
public final class NodeId implements Comparable<NodeId> {
  /** Length of every id in bytes. */
  public static final int LENGTH = 20;
  /** Length of every id in bits. */
  public static final int BITS = LENGTH * 8;

  private final byte[] bytes;
  private final int hash;

  private NodeId(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** Wraps a copy of 20 bytes. */
  public static NodeId of(byte[] bytes) {
    if (bytes == null || bytes.length != LENGTH) {
      throw new IllegalArgumentException("an id is 20 bytes");
    }
    return new NodeId(bytes.clone());
  }

  /** Parses 40 hex digits. */
  public static NodeId ofHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  /** A uniformly random id. */
  public static NodeId random(RandomGenerator random) {
    byte[] b = new byte[LENGTH];
    random.nextBytes(b);
    return new NodeId(b);
  }

  /** SHA-1 of the given bytes, the key of immutable items and mutable targets. */
  public static NodeId sha1(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-1");
      for (byte[] part : parts) {
        md.update(part);
      }
      return new NodeId(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /** A copy of the 20 bytes. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Byte i without copying. */
  public int byteAt(int i) {
    return bytes[i] & 0xff;
  }

  /** Bit i counted from the most significant bit. */
  public boolean bit(int i) {
    return (bytes[i >>> 3] & (0x80 >>> (i & 7))) != 0;
  }

  /** Number of leading bits this id shares with another. */
  public int commonPrefixLength(NodeId other) {
    for (int i = 0; i < LENGTH; i++) {
      int x = (bytes[i] ^ other.bytes[i]) & 0xff;
      if (x != 0) {
        return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return BITS;
  }

  /** XOR distance to another id, as a new id. */
  public NodeId xor(NodeId other) {
    byte[] d = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      d[i] = (byte) (bytes[i] ^ other.bytes[i]);
    }
    return new NodeId(d);
  }

  /** Compares the XOR distances of a and b to this id: negative when a is closer. */
  public int compareDistance(NodeId a, NodeId b) {
    for (int i = 0; i < LENGTH; i++) {
      int da = (a.bytes[i] ^ bytes[i]) & 0xff;
      int db = (b.bytes[i] ^ bytes[i]) & 0xff;
      if (da != db) {
        return da < db ? -1 : 1;
      }
    }
    return 0;
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
    return new NodeId(b);
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
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeId other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** 40 lowercase hex digits. */
  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
