package network.shaga.app;

import network.shaga.app.cli.ShagaCommand;
import network.shaga.app.core.ShutdownSafeLogManager;

/** Entry point of the {@code shaga} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Before anything logs: keep log handlers open while shutdown hooks stop the services.
        System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
        // The host API answers small requests: without TCP_NODELAY each answer waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        System.exit(ShagaCommand.run(args, System.out, System.err));
    }
}
