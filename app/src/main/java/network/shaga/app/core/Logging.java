package network.shaga.app.core;

import java.io.IOException;
import java.nio.file.Files;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** Routes {@link System.Logger} output (through java.util.logging) to a rotating file in the data directory. */
public final class Logging {
    private static final String FORMAT = "%1$tFT%1$tT.%1$tL %4$-7s [%3$s] %5$s%6$s%n";
    private static final int FILE_LIMIT_BYTES = 5 * 1024 * 1024;
    private static final int FILE_COUNT = 3;

    private Logging() {
    }

    /** Sends all logging to {@code logs/shaga.log}; with {@code verbose}, also to stderr at debug level. */
    public static void configure(DataDirectory dataDir, boolean verbose) throws IOException {
        System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
        Files.createDirectories(dataDir.logs());
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(verbose ? Level.FINE : Level.INFO);
        FileHandler file = new FileHandler(dataDir.logs().resolve("shaga.%g.log").toString(), FILE_LIMIT_BYTES, FILE_COUNT, true);
        file.setFormatter(new SimpleFormatter());
        file.setLevel(Level.ALL);
        root.addHandler(file);
        if (verbose) {
            Handler console = new ConsoleHandler();
            console.setFormatter(new SimpleFormatter());
            console.setLevel(Level.FINE);
            root.addHandler(console);
        }
    }
}
