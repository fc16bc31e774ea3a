package network.shaga.wallet.keystore;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import network.shaga.wallet.keys.WalletKey;

/** What a keystore protects: the wallet key and small named secrets (e.g. Sunshine credentials). */
public record KeystoreContent(WalletKey key, Map<String, String> secrets) {
  public KeystoreContent {
    Objects.requireNonNull(key, "key");
    secrets = Map.copyOf(secrets);
  }

  public static KeystoreContent of(WalletKey key) {
    return new KeystoreContent(key, Map.of());
  }

  /** A copy with {@code name} set to {@code value}. */
  public KeystoreContent withSecret(String name, String value) {
    Map<String, String> next = new TreeMap<>(secrets);
    next.put(name, value);
    return new KeystoreContent(key, next);
  }

  /** A copy without {@code name}. */
  public KeystoreContent withoutSecret(String name) {
    Map<String, String> next = new TreeMap<>(secrets);
    next.remove(name);
    return new KeystoreContent(key, next);
  }
}
