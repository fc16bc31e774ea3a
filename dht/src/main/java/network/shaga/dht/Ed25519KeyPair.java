package network.shaga.dht;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

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
    byte[] seed = seed32.clone();
    try {
      // The JDK derives the public key only while generating: feed it the seed as "randomness".
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(
          NamedParameterSpec.ED25519,
          new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] bytes) {
              System.arraycopy(seed, 0, bytes, 0, Math.min(bytes.length, seed.length));
            }
          });
      KeyPair pair = generator.generateKeyPair();
      return new Ed25519KeyPair(seed, rawPublicKey(pair.getPublic()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is part of every JDK 17", e);
    }
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
    try {
      PrivateKey key =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
      Signature signature = Signature.getInstance("Ed25519");
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** Checks an Ed25519 signature against a raw 32-byte public key; false for malformed input. */
  public static boolean verify(byte[] publicKey32, byte[] message, byte[] signature64) {
    if (publicKey32 == null || publicKey32.length != 32 || signature64 == null
        || signature64.length != 64) {
      return false;
    }
    try {
      Signature signature = Signature.getInstance("Ed25519");
      signature.initVerify(publicKey(publicKey32));
      signature.update(message);
      return signature.verify(signature64);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Converts a raw key: little-endian y with the x-is-odd flag in the top bit of the last byte. */
  static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
    byte[] le = raw.clone();
    boolean xOdd = (le[31] & 0x80) != 0;
    le[31] &= 0x7f;
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }

  static byte[] rawPublicKey(PublicKey key) {
    EdECPoint point = ((EdECPublicKey) key).getPoint();
    byte[] be = point.getY().toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < Math.min(32, be.length); i++) {
      le[i] = be[be.length - 1 - i];
    }
    if (point.isXOdd()) {
      le[31] |= (byte) 0x80;
    }
    return le;
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
