package network.shaga.dht;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A BEP 44 mutable item: a bencoded value signed by an ed25519 key, versioned by {@code seq},
 * stored at {@code SHA1(publicKey || salt)}.
 */
public record MutableItem(byte[] publicKey, byte[] salt, long seq, byte[] value, byte[] signature) {
  /** BEP 44: largest bencoded value. */
  public static final int MAX_VALUE_BYTES = 1000;
  /** BEP 44: largest salt. */
  public static final int MAX_SALT_BYTES = 64;

  private static final int CACHE_SIZE = 8192;
  /**
   * Verification results by SHA-256 of (key, salt, seq, v, sig): a value travels through many
   * nodes and responses, but its signature is checked once per process. Pure memoization, so
   * sharing it between nodes in one JVM is safe.
   */
  private static final Map<ByteBuffer, Boolean> VERIFIED =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Boolean> eldest) {
          return size() > CACHE_SIZE;
        }
      };

  public MutableItem {
    publicKey = publicKey.clone();
    salt = salt == null ? new byte[0] : salt.clone();
    value = value.clone();
    signature = signature.clone();
  }

  /** Signs a bencoded value under a key, salt and sequence number. */
  public static MutableItem sign(Ed25519KeyPair key, byte[] salt, long seq, byte[] bencodedValue) {
    byte[] s = salt == null ? new byte[0] : salt;
    if (s.length > MAX_SALT_BYTES) {
      throw new IllegalArgumentException("salt longer than " + MAX_SALT_BYTES + " bytes");
    }
    if (bencodedValue.length > MAX_VALUE_BYTES) {
      throw new IllegalArgumentException("value longer than " + MAX_VALUE_BYTES + " bytes");
    }
    Bencode.decode(bencodedValue);
    byte[] signature = key.sign(signedBytes(s, seq, bencodedValue));
    return new MutableItem(key.publicKey(), s, seq, bencodedValue, signature);
  }

  /** The bytes BEP 44 signs: {@code [4:salt<len>:<salt>]3:seqi<seq>e1:v<value>}. */
  public static byte[] signedBytes(byte[] salt, long seq, byte[] bencodedValue) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bencodedValue.length + 96);
    if (salt != null && salt.length > 0) {
      out.writeBytes(("4:salt" + salt.length + ":").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(salt);
    }
    out.writeBytes(("3:seqi" + seq + "e1:v").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(bencodedValue);
    return out.toByteArray();
  }

  /** True when sizes are within BEP 44 limits and the signature is valid. */
  public boolean verify() {
    if (publicKey.length != 32 || signature.length != 64 || salt.length > MAX_SALT_BYTES
        || value.length > MAX_VALUE_BYTES) {
      return false;
    }
    ByteBuffer digest = verificationKey();
    Boolean known;
    synchronized (VERIFIED) {
      known = VERIFIED.get(digest);
    }
    if (known != null) {
      return known;
    }
    boolean ok = Ed25519KeyPair.verify(publicKey, signedBytes(salt, seq, value), signature);
    synchronized (VERIFIED) {
      VERIFIED.put(digest, ok);
    }
    return ok;
  }

  /**
   * A collision-resistant digest of everything the signature check depends on. SHA-256, not
   * SHA-1: SHA-1 collisions can be bought, and one would let a forged item borrow the cached
   * verdict of a genuine one.
   */
  private ByteBuffer verificationKey() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      ByteBuffer header = ByteBuffer.allocate(16);
      header.putInt(salt.length).putLong(seq).putInt(value.length);
      md.update(header.array());
      md.update(publicKey);
      md.update(salt);
      md.update(value);
      md.update(signature);
      return ByteBuffer.wrap(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The DHT key: {@code SHA1(publicKey || salt)}. */
  public byte[] target() {
    return targetId().toBytes();
  }

  /** The DHT key as an id. */
  public NodeId targetId() {
    return targetOf(publicKey, salt);
  }

  /** {@code SHA1(publicKey || salt)} for a key and optional salt. */
  public static NodeId targetOf(byte[] publicKey, byte[] salt) {
    return NodeId.sha1(publicKey, salt == null ? new byte[0] : salt);
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MutableItem m && seq == m.seq && Arrays.equals(publicKey, m.publicKey)
        && Arrays.equals(salt, m.salt) && Arrays.equals(value, m.value)
        && Arrays.equals(signature, m.signature);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "MutableItem[target=" + targetId() + ", seq=" + seq + ", value=" + value.length + " B]";
  }
}
