package network.shaga.app.core;

import java.util.concurrent.CompletableFuture;

/** A long-lived part of the application that the composition root starts and stops. */
public interface Service {

    /** A short name for logs and error messages. */
    String name();

    /** Starts the service; the future completes when it is ready for use. */
    CompletableFuture<Void> start();

    /** Stops the service and releases its resources; must be safe to call once after a failed start. */
    void stop();
}
