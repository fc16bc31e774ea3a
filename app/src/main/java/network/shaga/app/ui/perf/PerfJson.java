package network.shaga.app.ui.perf;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The JSON form of the UI measurements, with the field names docs/benchmarks.md quotes. */
public final class PerfJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Frames of a stall's stack kept: enough to reach the app's own code below the toolkit's layout, CSS and list frames. */
    private static final int STACK_FRAMES = 40;

    private PerfJson() {
    }

    /** A UI benchmark result. */
    public static ObjectNode of(UiBench.Result result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("markers", result.settings().markers());
        root.put("seconds", result.settings().duration().toMillis() / 1000.0);
        root.put("window", result.settings().width() + "x" + result.settings().height());
        root.put("zoom", result.settings().smoothZoom() ? "smooth" : "wheel");
        root.put("pipeline", result.pipeline());
        root.put("platform", result.platform());
        root.put("first_frame_ms", result.firstFrameMs());
        root.put("synthetic_world_ms", result.syntheticWorldMs());
        root.put("markers_shown_ms", result.markersShownMs());
        root.put("markers_in_view", result.markersInView());
        root.put("symbols_on_screen", result.symbolsOnScreen());
        root.put("searches", result.searches());
        root.put("frames", result.frames().count());
        root.set("frame_ms", percentiles(result.frames()));
        root.put("fx_cpu_ms_per_frame", result.fxCpuPerFrameMs());
        root.put("render_cpu_ms_per_frame", result.renderCpuPerFrameMs());
        putStalls(root, result.stalls());
        ArrayNode timeline = root.putArray("timeline");
        for (UiBench.Second second : result.timeline()) {
            ObjectNode item = timeline.addObject();
            item.put("s", second.second());
            item.put("frames", second.frames());
            item.put("over_" + Math.round(UiBench.SLOW_FRAME_MS) + "ms", second.slowFrames());
            item.put("fx_cpu_ms", second.fxCpuMs());
            item.put("render_cpu_ms", second.renderCpuMs());
        }
        ObjectNode startup = root.putObject("startup");
        putStalls(startup, result.startupStalls());
        root.set("machine", machine());
        return root;
    }

    /** A watchdog summary of a whole app run on this rendering pipeline and windowing platform. */
    public static ObjectNode of(FxWatchdog.Summary summary, double seconds, String pipeline, String platform) {
        ObjectNode root = JSON.createObjectNode();
        root.put("seconds", Math.round(seconds * 10) / 10.0);
        root.put("pipeline", pipeline);
        root.put("platform", platform);
        putStalls(root, summary);
        root.set("machine", machine());
        return root;
    }

    /** Pretty-printed JSON text. */
    public static String text(ObjectNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static void putStalls(ObjectNode root, FxWatchdog.Summary summary) {
        root.put("fx_probes", summary.waits().count());
        root.set("fx_stall_ms", percentiles(summary.waits()));
        root.put("stalls_over_" + Math.round(summary.stallThresholdMillis()) + "ms", summary.stalls());
        ArrayNode longest = root.putArray("longest_stalls");
        for (FxWatchdog.Stall stall : summary.longest()) {
            ObjectNode item = longest.addObject();
            item.put("at_s", Math.round(stall.atSeconds() * 100) / 100.0);
            item.put("ms", Math.round(stall.millis() * 10) / 10.0);
            if (!stall.samples().isEmpty()) {
                ArrayNode stack = item.putArray("stack");
                stall.samples().get(0).frames().stream().limit(STACK_FRAMES).forEach(stack::add);
                List<String> rendering = stall.samples().get(0).rendererFrames();
                if (!rendering.isEmpty()) {
                    ArrayNode renderer = item.putArray("renderer_stack");
                    rendering.stream().limit(STACK_FRAMES).forEach(renderer::add);
                }
            }
        }
    }

    private static ObjectNode percentiles(Percentiles p) {
        ObjectNode node = JSON.createObjectNode();
        node.put("p50", p.p50());
        node.put("p95", p.p95());
        node.put("p99", p.p99());
        node.put("max", p.max());
        return node;
    }

    private static ObjectNode machine() {
        ObjectNode node = JSON.createObjectNode();
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        node.put("cpus", os.getAvailableProcessors());
        node.put("load_average", Math.round(os.getSystemLoadAverage() * 100) / 100.0);
        node.put("java", System.getProperty("java.runtime.version"));
        node.put("javafx", System.getProperty("javafx.runtime.version", "unknown"));
        return node;
    }
}
