package network.shaga.wallet.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/** Turns what a user pastes (a recovery phrase, a Solana CLI keypair file) into a {@link WalletKey}. */
public final class KeyImport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KeyImport() {}

  /** The outcome of an import: a key, or why the input was refused. */
  public sealed interface Result permits Imported, Refused {}

  /** The imported key. */
  public record Imported(WalletKey key) implements Result {}

  /** The input was refused; {@code message} tells the user what to fix. */
  public record Refused(String message) implements Result {}

  /** Imports a BIP39 phrase at m/44'/501'/0'/0' after checking its words and checksum. */
  public static Result fromPhrase(String phrase, String passphrase) {
    List<String> words = Bip39.normalise(phrase);
    var rejection = Bip39.validate(words);
    if (rejection.isPresent()) {
      return new Refused(rejection.get().message());
    }
    byte[] bip39Seed = Bip39.seed(words, passphrase);
    byte[] seed = Slip10.derive(bip39Seed, Slip10.SOLANA_PATH);
    Arrays.fill(bip39Seed, (byte) 0);
    WalletKey key = WalletKey.fromSeed(seed);
    Arrays.fill(seed, (byte) 0);
    return new Imported(key);
  }

  /** Imports a Solana CLI keypair file: a JSON array of 64 numbers, seed then public key. */
  public static Result fromKeypairJson(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      return new Refused("not a Solana keypair file: the content is not JSON");
    }
    if (node == null || !node.isArray() || node.size() != 64) {
      return new Refused("not a Solana keypair file: expected a JSON array of 64 numbers");
    }
    byte[] bytes = new byte[64];
    for (int i = 0; i < 64; i++) {
      JsonNode n = node.get(i);
      if (!n.isIntegralNumber() || n.asInt() < 0 || n.asInt() > 255) {
        return new Refused("not a Solana keypair file: element " + i + " is not a byte (0..255)");
      }
      bytes[i] = (byte) n.asInt();
    }
    WalletKey key = WalletKey.fromSeed(Arrays.copyOf(bytes, 32));
    if (!Arrays.equals(key.publicKey().toByteArray(), Arrays.copyOfRange(bytes, 32, 64))) {
      return new Refused("damaged Solana keypair file: its public key does not match its secret key");
    }
    Arrays.fill(bytes, (byte) 0);
    return new Imported(key);
  }

  /** Exports {@code key} as a Solana CLI keypair file. */
  public static String toKeypairJson(WalletKey key) {
    byte[] secret = key.secretKey64();
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < secret.length; i++) {
      out.append(i == 0 ? "" : ",").append(secret[i] & 0xff);
    }
    Arrays.fill(secret, (byte) 0);
    return out.append(']').toString();
  }
}
