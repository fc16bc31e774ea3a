package network.shaga.app.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxUsesXdgDataHome() {
        assertThat(DataDirectory.platformDefault("Linux", Map.of("XDG_DATA_HOME", "/data/xdg"), HOME))
                .isEqualTo(Path.of("/data/xdg/shaga"));
    }

    @Test
    void linuxFallsBackToLocalShareWhenXdgIsUnsetOrRelative() {
        assertThat(DataDirectory.platformDefault("Linux", Map.of(), HOME)).isEqualTo(Path.of("/home/ada/.local/share/shaga"));
        assertThat(DataDirectory.platformDefault("Linux", Map.of("XDG_DATA_HOME", "relative/dir"), HOME))
                .isEqualTo(Path.of("/home/ada/.local/share/shaga"));
    }

    @Test
    void windowsUsesAppData() {
        Path appData = Path.of("/users/ada/AppData/Roaming");
        assertThat(DataDirectory.platformDefault("Windows 11", Map.of("APPDATA", appData.toString()), HOME))
                .isEqualTo(appData.resolve("Shaga"));
    }

    @Test
    void macUsesApplicationSupport() {
        assertThat(DataDirectory.platformDefault("Mac OS X", Map.of(), HOME))
                .isEqualTo(Path.of("/home/ada/Library/Application Support/Shaga"));
    }

    @Test
    void openCreatesTheFolderForTheOwnerOnly(@TempDir Path tmp) throws IOException {
        DataDirectory dir = DataDirectory.open(tmp.resolve("a/b"));
        assertThat(dir.path()).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path()))).isEqualTo("rwx------");
    }

    @Test
    void openRejectsAPathThatIsAFile(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> DataDirectory.open(file)).isInstanceOf(IOException.class);
    }
}
