package network.shaga.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    void failureIsOneLineWithoutStackTrace(@TempDir Path dir) {
        // Tests run without a display, so opening the GUI fails: a typical runtime failure.
        int code = run("--data-dir", dir.toString());
        if (System.getenv("DISPLAY") != null) {
            return; // a developer's desktop session opens the window instead; nothing to check here
        }
        assertThat(code).isEqualTo(1);
        assertThat(err()).startsWith("shaga: error: cannot open the desktop app").doesNotContain("\tat ");
    }

    @Test
    void verboseFailureShowsTheStackTrace(@TempDir Path dir) {
        int code = run("--verbose", "--data-dir", dir.toString());
        if (System.getenv("DISPLAY") != null) {
            return;
        }
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("\tat ");
    }

    @Test
    void dataDirIsCreatedWithALogFile(@TempDir Path dir) {
        Path data = dir.resolve("nested").resolve("shaga");
        run("--data-dir", data.toString());
        assertThat(data.resolve("logs")).isDirectory();
        assertThat(data.resolve("logs").toFile().list()).anyMatch(name -> name.startsWith("shaga.") && name.endsWith(".log"));
    }
}
