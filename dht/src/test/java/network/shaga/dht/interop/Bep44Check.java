package network.shaga.dht.interop;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * BEP 44 facts computed independently of every DHT implementation under test (JDK crypto only), so
 * interop tests can check what the third parties and our node produce.
 */
final class Bep44Check {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** An ed25519 key made from a 32-byte seed with the JDK, signing BEP 44 items. */
  record Signer(byte[] publicKey, PrivateKey privateKey) {

    static Signer fromSeed(byte[] seed) {
      try {
        // The JDK derives a public key only while generating a pair: hand it the seed as
        // randomness.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
        KeyPair pair = generator.generateKeyPair();
        byte[] x509 = pair.getPublic().getEncoded();
        return new Signer(
            Arrays.copyOfRange(x509, x509.length - 32, x509.length), pair.getPrivate());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 is a required JDK algorithm", e);
      }
    }

    byte[] sign(byte[] salt, long seq, byte[] bencodedValue) {
      try {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(privateKey);
        signer.update(signedPayload(salt, seq, bencodedValue));
        return signer.sign();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("Ed25519 signing failed", e);
      }
    }
  }

  /** Returns the given bytes as "random" output; only for deriving a key from a known seed. */
  private static final class FixedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] bytes;

    FixedRandom(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
    }
  }

  private Bep44Check() {}

  static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] sha1(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-1");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is a required JDK algorithm", e);
    }
  }

  /** The mutable-item target: SHA-1 of the public key followed by the salt. */
  static byte[] mutableTarget(byte[] publicKey, byte[] salt) {
    return sha1(publicKey, salt);
  }

  /** Checks a BEP 44 signature over {@code [4:salt<salt>]3:seqi<seq>e1:v<v>}. */
  static boolean signatureValid(
      byte[] publicKey, byte[] salt, long seq, byte[] bencodedValue, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(ed25519PublicKey(publicKey));
      verifier.update(signedPayload(salt, seq, bencodedValue));
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] signedPayload(byte[] salt, long seq, byte[] bencodedValue) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (salt.length > 0) {
      out.writeBytes(ascii("4:salt" + salt.length + ":"));
      out.writeBytes(salt);
    }
    out.writeBytes(ascii("3:seqi" + seq + "e1:v"));
    out.writeBytes(bencodedValue);
    return out.toByteArray();
  }

  /** RFC 8032 encoding: little-endian y with the sign of x in the top bit of the last byte. */
  private static PublicKey ed25519PublicKey(byte[] raw) throws GeneralSecurityException {
    if (raw.length != 32) {
      throw new GeneralSecurityException("ed25519 public keys are 32 bytes, got " + raw.length);
    }
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) {
      bigEndian[i] = raw[31 - i];
    }
    boolean xOdd = (bigEndian[0] & 0x80) != 0;
    bigEndian[0] &= 0x7f;
    EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, bigEndian));
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
  }
}
