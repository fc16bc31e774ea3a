package network.shaga.dht.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The one bencode shape the benchmark's values take: a byte string. */
final class Bencoded {
  private Bencoded() {}

  /** {@code <length>:<bytes>}. */
  static byte[] encodeString(byte[] bytes) {
    byte[] prefix = (bytes.length + ":").getBytes(StandardCharsets.US_ASCII);
    byte[] out = Arrays.copyOf(prefix, prefix.length + bytes.length);
    System.arraycopy(bytes, 0, out, prefix.length, bytes.length);
    return out;
  }

  /** The bytes of a bencoded byte string; rejects anything else. */
  static byte[] decodeString(byte[] bencoded) {
    int colon = 0;
    while (colon < bencoded.length && bencoded[colon] != ':') {
      if (bencoded[colon] < '0' || bencoded[colon] > '9') {
        throw new IllegalArgumentException("not a bencoded byte string");
      }
      colon++;
    }
    if (colon == 0 || colon == bencoded.length) {
      throw new IllegalArgumentException("not a bencoded byte string");
    }
    int length = Integer.parseInt(new String(bencoded, 0, colon, StandardCharsets.US_ASCII));
    if (colon + 1 + length != bencoded.length) {
      throw new IllegalArgumentException("bencoded byte string length mismatch");
    }
    return Arrays.copyOfRange(bencoded, colon + 1, bencoded.length);
  }
}
