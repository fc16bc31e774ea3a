package network.shaga.app.core;

import java.util.logging.LogManager;

/**
 * The JDK's LogManager closes every handler from its own shutdown hook while our hook is still stopping services and
 * logging about it (deregistering a host, ending sessions); those last lines would be lost. This manager ignores
 * resets once the JVM is shutting down; the file handler flushes each record, and the OS closes the file at exit.
 * Installed by {@code Main} through the {@code java.util.logging.manager} property.
 */
public final class ShutdownSafeLogManager extends LogManager {

    @Override
    public void reset() {
        if (!jvmShuttingDown()) {
            super.reset();
        }
    }

    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }
}
