package network.shaga.app.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class SettingsFileTest {
    @TempDir
    Path dir;

    private SettingsFile file() {
        return new SettingsFile(dir.resolve(SettingsFile.FILE_NAME));
    }

    @Test
    void aMissingFileMeansTheFirstRunIsDue() {
        assertThat(file().load()).isEqualTo(new SettingsFile.Missing());
    }

    @Test
    void savedSettingsReadBack() throws Exception {
        AppSettings custom = new AppSettings("mainnet-beta", Optional.of(URI.create("https://rpc.example.com/key/abc")), true, false);
        file().save(custom);
        assertThat(file().load()).isEqualTo(new SettingsFile.Found(custom));
        AppSettings devnet = new AppSettings("devnet", Optional.empty(), false, true);
        file().save(devnet);
        assertThat(file().load()).isEqualTo(new SettingsFile.Found(devnet));
        assertThat(devnet.solanaCluster().rpcUrl()).hasToString("https://api.devnet.solana.com");
        assertThat(custom.solanaCluster().rpcUrl()).hasToString("https://rpc.example.com/key/abc");
        assertThat(custom.solanaCluster().genesisHash()).isPresent();
    }

    @Test
    void aSaveReplacesTheFileWholeAndLeavesNoTemporaryFileBehind() throws Exception {
        file().save(new AppSettings("devnet", Optional.empty(), false, true));
        file().save(new AppSettings("localnet", Optional.of(URI.create("http://127.0.0.1:8899")), true, true));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(SettingsFile.FILE_NAME);
        }
        String json = Files.readString(dir.resolve(SettingsFile.FILE_NAME));
        assertThat(json).contains("\"cluster\" : \"localnet\"").doesNotContain("devnet");
    }

    @Test
    void aTemporaryFileLeftByACrashDoesNotChangeWhatIsRead() throws Exception {
        AppSettings saved = new AppSettings("devnet", Optional.empty(), true, true);
        file().save(saved);
        Files.writeString(dir.resolve(".settings.json123.tmp"), "{\"version\":1,\"clus");
        assertThat(file().load()).isEqualTo(new SettingsFile.Found(saved));
    }

    @Test
    void aDamagedFileIsReportedWithItsPathAndWhatToDo() throws Exception {
        for (String damaged : new String[] {"{\"version\":1,\"clus", "[]", "{\"cluster\":\"devnet\"}", "{\"version\":1}",
            "{\"version\":1,\"cluster\":\"testnet\"}", "{\"version\":1,\"cluster\":\"devnet\",\"rpcUrl\":\"http://bad host\"}", ""}) {
            Files.writeString(dir.resolve(SettingsFile.FILE_NAME), damaged, StandardCharsets.UTF_8);
            SettingsFile.Loaded loaded = file().load();
            assertThat(loaded).as(damaged).isInstanceOf(SettingsFile.Unreadable.class);
            assertThat(((SettingsFile.Unreadable) loaded).message()).as(damaged)
                    .contains(dir.resolve(SettingsFile.FILE_NAME).toString()).contains("damaged").contains("delete it");
        }
    }

    @Test
    void aNewerVersionIsNamed() throws Exception {
        Files.writeString(dir.resolve(SettingsFile.FILE_NAME), "{\"version\":2,\"cluster\":\"devnet\"}");
        assertThat(((SettingsFile.Unreadable) file().load()).message()).contains("version 2 is not supported");
    }

    @Test
    void unknownClustersAreRefused() {
        assertThatThrownBy(() -> new AppSettings("testnet", Optional.empty(), false, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("testnet");
    }
}
