package network.shaga.wallet.keys;

import java.security.SecureRandom;
import java.util.Arrays;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.utils.TweetNaclFast;

/** An ed25519 key pair held as its 32-byte seed: the user's Solana wallet and Shaga identity. */
public final class WalletKey {
  public static final int SEED_LENGTH = 32;

  private final byte[] seed;
  private final byte[] publicKey;
  private final byte[] expandedSecret;

  private WalletKey(byte[] seed) {
    if (seed.length != SEED_LENGTH) {
      throw new IllegalArgumentException("an ed25519 seed is 32 bytes, got " + seed.length);
    }
    this.seed = seed.clone();
    // solanaj's 32-byte Account constructor is broken (FINDINGS): derive with TweetNaCl directly.
    TweetNaclFast.Signature.KeyPair pair = TweetNaclFast.Signature.keyPair_fromSeed(this.seed);
    this.publicKey = pair.getPublicKey();
    this.expandedSecret = pair.getSecretKey();
  }

  /** The key pair for a 32-byte ed25519 seed. */
  public static WalletKey fromSeed(byte[] seed) {
    return new WalletKey(seed);
  }

  /** A fresh random key pair. */
  public static WalletKey generate(SecureRandom random) {
    byte[] seed = new byte[SEED_LENGTH];
    random.nextBytes(seed);
    WalletKey key = new WalletKey(seed);
    Arrays.fill(seed, (byte) 0);
    return key;
  }

  public PublicKey publicKey() {
    return new PublicKey(publicKey);
  }

  /** The base58 address, as wallets and explorers show it. */
  public String address() {
    return publicKey().toBase58();
  }

  public byte[] seed() {
    return seed.clone();
  }

  /** The 64-byte secret (seed ‖ public key), the layout Solana CLI keypair files use. */
  public byte[] secretKey64() {
    byte[] out = new byte[64];
    System.arraycopy(seed, 0, out, 0, 32);
    System.arraycopy(publicKey, 0, out, 32, 32);
    return out;
  }

  /** A detached ed25519 signature of {@code message}. */
  public byte[] sign(byte[] message) {
    return new TweetNaclFast.Signature(publicKey, expandedSecret).detached(message);
  }

  /** Whether {@code signature} is a valid ed25519 signature of {@code message} by {@code signer}. */
  public static boolean verify(PublicKey signer, byte[] message, byte[] signature) {
    if (signature.length != 64) {
      return false;
    }
    return new TweetNaclFast.Signature(signer.toByteArray(), new byte[64]).detached_verify(message, signature);
  }

  @Override
  public String toString() {
    return "WalletKey[" + address() + "]";
  }
}
