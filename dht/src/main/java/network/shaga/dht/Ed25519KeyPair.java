package network.shaga.dht;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** An ed25519 key pair as the 32-byte seed and the 32-byte (RFC 8032) public key. */
public record Ed25519KeyPair(byte[] seed, byte[] publicKey) {

  public Ed25519KeyPair {
    if (seed.length != 32 || publicKey.length != 32) {
      throw new IllegalArgumentException("ed25519 seed and public key are 32 bytes");
    }
    seed = seed.clone();
    publicKey = publicKey.clone();
  }

  /** A fresh random key pair. */
  public static Ed25519KeyPair generate() {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    return fromSeed(seed);
  }

  /** The key pair of a 32-byte seed (the RFC 8032 private key). */
  public static Ed25519KeyPair fromSeed(byte[] seed32) {
    if (seed32.length != 32) {
      throw new IllegalArgumentException("ed25519 seed is 32 bytes");
    }
    byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed32, 0, publicKey, 0);
    return new Ed25519KeyPair(seed32, publicKey);
  }

  /** A copy of the seed. */
  @Override
  public byte[] seed() {
    return seed.clone();
  }

  /** A copy of the public key. */
  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Signs a message (RFC 8032 pure Ed25519). */
  public byte[] sign(byte[] message) {
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length, signature, 0);
    return signature;
  }

  /**
   * Checks an Ed25519 signature against a raw 32-byte public key; false for malformed input.
   * Bouncy Castle's RFC 8032 code: about 0.1 ms per check here, against 0.9 ms for the JDK 17
   * provider, and every stored item and every record a player reads is checked.
   */
  public static boolean verify(byte[] publicKey32, byte[] message, byte[] signature64) {
    if (publicKey32 == null || publicKey32.length != 32 || signature64 == null
        || signature64.length != 64 || message == null) {
      return false;
    }
    try {
      return Ed25519.verify(signature64, 0, publicKey32, 0, message, 0, message.length);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ed25519KeyPair other && Arrays.equals(publicKey, other.publicKey)
        && Arrays.equals(seed, other.seed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(publicKey);
  }

  /** Never prints the seed. */
  @Override
  public String toString() {
    return "Ed25519KeyPair[publicKey=" + java.util.HexFormat.of().formatHex(publicKey) + "]";
  }
}
