package network.shaga.app.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a wallet password comes from: a file, the {@code SHAGA_PASSWORD} environment variable, or a prompt; never an argument. */
final class PasswordOptions {
    static final String ENVIRONMENT_VARIABLE = "SHAGA_PASSWORD";

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the wallet password from the first line of FILE (else $SHAGA_PASSWORD, else a prompt).")
    Path passwordFile;

    char[] read(String prompt) throws IOException {
        if (passwordFile != null) {
            if (!Files.isRegularFile(passwordFile)) {
                throw new IOException("password file " + passwordFile + " does not exist");
            }
            String first = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            return first.toCharArray();
        }
        String fromEnv = System.getenv(ENVIRONMENT_VARIABLE);
        if (fromEnv != null) {
            return fromEnv.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            throw new IOException("no password: use --password-file FILE or set " + ENVIRONMENT_VARIABLE + " (no terminal to ask)");
        }
        char[] password = console.readPassword("%s", prompt);
        if (password == null) {
            throw new IOException("no password entered");
        }
        return password;
    }
}
