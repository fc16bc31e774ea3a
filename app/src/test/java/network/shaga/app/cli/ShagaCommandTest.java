package network.shaga.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShagaCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ShagaCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionPrintsTheBuildVersionAndExitsZero() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("shaga ").doesNotContain("unknown");
    }

    @Test
    void helpListsGlobalOptions() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("--data-dir", "--verbose", "Commands:");
    }

    @Test
    void unknownOptionIsBadUsageWithOneLineAndAHint() {
        assertThat(run("--no-such-option")).isEqualTo(2);
        assertThat(err().lines()).containsExactly("shaga: Unknown option: '--no-such-option'", "Try 'shaga --help' for usage.");
        assertThat(out()).isEmpty();
    }

    @Test
    void unknownSubcommandIsBadUsage() {
        assertThat(run("no-such-command")).isEqualTo(2);
        assertThat(err()).contains("no-such-command");
    }

    @Test
    void failureIsOneLineWithoutStackTrace(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThat(run("--data-dir", file.toString())).isEqualTo(1);
        assertThat(err().lines().findFirst()).hasValue("shaga: error: data directory " + file + " is a file, not a folder; choose another with --data-dir");
        assertThat(err()).doesNotContain("\tat ");
    }

    @Test
    void verboseFailureShowsTheStackTrace(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThat(run("--verbose", "--data-dir", file.toString())).isEqualTo(1);
        assertThat(err()).contains("\tat ");
    }

    @Test
    void withoutADisplayTheGuiSaysSoInsteadOfCrashing() {
        assertThat(GuiLauncher.displayProblem("Linux", name -> null, false)).get().asString()
                .startsWith("cannot open the desktop app: no display");
        assertThat(GuiLauncher.displayProblem("Linux", name -> name.equals("DISPLAY") ? ":0" : null, false)).isEmpty();
        assertThat(GuiLauncher.displayProblem("Linux", name -> name.equals("WAYLAND_DISPLAY") ? "wayland-0" : null, false)).isEmpty();
        assertThat(GuiLauncher.displayProblem("Linux", name -> null, true)).isEmpty();
        assertThat(GuiLauncher.displayProblem("Windows 11", name -> null, false)).isEmpty();
    }

    @Test
    void dataDirIsCreatedWithALogFile(@TempDir Path dir) {
        Path data = dir.resolve("nested").resolve("shaga");
        assertThat(run("--data-dir", data.toString(), "info", "--json")).isZero();
        assertThat(out()).contains("\"data_dir\":\"" + data + "\"");
        assertThat(data.resolve("logs")).isDirectory();
        assertThat(data.resolve("logs").toFile().list()).anyMatch(name -> name.startsWith("shaga.") && name.endsWith(".log"));
    }
}
