package network.shaga.app.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import network.shaga.wallet.WalletFile;
import network.shaga.wallet.keys.KeyImport;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.KdfParams;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class WalletSetupTest {
    private static final char[] PASSWORD = "correct-Horse-42".toCharArray();

    @TempDir
    Path dir;

    /** Cheap Argon2 cost: the format is the same, only slower to attack. */
    private static final Keystore CHEAP = new Keystore(new KdfParams(64, 1, 1), new SecureRandom());

    private WalletSetup setup() {
        return new WalletSetup(dir.resolve("wallet.json"), CHEAP, new SecureRandom());
    }

    /** The same file as the command line opens it. */
    private WalletFile walletFile() {
        return new WalletFile(dir.resolve("wallet.json"), CHEAP, new SecureRandom());
    }

    @Test
    void aWalletFromAPhraseKeepsThePhraseForBackup() throws Exception {
        List<String> words = WalletSetup.newPhrase(new SecureRandom());
        assertThat(words).hasSize(24);
        WalletFile.KeyResult result = setup().storePhrase(String.join(" ", words), "", PASSWORD);
        String expected = ((KeyImport.Imported) KeyImport.fromPhrase(String.join(" ", words), "")).key().address();
        assertThat(result).isEqualTo(new WalletFile.KeyStored(expected, List.of()));
        assertThat(setup().backup(PASSWORD)).isEqualTo(new WalletSetup.PhraseBackup(words, ""));
        assertThat(walletFile().unlock(PASSWORD).address()).as("the file the command line opens").isEqualTo(expected);
        assertThat(walletFile().readSecret(PASSWORD, WalletSetup.PHRASE_SECRET)).contains(String.join(" ", words));
    }

    @Test
    void aPassphraseIsKeptWithThePhrase() throws Exception {
        List<String> words = WalletSetup.newPhrase(new SecureRandom());
        setup().storePhrase(String.join("   ", words).toUpperCase(), "extra words", PASSWORD);
        assertThat(setup().backup(PASSWORD)).isEqualTo(new WalletSetup.PhraseBackup(words, "extra words"));
        String expected = ((KeyImport.Imported) KeyImport.fromPhrase(String.join(" ", words), "extra words")).key().address();
        assertThat(setup().unlock(PASSWORD).address()).isEqualTo(expected);
    }

    @Test
    void aKeypairFileWalletIsBackedUpAsItsKeypairFile() throws Exception {
        WalletKey key = WalletKey.generate(new SecureRandom());
        String json = KeyImport.toKeypairJson(key);
        setup().storeKeypairJson(json, PASSWORD);
        assertThat(setup().backup(PASSWORD)).isEqualTo(new WalletSetup.KeypairBackup(json));
    }

    @Test
    void aWrongPasswordShowsNothing() throws Exception {
        setup().storePhrase(String.join(" ", WalletSetup.newPhrase(new SecureRandom())), "", PASSWORD);
        assertThatThrownBy(() -> setup().backup("guess".toCharArray()))
                .isInstanceOfSatisfying(KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(KeystoreException.Reason.WRONG_PASSWORD));
        assertThatThrownBy(() -> setup().unlock("guess".toCharArray())).isInstanceOf(KeystoreException.class);
    }

    @Test
    void aBadPhraseIsRefusedAndNothingIsWritten() throws Exception {
        List<String> words = new java.util.ArrayList<>(WalletSetup.newPhrase(new SecureRandom()));
        java.util.Collections.swap(words, 0, 1);
        words.set(0, words.get(0).equals("abandon") ? "ability" : "abandon");
        WalletFile.KeyResult result = setup().storePhrase(String.join(" ", words), "", PASSWORD);
        assertThat(result).isInstanceOf(WalletFile.KeyRefused.class);
        assertThat(dir.resolve("wallet.json")).doesNotExist();
    }

    @Test
    void anExistingWalletIsNeverOverwritten() throws Exception {
        setup().storeKeypairJson(KeyImport.toKeypairJson(WalletKey.generate(new SecureRandom())), PASSWORD);
        String before = Keystore.peekAddress(dir.resolve("wallet.json"));
        WalletFile.KeyResult result = setup().storePhrase(String.join(" ", WalletSetup.newPhrase(new SecureRandom())), "", PASSWORD);
        assertThat(result).isInstanceOf(WalletFile.KeyRefused.class);
        assertThat(Keystore.peekAddress(dir.resolve("wallet.json"))).isEqualTo(before);
    }
}
