package network.shaga.app.core;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root's running set of services: starts them in the order given and stops them in reverse,
 * on {@link #close()} or when the JVM shuts down (Ctrl-C, SIGTERM).
 */
public final class Application implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Application.class.getName());

    private final List<Service> services;
    private final Deque<Service> started = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread shutdownHook;

    public Application(List<Service> services) {
        this.services = List.copyOf(services);
    }

    /** Starts every service in order, each after the previous one is ready; on failure stops what already started. */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (Service service : services) {
            chain = chain.thenCompose(ignored -> startOne(service));
        }
        return chain.whenComplete((ok, failure) -> {
            if (failure != null) {
                close();
            }
        });
    }

    private CompletableFuture<Void> startOne(Service service) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("application is closing"));
        }
        LOG.log(Level.INFO, "starting {0}", service.name());
        CompletableFuture<Void> future;
        try {
            future = Objects.requireNonNull(service.start(), service.name() + ".start() returned null");
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        synchronized (started) {
            started.push(service);
        }
        return future.handle((ok, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                throw new CompletionException(new ServiceStartException(service.name(), cause));
            }
            LOG.log(Level.INFO, "started {0}", service.name());
            return null;
        });
    }

    /** Stops started services once, in reverse order of start, when the JVM is asked to exit. */
    public void stopOnShutdown() {
        Thread hook = new Thread(this::close, "shaga-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        shutdownHook = hook;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or about to run; it finds closed == true and returns.
            }
        }
        while (true) {
            Service service;
            synchronized (started) {
                service = started.poll();
            }
            if (service == null) {
                return;
            }
            try {
                LOG.log(Level.INFO, "stopping {0}", service.name());
                service.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stopping " + service.name() + " failed", e);
            }
        }
    }

    /** A service could not start; the message names it. */
    public static final class ServiceStartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ServiceStartException(String service, Throwable cause) {
            super(service + " could not start: " + cause.getMessage(), cause);
        }
    }
}
