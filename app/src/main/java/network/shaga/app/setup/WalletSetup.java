package network.shaga.app.setup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import network.shaga.app.player.PlayerServices;
import network.shaga.wallet.WalletFile;
import network.shaga.wallet.keys.Bip39;
import network.shaga.wallet.keys.KeyImport;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreContent;
import network.shaga.wallet.keystore.KeystoreException;

/**
 * The desktop app's wallet file: the same keystore {@code shaga wallet create/import} writes ({@code wallet.json}),
 * plus, for wallets made from a recovery phrase in the app, that phrase kept encrypted beside the key as a keystore
 * secret, so Backup can show it again later. All methods run Argon2id: call them off the UI thread.
 */
public final class WalletSetup {
    /** The keystore secret holding the recovery phrase (words separated by single spaces). */
    public static final String PHRASE_SECRET = "recovery-phrase";
    /** The keystore secret holding the phrase's optional BIP39 passphrase, when one was used. */
    public static final String PASSPHRASE_SECRET = "recovery-passphrase";
    public static final int NEW_PHRASE_WORDS = 24;

    private final WalletFile file;
    private final Keystore keystore;

    public WalletSetup(Path path, Keystore keystore, SecureRandom random) {
        this.file = new WalletFile(path, keystore, random);
        this.keystore = keystore;
    }

    /** The wallet file in the default place ({@code wallet.json} in {@code dataDir}) with the default keystore cost. */
    public static WalletSetup inFolder(Path dataDir) {
        return new WalletSetup(dataDir.resolve(PlayerServices.KEYSTORE_FILE), Keystore.withDefaults(), new SecureRandom());
    }

    public Path path() {
        return file.path();
    }

    /** A fresh recovery phrase for a new wallet; nothing is stored until {@link #storePhrase}. */
    public static List<String> newPhrase(SecureRandom random) {
        return Bip39.generate(NEW_PHRASE_WORDS, random);
    }

    /**
     * Stores the wallet of {@code phrase} (new or imported; the Phantom/Solflare derivation path) under
     * {@code password}, keeping the phrase for Backup. Refuses a phrase with a wrong word or checksum.
     */
    public WalletFile.KeyResult storePhrase(String phrase, String passphrase, char[] password) throws KeystoreException {
        if (Files.exists(file.path())) {
            return new WalletFile.KeyRefused("a wallet already exists at " + file.path() + "; move it away first");
        }
        KeyImport.Result result = KeyImport.fromPhrase(phrase, passphrase);
        if (result instanceof KeyImport.Refused refused) {
            return new WalletFile.KeyRefused(refused.message());
        }
        WalletKey key = ((KeyImport.Imported) result).key();
        KeystoreContent content = KeystoreContent.of(key).withSecret(PHRASE_SECRET, String.join(" ", Bip39.normalise(phrase)));
        // One write with the phrase inside: each keystore write costs a full Argon2id run.
        keystore.save(file.path(), password, passphrase.isEmpty() ? content : content.withSecret(PASSPHRASE_SECRET, passphrase));
        return new WalletFile.KeyStored(key.address(), List.of());
    }

    /** Stores the key of a Solana CLI keypair file's content under {@code password}; there is no phrase to keep. */
    public WalletFile.KeyResult storeKeypairJson(String json, char[] password) throws KeystoreException {
        return file.importKeypairJson(json, password);
    }

    /** Opens the key; a wrong password fails with {@link KeystoreException.Reason#WRONG_PASSWORD}. */
    public WalletKey unlock(char[] password) throws KeystoreException {
        return file.unlock(password);
    }

    /** What a backup can show for this wallet. */
    public sealed interface Backup permits PhraseBackup, KeypairBackup {
    }

    /** The recovery phrase (and its passphrase, empty when none) the wallet was made from. */
    public record PhraseBackup(List<String> words, String passphrase) implements Backup {
    }

    /**
     * The wallet was created elsewhere (e.g. {@code shaga wallet create}, which shows its phrase once) or imported from
     * a keypair file: the keypair file's content is the backup.
     */
    public record KeypairBackup(String keypairJson) implements Backup {
    }

    /** Reads the backup after checking {@code password}. */
    public Backup backup(char[] password) throws KeystoreException {
        KeystoreContent content = keystore.load(file.path(), password);
        String phrase = content.secrets().get(PHRASE_SECRET);
        if (phrase != null) {
            return new PhraseBackup(Arrays.asList(phrase.split(" ")), content.secrets().getOrDefault(PASSPHRASE_SECRET, ""));
        }
        return new KeypairBackup(KeyImport.toKeypairJson(content.key()));
    }
}
