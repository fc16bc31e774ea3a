package network.shaga.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreContent;
import network.shaga.wallet.keystore.KeystoreException;

/** Opens the user's wallet, whose key is also their Shaga identity (it signs host records and API messages). */
final class WalletAccess {
    static final String DEFAULT_FILE = network.shaga.app.player.PlayerServices.KEYSTORE_FILE;

    private WalletAccess() {
    }

    static Path defaultPath(ShagaCommand root) throws IOException {
        return root.dataDirectory().resolve(DEFAULT_FILE);
    }

    /** Loads the keystore, or creates a new wallet there when none exists yet (and says so). */
    static KeystoreContent openOrCreate(Path file, PasswordOptions passwords, PrintWriter notices) throws IOException, KeystoreException {
        Keystore keystore = Keystore.withDefaults();
        if (Files.exists(file)) {
            return keystore.load(file, passwords.read("Wallet password: "));
        }
        char[] password = passwords.read("New wallet password: ");
        if (password.length < 8) {
            throw new IOException("choose a wallet password of at least 8 characters");
        }
        KeystoreContent content = KeystoreContent.of(WalletKey.generate(new SecureRandom()));
        keystore.save(file, password, content);
        notices.println("created a new wallet " + content.key().address() + " in " + file
                + " (keep a copy of this file and its password: together they restore the wallet)");
        return content;
    }

    static Ed25519KeyPair identity(KeystoreContent content) {
        return Ed25519KeyPair.fromSeed(content.key().seed());
    }
}
