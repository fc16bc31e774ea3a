package network.shaga.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import network.shaga.app.directory.SignedHostRecord;

/**
 * The host's HTTP API (DESIGN.md §5), on the JDK's HttpServer: {@code GET /v1/host} serves the current signed host
 * record; {@code GET /v1/host?after=SEQ} waits (long poll, up to {@link #MAX_WAIT}) until the record's seq is above
 * {@code SEQ}, so a player watching a host sees a status change as soon as it is signed. Other endpoints (sessions)
 * are added with {@link #addHandler}. Every client address gets a token bucket, so a flood from one address cannot
 * starve the others.
 */
public final class HostApiServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 47900;
    private static final double REQUESTS_PER_SECOND = 20;
    private static final double BURST = 40;
    private static final int MAX_TRACKED_CLIENTS = 10_000;
    /** Longest a watch waits before it is answered with the unchanged record. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(20);
    /** Most watches held open at once; beyond that a watch is answered at once. */
    private static final int MAX_WATCHERS = 512;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final Supplier<SignedHostRecord> record;
    private final Supplier<Integer> replicas;
    private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "shaga-host-api-watch");
        thread.setDaemon(true);
        return thread;
    });

    /** A parked {@code ?after=} request. */
    private record Watch(HttpExchange exchange, long afterSeq) {
    }

    private static final class Bucket {
        private double tokens = BURST;
        private long lastNanos = System.nanoTime();

        synchronized boolean take() {
            long now = System.nanoTime();
            tokens = Math.min(BURST, tokens + (now - lastNanos) / 1e9 * REQUESTS_PER_SECOND);
            lastNanos = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    /**
     * Binds the API. {@code record} gives the record to serve (null before the first publish) and {@code replicas}
     * how many nodes stored it at the last publish.
     */
    public HostApiServer(InetSocketAddress bind, Supplier<SignedHostRecord> record, Supplier<Integer> replicas) throws IOException {
        this.record = record;
        this.replicas = replicas;
        try {
            this.server = HttpServer.create(bind, 64);
        } catch (java.net.BindException e) {
            throw new IOException("the host API port " + bind.getPort() + " is in use: choose another with --api-port", e);
        }
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "shaga-host-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/v1/host", this::host);
        server.createContext("/", exchange -> reply(exchange, 404, error("no such endpoint")));
        server.start();
    }

    /**
     * Serves {@code path} (and everything under it) with {@code handler}, behind the same per-address rate limit as
     * every other endpoint.
     */
    public void addHandler(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, exchange -> {
            if (admit(exchange)) {
                handler.handle(exchange);
            }
        });
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void host(HttpExchange exchange) throws IOException {
        if (!admit(exchange)) {
            return;
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            reply(exchange, 405, error("use GET"));
            return;
        }
        OptionalLong after;
        try {
            after = afterSeq(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            reply(exchange, 400, error(e.getMessage()));
            return;
        }
        SignedHostRecord current = record.get();
        if (after.isPresent() && (current == null || current.seq() <= after.getAsLong()) && watches.size() < MAX_WATCHERS) {
            Watch watch = new Watch(exchange, after.getAsLong());
            watches.add(watch);
            watchTimer.schedule(() -> answer(watch), MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            // A publish between reading the record and parking must not be missed.
            SignedHostRecord now = record.get();
            if (now != null && now.seq() > watch.afterSeq()) {
                answer(watch);
            }
            return;
        }
        serveRecord(exchange, current);
    }

    private void serveRecord(HttpExchange exchange, SignedHostRecord current) throws IOException {
        if (current == null) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            reply(exchange, 503, error("the host has not published its record yet"));
            return;
        }
        reply(exchange, 200, HostRecordJson.toJson(json, current.item(), replicas.get()));
    }

    /** Wakes the watches waiting for a record newer than the one now served; call after every signing. */
    public void recordChanged() {
        SignedHostRecord current = record.get();
        if (current == null) {
            return;
        }
        for (Watch watch : watches) {
            if (current.seq() > watch.afterSeq()) {
                executor.execute(() -> answer(watch));
            }
        }
    }

    /** Answers a parked watch with the current record, once (the timeout and a change may race). */
    private void answer(Watch watch) {
        if (!watches.remove(watch)) {
            return;
        }
        try {
            serveRecord(watch.exchange(), record.get());
        } catch (IOException | RuntimeException e) {
            watch.exchange().close();
        }
    }

    /** The {@code after} query parameter, if any. */
    static OptionalLong afterSeq(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return OptionalLong.empty();
        }
        for (String part : rawQuery.split("&")) {
            if (part.startsWith("after=")) {
                try {
                    long seq = Long.parseLong(part.substring("after=".length()));
                    if (seq < 0) {
                        throw new NumberFormatException();
                    }
                    return OptionalLong.of(seq);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("after must be a seq (a non-negative integer)");
                }
            }
        }
        return OptionalLong.empty();
    }

    private boolean admit(HttpExchange exchange) throws IOException {
        InetAddress client = exchange.getRemoteAddress().getAddress();
        if (buckets.size() > MAX_TRACKED_CLIENTS) {
            buckets.clear();
        }
        if (!buckets.computeIfAbsent(client, ignored -> new Bucket()).take()) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            reply(exchange, 429, error("too many requests"));
            return false;
        }
        return true;
    }

    private ObjectNode error(String message) {
        return json.createObjectNode().put("error", message);
    }

    private void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        watchTimer.shutdownNow();
        for (Watch watch : watches) {
            watch.exchange().close();
        }
        watches.clear();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
