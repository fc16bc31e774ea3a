package network.shaga.app.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MoonlightLocatorTest {

    private static MoonlightLocator locator(String os, Map<String, String> env, Set<Path> executables, boolean flatpak) {
        return new MoonlightLocator(os, env::get, executables::contains, id -> flatpak && id.equals(MoonlightLocator.FLATPAK_ID));
    }

    @Test
    void findsMoonlightOnThePath() {
        MoonlightLocator locator = locator("Linux", Map.of("PATH", "/opt/bin:/usr/bin"), Set.of(Path.of("/usr/bin/moonlight")), true);
        assertThat(locator.locate(null)).get().extracting(MoonlightInstallation::command).asList().containsExactly("/usr/bin/moonlight");
    }

    @Test
    void fallsBackToFlatpakOnLinux() {
        MoonlightLocator locator = locator("Linux", Map.of("PATH", "/usr/bin"), Set.of(), true);
        assertThat(locator.locate(null)).get().extracting(MoonlightInstallation::command).asList()
                .containsExactly("flatpak", "run", "com.moonlight_stream.Moonlight");
    }

    @Test
    void findsTheWindowsInstallFolder() {
        Path exe = Path.of("C:/Program Files", "Moonlight Game Streaming", "Moonlight.exe");
        MoonlightLocator locator = locator("Windows 11", Map.of("ProgramFiles", "C:/Program Files"), Set.of(exe), false);
        assertThat(locator.locate(null)).get().extracting(MoonlightInstallation::foundAt).isEqualTo(exe.toString());
    }

    @Test
    void findsTheMacApplicationsFolder() {
        Path app = Path.of("/Applications/Moonlight.app/Contents/MacOS/Moonlight");
        MoonlightLocator locator = locator("Mac OS X", Map.of(), Set.of(app), false);
        assertThat(locator.locate(null)).isPresent();
    }

    @Test
    void anExplicitPathMustExist() {
        MoonlightLocator locator = locator("Linux", Map.of("PATH", "/usr/bin"), Set.of(Path.of("/usr/bin/moonlight")), false);
        assertThat(locator.locate(Path.of("/nowhere/moonlight"))).isEmpty();
        assertThat(locator.locate(Path.of("/usr/bin/moonlight"))).isPresent();
    }

    @Test
    void nothingFoundComesWithAnInstallHintForTheOs() {
        assertThat(locator("Linux", Map.of(), Set.of(), false).locate(null)).isEmpty();
        assertThat(locator("Linux", Map.of(), Set.of(), false).installHint()).contains("flatpak install flathub com.moonlight_stream.Moonlight");
        assertThat(locator("Windows 10", Map.of(), Set.of(), false).installHint()).contains("winget");
        assertThat(locator("Mac OS X", Map.of(), Set.of(), false).installHint()).contains("brew");
    }
}
