package network.shaga.app.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import network.shaga.app.directory.SignedHostRecord;

/**
 * The host's HTTP API (DESIGN.md §5), on the JDK's HttpServer: {@code GET /v1/host} serves the current signed host
 * record; other endpoints (sessions) are added with {@link #addHandler}. Every client address gets a token bucket, so a flood from one address cannot starve the others.
 */
public final class HostApiServer implements AutoCloseable {
    public static final int DEFAULT_PORT = 47900;
    private static final double REQUESTS_PER_SECOND = 20;
    private static final double BURST = 40;
    private static final int MAX_TRACKED_CLIENTS = 10_000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final Supplier<SignedHostRecord> record;
    private final Supplier<Integer> replicas;
    private final Map<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

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
        SignedHostRecord current = record.get();
        if (current == null) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            reply(exchange, 503, error("the host has not published its record yet"));
            return;
        }
        reply(exchange, 200, HostRecordJson.toJson(json, current.item(), replicas.get()));
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
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
