package network.shaga.app.cli;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import network.shaga.app.ui.perf.PerfJson;
import network.shaga.app.ui.perf.UiBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga bench-ui}: the desktop app's Play screen over many synthetic hosts, panned and zoomed, with frame times and FX stalls. */
@Command(name = "bench-ui", mixinStandardHelpOptions = true,
        description = {"Open the Play screen in a window over N synthetic hosts and measure the cold start to the first map frame.",
            "Then pan and zoom along a fixed path and report frame times and JavaFX-thread stalls (docs/benchmarks.md)."})
final class BenchUiCommand implements Callable<Integer> {
    @ParentCommand
    ShagaCommand root;

    @Option(names = "--markers", paramLabel = "N", defaultValue = "1000", description = "Synthetic hosts (default: ${DEFAULT-VALUE}).")
    int markers;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20", description = "How long to pan and zoom (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1", description = "Seed of the synthetic world (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--window", paramLabel = "WxH", defaultValue = "1440x900", description = "Window size (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--smooth-zoom", description = {"Zoom continuously through fractional levels (every tile scaled on every frame) instead of",
        "by whole levels as the map's wheel, buttons and bubble clicks do."})
    boolean smoothZoom;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String[] size = window.split("x");
        if (size.length != 2 || !size[0].matches("\\d{3,5}") || !size[1].matches("\\d{3,5}")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--window must look like 1440x900");
        }
        UiBench.Settings settings = new UiBench.Settings(markers, Duration.ofMillis(Math.round(seconds * 1000)), seed,
                Integer.parseInt(size[0]), Integer.parseInt(size[1]), smoothZoom);
        Optional<String> problem = GuiLauncher.displayProblem(System.getProperty("os.name", ""), System::getenv,
                "Monocle".equals(System.getProperty("glass.platform")));
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get() + " Under X11 without a desktop: xvfb-run -a -s '-screen 0 1600x1000x24' shaga bench-ui");
        }
        UiBench.startToolkit();
        try {
            UiBench.Result result = UiBench.run(settings);
            root.out().println(json ? PerfJson.text(PerfJson.of(result)) : summary(result));
        } finally {
            UiBench.stopToolkit();
        }
        return ShagaCommand.EXIT_OK;
    }

    private static String summary(UiBench.Result r) {
        return String.format(java.util.Locale.ROOT,
                "%d hosts, %s on %s, %s zoom%n"
                + "first map frame %d ms after JVM start; all %d hosts in view on the map at %d ms (%d ms of it building the hosts)%n"
                + "pan and zoom %.0f s: %d frames, frame time p50 %.1f / p95 %.1f / p99 %.1f / max %.1f ms%n"
                + "CPU per frame: FX thread %.2f ms, render thread %.2f ms%n"
                + "FX thread wait p99 %.1f / max %.1f ms, %d stalls over %.0f ms (start-up: max %.1f ms, %d stalls)",
                r.settings().markers(), r.pipeline(), r.platform(), r.settings().smoothZoom() ? "smooth" : "wheel", r.firstFrameMs(), r.markersInView(), r.markersShownMs(), r.syntheticWorldMs(),
                r.settings().duration().toMillis() / 1000.0, r.frames().count(), r.frames().p50(), r.frames().p95(), r.frames().p99(),
                r.frames().max(), r.fxCpuPerFrameMs(), r.renderCpuPerFrameMs(), r.stalls().waits().p99(), r.stalls().waits().max(), r.stalls().stalls(), r.stalls().stallThresholdMillis(),
                r.startupStalls().waits().max(), r.startupStalls().stalls());
    }
}
