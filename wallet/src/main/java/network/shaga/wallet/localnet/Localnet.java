package network.shaga.wallet.localnet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local Solana cluster for tests and the demo: runs {@code wallet/localnet/server.mjs} (JSON-RPC
 * over LiteSVM, real SVM execution) as a child process, with a faucet for SOL and a 6-decimal
 * USDC-like mint. The child exits when {@link #close()} is called or when this JVM dies (it
 * watches its stdin pipe).
 */
public final class Localnet implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Localnet.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_TAIL_LINES = 40;
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** The server's ready line. */
    private record ReadyLine(String rpc, String mint, String faucet) {
    }

    private final Process process;
    private final ReadyLine ready;
    private final LocalnetOptions options;
    private final HttpClient http;
    private final AtomicLong requestIds = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Localnet(Process process, ReadyLine ready, LocalnetOptions options) {
        this.process = process;
        this.ready = ready;
        this.options = options;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Starts a server with cluster-like timing. */
    public static Localnet start() {
        return start(LocalnetOptions.defaults());
    }

    /** Starts a server on loopback (an ephemeral port unless the options name one) and waits for its ready line. */
    public static Localnet start(LocalnetOptions options) {
        LocalnetInstall.Status status = LocalnetInstall.ofThisProcess().check(options);
        if (status instanceof LocalnetInstall.Missing missing) {
            throw new LocalnetException("cannot start the localnet: " + missing.reason());
        }
        LocalnetInstall.Ready install = (LocalnetInstall.Ready) status;
        List<String> command = new ArrayList<>(List.of(install.node(), install.script().toString(),
                "--port", Integer.toString(options.port()), "--host", "127.0.0.1",
                "--slot-ms", Long.toString(options.slot().toMillis()),
                "--confirm-slots", Integer.toString(options.confirmSlots()),
                "--finalize-slots", Integer.toString(options.finalizeSlots()),
                "--blockhash-valid-slots", Integer.toString(options.blockhashValidSlots())));
        options.state().ifPresent(file -> command.addAll(List.of("--state", file.toAbsolutePath().toString())));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(install.directory().toFile()).start();
        } catch (IOException e) {
            throw new LocalnetException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
        Deque<String> stderrTail = new ArrayDeque<>();
        CompletableFuture<ReadyLine> readyLine = new CompletableFuture<>();
        daemon("localnet-stderr-" + process.pid(), () -> drainStderr(process.getErrorStream(), stderrTail));
        daemon("localnet-stdout-" + process.pid(), () -> readStdout(process.getInputStream(), readyLine));
        process.onExit().thenRun(() -> readyLine.completeExceptionally(
                new LocalnetException("the localnet exited with code " + process.exitValue()
                        + " before it was ready")));
        try {
            ReadyLine line = readyLine.get(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            LOG.log(System.Logger.Level.INFO, "localnet ready at {0} (pid {1}, USDC mint {2})",
                    line.rpc(), Long.toString(process.pid()), line.mint());
            return new Localnet(process, line, options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new LocalnetException("interrupted while starting the localnet", e);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            String why = e instanceof TimeoutException ? "no ready line within " + options.startTimeout()
                    : e.getCause().getMessage();
            throw new LocalnetException(why + "; server output:\n" + snapshot(stderrTail), e);
        }
    }

    /** The JSON-RPC endpoint, e.g. {@code http://127.0.0.1:40123}. */
    public String rpcUrl() {
        return ready.rpc();
    }

    /** The localnet USDC mint (6 decimals, SPL Token program, faucet is the mint authority). */
    public String usdcMint() {
        return ready.mint();
    }

    /** The faucet's address: fee payer of airdrops and mint authority of the faucet's mints. */
    public String faucet() {
        return ready.faucet();
    }

    /** The options this server was started with. */
    public LocalnetOptions options() {
        return options;
    }

    /** The server's process id. */
    public long pid() {
        return process.pid();
    }

    /** Whether the server process is still running. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Mints {@code micro} micro-USDC to the owner's associated token account, creating it if needed. */
    public FundedTokens fundUsdc(String owner, long micro) {
        return fundToken(usdcMint(), owner, micro);
    }

    /** Mints base units of any faucet-owned mint (see {@link #createMint}) to the owner's token account. */
    public FundedTokens fundToken(String mint, String owner, long amount) {
        JsonNode result = call("shaga_fundUsdc", Map.of("owner", owner, "amount", amount, "mint", mint));
        return new FundedTokens(result.path("signature").asText(), result.path("tokenAccount").asText(),
                result.path("mint").asText(), Long.parseUnsignedLong(result.path("amount").asText()));
    }

    /** Sends lamports from the faucet with {@code requestAirdrop}; returns the signature. */
    public String airdrop(String owner, long lamports) {
        return call("requestAirdrop", owner, lamports).asText();
    }

    /** Creates another faucet-owned mint, e.g. a wrong mint or a Token-2022 one; returns its address. */
    public String createMint(TokenProgram program, int decimals) {
        return call("shaga_createMint", Map.of("decimals", decimals, "tokenProgram", program.rpcName()))
                .path("mint").asText();
    }

    /**
     * Polls {@code getSignatureStatuses} until the signature reaches the commitment
     * ({@code processed}, {@code confirmed} or {@code finalized}); false if it did not in time.
     */
    public boolean awaitCommitment(String signature, String commitment, Duration timeout) {
        List<String> levels = List.of("processed", "confirmed", "finalized");
        int wanted = levels.indexOf(commitment);
        if (wanted < 0) {
            throw new IllegalArgumentException("unknown commitment: " + commitment);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMillis = Math.max(5, options.slot().toMillis() / 2);
        while (true) {
            JsonNode status = call("getSignatureStatuses", List.of(signature)).path("value").path(0);
            if (!status.isNull() && !status.isMissingNode()
                    && levels.indexOf(status.path("confirmationStatus").asText()) >= wanted) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Calls a JSON-RPC method and returns its {@code result}. A single {@link Map} argument is sent
     * as named params, anything else positionally.
     *
     * @throws LocalnetException with {@link LocalnetException#rpcCode()} when the server answers an error
     */
    public JsonNode call(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", requestIds.incrementAndGet());
        request.put("method", method);
        if (params.length == 1 && params[0] instanceof Map<?, ?> named) {
            request.set("params", JSON.valueToTree(named));
        } else {
            request.set("params", JSON.valueToTree(List.of(params)));
        }
        JsonNode response = post(request);
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            throw LocalnetException.rpc(error.path("code").asInt(), method + ": " + error.path("message").asText());
        }
        return response.path("result");
    }

    /** Posts a raw JSON-RPC request or batch and returns the parsed response body. */
    public JsonNode post(JsonNode body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new LocalnetException("localnet answered HTTP " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new LocalnetException("localnet sent malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new LocalnetException("cannot reach the localnet at " + rpcUrl() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalnetException("interrupted while calling the localnet", e);
        }
    }

    /** Stops the server and its child processes; waits for them to exit. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop(process);
            LOG.log(System.Logger.Level.DEBUG, "localnet {0} stopped", Long.toString(process.pid()));
        }
    }

    private static void stop(Process process) {
        // Closing stdin lets the server shut down cleanly; signals cover a server that ignores it.
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing localnet stdin", e);
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        if (!waitFor(process.toHandle(), STOP_GRACE)) {
            process.destroy();
            if (!waitFor(process.toHandle(), STOP_GRACE)) {
                process.destroyForcibly();
                waitFor(process.toHandle(), STOP_GRACE);
            }
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean waitFor(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private static void readStdout(InputStream stream, CompletableFuture<ReadyLine> readyLine) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!readyLine.isDone() && line.startsWith("{")) {
                    parseReadyLine(line, readyLine);
                } else {
                    LOG.log(System.Logger.Level.DEBUG, "localnet: {0}", line);
                }
            }
        } catch (IOException e) {
            readyLine.completeExceptionally(new UncheckedIOException(e));
        }
    }

    private static void parseReadyLine(String line, CompletableFuture<ReadyLine> readyLine) {
        try {
            JsonNode node = JSON.readTree(line);
            String rpc = node.path("rpc").asText("");
            String mint = node.path("mint").asText("");
            String faucet = node.path("faucet").asText("");
            if (rpc.isEmpty() || mint.isEmpty() || faucet.isEmpty()) {
                readyLine.completeExceptionally(new LocalnetException("ready line lacks rpc/mint/faucet: " + line));
            } else {
                readyLine.complete(new ReadyLine(rpc, mint, faucet));
            }
        } catch (JsonProcessingException e) {
            readyLine.completeExceptionally(new LocalnetException("unreadable ready line: " + line, e));
        }
    }

    private static void drainStderr(InputStream stream, Deque<String> tail) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.log(System.Logger.Level.DEBUG, "localnet: {0}", line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > STDERR_TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "localnet stderr closed", e);
        }
    }

    private static String snapshot(Deque<String> tail) {
        synchronized (tail) {
            return tail.isEmpty() ? "(none)" : String.join("\n", tail);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
