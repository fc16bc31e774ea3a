package network.shaga.app.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the pairing PIN to the player's ephemeral X25519 key: X25519 with a fresh host key, HKDF-SHA256 over the
 * shared secret (salt = both public keys), then ChaCha20-Poly1305 with the session id as associated data. JDK only.
 */
public final class PinSeal {
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00};
    private static final byte[] INFO = "shaga-pin-v1".getBytes(StandardCharsets.US_ASCII);

    private PinSeal() {
    }

    /** A sealed PIN as it travels (base64 fields). */
    public record Sealed(String ephemeralKey, String nonce, String ciphertext) {
    }

    /** A player's ephemeral key pair; only the public half leaves the player. */
    public static KeyPair newPlayerKey() {
        try {
            return KeyPairGenerator.getInstance("X25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks X25519", e);
        }
    }

    /** The raw 32-byte public key, base64, as sent in {@code x25519}. */
    public static String publicKeyBase64(KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    /** True when {@code base64} decodes to a 32-byte X25519 public key. */
    public static boolean isPublicKey(String base64) {
        try {
            return base64 != null && Base64.getDecoder().decode(base64).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static Sealed seal(String playerKeyBase64, String pin, String sessionId, SecureRandom random) throws GeneralSecurityException {
        byte[] playerRaw = Base64.getDecoder().decode(playerKeyBase64);
        KeyPair ephemeral = KeyPairGenerator.getInstance("X25519").generateKeyPair();
        String ephemeralBase64 = publicKeyBase64(ephemeral);
        byte[] key = derive(ephemeral.getPrivate(), publicKey(playerRaw), Base64.getDecoder().decode(ephemeralBase64), playerRaw);
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, key, nonce, sessionId).doFinal(pin.getBytes(StandardCharsets.US_ASCII));
        return new Sealed(ephemeralBase64, Base64.getEncoder().encodeToString(nonce), Base64.getEncoder().encodeToString(ciphertext));
    }

    /** Opens a sealed PIN with the player's private key; throws when it was tampered with or sealed to another key. */
    public static String open(KeyPair player, Sealed sealed, String sessionId) throws GeneralSecurityException {
        byte[] ephemeralRaw;
        byte[] nonce;
        byte[] ciphertext;
        try {
            ephemeralRaw = Base64.getDecoder().decode(sealed.ephemeralKey());
            nonce = Base64.getDecoder().decode(sealed.nonce());
            ciphertext = Base64.getDecoder().decode(sealed.ciphertext());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the sealed PIN is not base64", e);
        }
        if (ephemeralRaw.length != 32 || nonce.length != 12) {
            throw new GeneralSecurityException("the sealed PIN has a malformed key or nonce");
        }
        byte[] key = derive(player.getPrivate(), publicKey(ephemeralRaw), ephemeralRaw,
                Base64.getDecoder().decode(publicKeyBase64(player)));
        return new String(cipher(Cipher.DECRYPT_MODE, key, nonce, sessionId).doFinal(ciphertext), StandardCharsets.US_ASCII);
    }

    private static PublicKey publicKey(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 32) {
            throw new GeneralSecurityException("an X25519 public key has 32 bytes");
        }
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
        return KeyFactory.getInstance("X25519").generatePublic(new X509EncodedKeySpec(encoded));
    }

    private static byte[] derive(PrivateKey own, PublicKey other, byte[] ephemeralRaw, byte[] playerRaw) throws GeneralSecurityException {
        KeyAgreement agreement = KeyAgreement.getInstance("X25519");
        agreement.init(own);
        agreement.doPhase(other, true);
        byte[] shared = agreement.generateSecret();
        byte[] salt = new byte[64];
        System.arraycopy(ephemeralRaw, 0, salt, 0, 32);
        System.arraycopy(playerRaw, 0, salt, 32, 32);
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = extract.doFinal(shared);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        expand.update(INFO);
        expand.update((byte) 1);
        return expand.doFinal();
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String sessionId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305");
        cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
        cipher.updateAAD(sessionId.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
