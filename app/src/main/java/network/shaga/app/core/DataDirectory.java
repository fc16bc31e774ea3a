package network.shaga.app.core;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/** The per-user folder where Shaga keeps its wallet, ledger, DHT state and logs. */
public record DataDirectory(Path path) {

    /** The platform default: {@code $XDG_DATA_HOME/shaga}, {@code %APPDATA%\Shaga} or {@code ~/Library/Application Support/Shaga}. */
    public static Path platformDefault(String osName, Map<String, String> env, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            Path base = appData != null && !appData.isBlank() ? Path.of(appData) : home.resolve("AppData").resolve("Roaming");
            return base.resolve("Shaga");
        }
        if (os.contains("mac") || os.contains("darwin")) {
            return home.resolve("Library").resolve("Application Support").resolve("Shaga");
        }
        String xdg = env.get("XDG_DATA_HOME");
        // XDG spec: a relative XDG_DATA_HOME is invalid and must be ignored.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : home.resolve(".local").resolve("share");
        return base.resolve("shaga");
    }

    /** Resolves the override if given, else the platform default, and creates the folder (owner-only) if missing. */
    public static DataDirectory open(Path override) throws IOException {
        Path dir = override != null
                ? override
                : platformDefault(System.getProperty("os.name"), System.getenv(), Path.of(System.getProperty("user.home")));
        dir = dir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("data directory " + dir + " is a file, not a folder; choose another with --data-dir");
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            restrictToOwner(dir);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("data directory " + dir + " is not writable; choose another with --data-dir");
        }
        return new DataDirectory(dir);
    }

    public Path logs() {
        return path.resolve("logs");
    }

    public Path resolve(String name) {
        return path.resolve(name);
    }

    private static void restrictToOwner(Path dir) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
