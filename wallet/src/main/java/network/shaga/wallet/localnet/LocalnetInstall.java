package network.shaga.wallet.localnet;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Finds the localnet server script and a Node.js binary, and says what is missing if they are not there. */
public final class LocalnetInstall {
    /** System property naming the {@code wallet/localnet} directory. */
    public static final String DIR_PROPERTY = "shaga.localnet.dir";
    /** Environment variable naming the {@code wallet/localnet} directory. */
    public static final String DIR_ENV = "SHAGA_LOCALNET_DIR";
    /** System property naming the Node.js executable. */
    public static final String NODE_PROPERTY = "shaga.node";
    /** Environment variable naming the Node.js executable. */
    public static final String NODE_ENV = "SHAGA_NODE";

    static final String SCRIPT = "server.mjs";

    /** Whether the server can run here. */
    public sealed interface Status permits Ready, Missing {
    }

    /** Everything needed is present. */
    public record Ready(Path directory, Path script, String node) implements Status {
    }

    /** Something is missing; {@code reason} tells what to do. */
    public record Missing(String reason) implements Status {
    }

    private final Function<String, String> properties;
    private final Function<String, String> environment;
    private final Path workingDirectory;

    LocalnetInstall(Function<String, String> properties, Function<String, String> environment, Path workingDirectory) {
        this.properties = properties;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
    }

    /** Looks at this JVM's system properties, environment and working directory. */
    public static LocalnetInstall ofThisProcess() {
        Map<String, String> env = System.getenv();
        return new LocalnetInstall(System::getProperty, env::get, Path.of("").toAbsolutePath());
    }

    /** Checks the installation described by {@code options} (explicit paths win over discovery). */
    public Status check(LocalnetOptions options) {
        Optional<Path> dir = options.directory().or(this::configuredDirectory).or(this::discoverDirectory);
        if (dir.isEmpty()) {
            return new Missing("cannot find wallet/localnet/" + SCRIPT + " above " + workingDirectory
                    + "; set -D" + DIR_PROPERTY + " or " + DIR_ENV + " to the wallet/localnet directory");
        }
        Path script = dir.get().resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            return new Missing("no " + SCRIPT + " in " + dir.get() + "; point " + DIR_ENV + " at wallet/localnet");
        }
        if (!Files.isDirectory(dir.get().resolve("node_modules").resolve("litesvm"))) {
            return new Missing("the localnet's Node.js packages are not installed: run `npm ci` in " + dir.get());
        }
        String node = options.node().or(this::configuredNode).orElse("node");
        if (findExecutable(node).isEmpty()) {
            return new Missing("Node.js (20 or newer) not found as `" + node + "`: install it, or set -D"
                    + NODE_PROPERTY + " / " + NODE_ENV + " to the node executable");
        }
        return new Ready(dir.get().toAbsolutePath().normalize(), script.toAbsolutePath().normalize(), node);
    }

    private Optional<Path> configuredDirectory() {
        return nonBlank(properties.apply(DIR_PROPERTY)).or(() -> nonBlank(environment.apply(DIR_ENV))).map(Path::of);
    }

    private Optional<String> configuredNode() {
        return nonBlank(properties.apply(NODE_PROPERTY)).or(() -> nonBlank(environment.apply(NODE_ENV)));
    }

    // Maven runs tests in the module directory (wallet/), the app runs from the repository root.
    private Optional<Path> discoverDirectory() {
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("wallet").resolve("localnet"), dir.resolve("localnet")}) {
                if (Files.isRegularFile(candidate.resolve(SCRIPT))) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Path> findExecutable(String name) {
        Path direct = Path.of(name);
        if (direct.getNameCount() > 1 || direct.isAbsolute()) {
            return Files.isExecutable(direct) ? Optional.of(direct) : Optional.empty();
        }
        String path = Optional.ofNullable(environment.apply("PATH")).orElse("");
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            for (String suffix : new String[] {"", ".exe", ".cmd"}) {
                Path candidate = Path.of(entry, name + suffix);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
