package network.shaga.wallet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import network.shaga.wallet.keys.Bip39;
import network.shaga.wallet.keys.KeyImport;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreContent;
import network.shaga.wallet.keystore.KeystoreException;

/**
 * The wallet's encrypted keystore file and what can be done with it without any Solana node: create, import,
 * export, read the address, keep small secrets.
 */
public final class WalletFile {
  private final Path file;
  private final Keystore keystore;
  private final SecureRandom random;

  public WalletFile(Path file, Keystore keystore, SecureRandom random) {
    this.file = file;
    this.keystore = keystore;
    this.random = random;
  }

  public Path path() {
    return file;
  }

  /** The outcome of {@code create} or {@code import}: the wallet's address, or why not. */
  public sealed interface KeyResult permits KeyStored, KeyRefused {}

  /** Stored; {@code recoveryPhrase} is the new wallet's phrase (empty for imports): show it once, then forget it. */
  public record KeyStored(String address, List<String> recoveryPhrase) implements KeyResult {}

  public record KeyRefused(String message) implements KeyResult {}

  /** Creates a wallet from a fresh 24-word phrase; refuses to overwrite an existing keystore. */
  public KeyResult create(char[] password) throws KeystoreException {
    if (Files.exists(file)) {
      return refusedExisting();
    }
    List<String> words = Bip39.generate(24, random);
    KeyImport.Imported imported = (KeyImport.Imported) KeyImport.fromPhrase(String.join(" ", words), "");
    keystore.save(file, password, KeystoreContent.of(imported.key()));
    return new KeyStored(imported.key().address(), words);
  }

  /** Imports a recovery phrase (m/44'/501'/0'/0') into a new keystore. */
  public KeyResult importPhrase(String phrase, String passphrase, char[] password) throws KeystoreException {
    return store(KeyImport.fromPhrase(phrase, passphrase), password);
  }

  /** Imports a Solana CLI keypair file's content into a new keystore. */
  public KeyResult importKeypairJson(String json, char[] password) throws KeystoreException {
    return store(KeyImport.fromKeypairJson(json), password);
  }

  private KeyResult store(KeyImport.Result result, char[] password) throws KeystoreException {
    if (Files.exists(file)) {
      return refusedExisting();
    }
    if (result instanceof KeyImport.Refused r) {
      return new KeyRefused(r.message());
    }
    WalletKey key = ((KeyImport.Imported) result).key();
    keystore.save(file, password, KeystoreContent.of(key));
    return new KeyStored(key.address(), List.of());
  }

  private KeyRefused refusedExisting() {
    return new KeyRefused("a wallet already exists at " + file + "; move it away first");
  }

  /** The wallet's address, read without the password. */
  public String address() throws KeystoreException {
    return Keystore.peekAddress(file);
  }

  /** Unlocks the key. */
  public WalletKey unlock(char[] password) throws KeystoreException {
    return keystore.load(file, password).key();
  }

  /** The Solana CLI keypair JSON of the wallet (for backup or other wallets). */
  public String exportKeypairJson(char[] password) throws KeystoreException {
    return KeyImport.toKeypairJson(unlock(password));
  }

  /** Stores a small secret (e.g. Sunshine credentials) in the keystore next to the key. */
  public void storeSecret(char[] password, String name, String value) throws KeystoreException {
    KeystoreContent content = keystore.load(file, password);
    keystore.save(file, password, content.withSecret(name, value));
  }

  /** A secret stored with {@link #storeSecret}, if present. */
  public Optional<String> readSecret(char[] password, String name) throws KeystoreException {
    return Optional.ofNullable(keystore.load(file, password).secrets().get(name));
  }
}
