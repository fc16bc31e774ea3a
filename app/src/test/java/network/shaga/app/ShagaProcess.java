package network.shaga.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** {@code shaga} in a JVM of its own, for tests of what a real process does: its output line by line, SIGTERM, kill -9. */
public final class ShagaProcess implements AutoCloseable {
    private static final String EOF = "<eof>";

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ShagaProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
            lines.add(EOF);
        }, "shaga-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code shaga ARGS} with the test's classpath and extra environment variables; stderr joins stdout. */
    public static ShagaProcess start(List<String> args, Map<String, String> environment) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ShagaProcess(builder.start());
    }

    /** Waits for the next line starting with {@code prefix}; fails with everything seen meanwhile. */
    public String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        return awaitLine(lines, prefix, timeout);
    }

    /** The same, over any queue of output lines that ends with {@code <eof>} when its source does. */
    public static String awaitLine(BlockingQueue<String> lines, String prefix, Duration timeout) throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                return line;
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                break;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "'; output was:\n" + seen);
    }

    /** SIGTERM, keeping our end of its output open (Process.destroy would close it). */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** kill -9: no goodbye, no cleanup. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
