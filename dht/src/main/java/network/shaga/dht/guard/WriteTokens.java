package network.shaga.dht.guard;

import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BEP 5 write tokens: an HMAC of the querier's IP under a secret that rotates; a token is valid
 * under the current and the previous secret, so it lives one to two rotation periods.
 */
public final class WriteTokens {
  private static final int TOKEN_BYTES = 8;
  private final RandomGenerator random;
  private final Mac mac;
  private byte[] current;
  private byte[] previous;

  public WriteTokens(RandomGenerator random) {
    this.random = random;
    try {
      this.mac = Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
    this.current = secret();
    this.previous = secret();
  }

  private byte[] secret() {
    byte[] s = new byte[16];
    random.nextBytes(s);
    return s;
  }

  /** Starts a new period: tokens of the period before last stop being accepted. */
  public void rotate() {
    previous = current;
    current = secret();
  }

  /** The token to hand to a querier at this address. */
  public byte[] issue(InetAddress address) {
    return compute(current, address);
  }

  /** True if the token was issued to this address during this or the previous period. */
  public boolean valid(byte[] token, InetAddress address) {
    return token != null && token.length == TOKEN_BYTES
        && (MessageDigest.isEqual(token, compute(current, address))
            || MessageDigest.isEqual(token, compute(previous, address)));
  }

  private byte[] compute(byte[] secret, InetAddress address) {
    try {
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    } catch (java.security.InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
    return Arrays.copyOf(mac.doFinal(address.getAddress()), TOKEN_BYTES);
  }
}
