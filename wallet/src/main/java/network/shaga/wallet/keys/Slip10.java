package network.shaga.wallet.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SLIP-0010 ed25519 key derivation (hardened steps only, as ed25519 allows). */
public final class Slip10 {
  private static final int HARDENED = 0x8000_0000;
  /** m/44'/501'/0'/0': the path Phantom and Solflare use for the first account. */
  public static final int[] SOLANA_PATH = {44, 501, 0, 0};

  private Slip10() {}

  /** The 32-byte ed25519 seed at the hardened {@code path} below the BIP39 {@code seed}. */
  public static byte[] derive(byte[] seed, int... path) {
    byte[] node = hmac("ed25519 seed".getBytes(StandardCharsets.US_ASCII), seed);
    for (int index : path) {
      if (index < 0) {
        throw new IllegalArgumentException("path indexes are given unhardened, 0..2^31-1");
      }
      ByteBuffer data = ByteBuffer.allocate(37);
      data.put((byte) 0).put(node, 0, 32).putInt(index | HARDENED);
      byte[] next = hmac(Arrays.copyOfRange(node, 32, 64), data.array());
      Arrays.fill(node, (byte) 0);
      node = next;
    }
    byte[] key = Arrays.copyOf(node, 32);
    Arrays.fill(node, (byte) 0);
    return key;
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA512");
      mac.init(new SecretKeySpec(key, "HmacSHA512"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is required by every JDK", e);
    }
  }
}
