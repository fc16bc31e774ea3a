package network.shaga.app.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Moonlight command line. Only {@code list}'s exit code means something ({@code pair} and
 * {@code stream} exit 0 even when they fail), so pairing is always confirmed with {@link #isPaired}.
 */
public final class Moonlight {
    private static final int MAX_OUTPUT_CHARS = 16 * 1024;

    private final MoonlightInstallation installation;

    public Moonlight(MoonlightInstallation installation) {
        this.installation = installation;
    }

    public MoonlightInstallation installation() {
        return installation;
    }

    /** Runs {@code pair <host> --pin <pin>}, which waits until the host enters the same PIN or gives up. */
    public CommandResult pair(String host, String pin, Duration timeout) throws IOException, InterruptedException {
        if (!pin.matches("\\d{4}")) {
            throw new IllegalArgumentException("a Moonlight PIN has 4 digits");
        }
        return run(timeout, "pair", host, "--pin", pin);
    }

    /** True when Moonlight is paired with the host (its {@code list} command succeeds). */
    public boolean isPaired(String host, Duration timeout) throws IOException, InterruptedException {
        CommandResult result = run(timeout, "list", host);
        return !result.timedOut() && result.exitCode() == 0;
    }

    /** Starts streaming an app from the host; the returned process runs as long as the stream. */
    public Process stream(String host, StreamOptions options) throws IOException {
        List<String> command = new ArrayList<>(installation.command());
        command.add("stream");
        command.add(host);
        command.add(options.app());
        if (options.resolution() != null) {
            command.add("--resolution");
            command.add(options.resolution());
        }
        if (options.fps() != null) {
            command.add("--fps");
            command.add(options.fps().toString());
        }
        if (options.bitrateKbps() != null) {
            command.add("--bitrate");
            command.add(options.bitrateKbps().toString());
        }
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Asks the host to quit the running app. */
    public CommandResult quit(String host, Duration timeout) throws IOException, InterruptedException {
        return run(timeout, "quit", host);
    }

    /** The command line that {@link #pair} runs, for players who want to type it themselves. */
    public String pairCommandLine(String host, String pin) {
        return String.join(" ", installation.command()) + " pair " + host + " --pin " + pin;
    }

    private CommandResult run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(installation.command());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> drain(process.getInputStream(), output), "moonlight-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(2, TimeUnit.SECONDS);
        }
        reader.join(1000);
        String text;
        synchronized (output) {
            text = output.toString();
        }
        return new CommandResult(finished ? process.exitValue() : -1, text, !finished);
    }

    private static void drain(InputStream in, StringBuilder sink) {
        byte[] buffer = new byte[4096];
        try (in) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (sink) {
                    if (sink.length() < MAX_OUTPUT_CHARS) {
                        sink.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException ignored) {
            // The process ended or was killed; what was read so far is kept.
        }
    }

    /** How a Moonlight command ended. */
    public record CommandResult(int exitCode, String output, boolean timedOut) {
    }
}
