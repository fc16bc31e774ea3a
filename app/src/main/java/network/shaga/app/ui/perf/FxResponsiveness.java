package network.shaga.app.ui.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;

/**
 * The FX-thread watchdog over a whole run of the desktop app: started with the window, it also notes the first
 * frames with map tiles and with host markers, and writes a JSON summary when the window closes or the JVM exits
 * (Ctrl-C, SIGTERM). Stalls before the first map frame (class loading, window creation) are reported apart, under
 * {@code startup}; the top-level figures cover the app in use. Asked for with {@code shaga demo --fx-watchdog} or {@code -Dshaga.fxWatchdog=true} (summary in
 * the logs folder) or {@code -Dshaga.fxWatchdog=PATH}.
 */
public final class FxResponsiveness {
    private static final System.Logger LOG = System.getLogger(FxResponsiveness.class.getName());
    /** The system property that turns the watchdog on for any start of the app. */
    public static final String PROPERTY = "shaga.fxWatchdog";

    private final FxWatchdog watchdog;
    private final FirstMapFrame frames;
    private final Path summaryFile;
    private final long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    private final long startedMillis = System.currentTimeMillis();
    private final AtomicBoolean finished = new AtomicBoolean();
    /** The stalls from the window's creation to the first map frame (a wait across it included); the watchdog then starts afresh. */
    private final java.util.concurrent.CompletableFuture<FxWatchdog.Summary> startup = new java.util.concurrent.CompletableFuture<>();

    private final String pipeline = Toolkit.pipeline();
    private final String platform = Toolkit.platform();

    private FxResponsiveness(FxWatchdog watchdog, FirstMapFrame frames, Path summaryFile) {
        this.watchdog = watchdog;
        this.frames = frames;
        this.summaryFile = summaryFile;
        frames.tilesShown().thenAccept(at -> {
            LOG.log(System.Logger.Level.INFO, "first frame with map tiles " + (at - jvmStart) + " ms after the JVM started");
            watchdog.split().thenAccept(startup::complete);
        });
        frames.markersShown().thenAccept(at -> LOG.log(System.Logger.Level.INFO, "first frame with host markers " + (at - jvmStart)
                + " ms after the JVM started"));
    }

    /** A fresh summary file name in {@code logsDir}. */
    public static Path defaultSummaryFile(Path logsDir) {
        return logsDir.resolve("fx-watchdog-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + ".json");
    }

    /** Where {@code -Dshaga.fxWatchdog} asks for the summary, if it does ("true": a fresh file in {@code logsDir}). */
    public static Optional<Path> requestedBySystemProperty(Path logsDir) {
        String value = System.getProperty(PROPERTY, "").trim();
        if (value.isEmpty() || value.equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        return Optional.of(value.equalsIgnoreCase("true") ? defaultSummaryFile(logsDir) : Path.of(value));
    }

    /** Starts watching; call on the FX thread with the window's scene. */
    public static FxResponsiveness start(Scene scene, Path summaryFile) {
        Objects.requireNonNull(summaryFile);
        FxResponsiveness watch = new FxResponsiveness(FxWatchdog.ofFxThread().start(Thread.currentThread()), FirstMapFrame.watch(scene),
                summaryFile);
        Runtime.getRuntime().addShutdownHook(new Thread(watch::finish, "shaga-fx-watchdog-summary"));
        LOG.log(System.Logger.Level.INFO, "watching the JavaFX thread; summary at exit: " + summaryFile);
        return watch;
    }

    /** Stops watching and writes the summary (once; later calls do nothing). */
    public void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        try {
            watchdog.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        var json = PerfJson.of(watchdog.summary(), (System.currentTimeMillis() - startedMillis) / 1000.0, pipeline, platform);
        json.put("ui_started_ms", startedMillis - jvmStart);
        startup.thenAccept(summary -> PerfJson.putStalls(json.putObject("startup"), summary));
        frames.tilesShown().thenAccept(at -> json.put("first_frame_ms", at - jvmStart));
        frames.markersShown().thenAccept(at -> json.put("first_markers_ms", at - jvmStart));
        try {
            Files.createDirectories(summaryFile.toAbsolutePath().getParent());
            Files.writeString(summaryFile, PerfJson.text(json));
            LOG.log(System.Logger.Level.INFO, "FX watchdog summary written to " + summaryFile);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the FX watchdog summary to " + summaryFile, e);
        }
    }
}
