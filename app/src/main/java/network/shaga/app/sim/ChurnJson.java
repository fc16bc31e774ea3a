package network.shaga.app.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import network.shaga.dht.sim.ChurnReport;
import network.shaga.dht.sim.FaultMatrix;

/** The JSON and text forms of churn runs and of the fault matrix, as {@code shaga sim} prints them. */
public final class ChurnJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ChurnJson() {}

    /** One churn run: the window's measurements, then the fault's (if any). */
    public static ObjectNode report(ChurnReport r) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("mode", "churn").put("transport", r.transport()).put("nodes", r.nodes()).put("items", r.items())
                .put("announces", r.announces()).put("loss", r.loss()).put("churn_per_hour", r.churnPerHour())
                .put("sessions", r.sessions()).put("warmup_min", r.warmupMinutes()).put("window_min", r.windowMinutes()).put("put_acks_min", r.putAcksMin());
        latency(out.putObject("lookup_ms"), r.lookup());
        out.put("lookups", r.lookups()).put("success_rate", r.lookupSuccess()).put("nodes_replaced", r.nodesReplaced());
        ObjectNode storage = out.putObject("storage_per_node");
        spread(storage.putObject("items"), r.storage().items());
        spread(storage.putObject("peers"), r.storage().peers());
        spread(storage.putObject("total"), r.storage().total());
        ObjectNode traffic = out.putObject("traffic_per_node_min");
        spread(traffic.putObject("packets"), r.packetsPerNodeMinute());
        spread(traffic.putObject("bytes"), r.bytesPerNodeMinute());
        out.put("items_retrievable", r.itemsRetrievable()).put("peers_retrievable", r.peersRetrievable());
        if (r.fault() != null) {
            ChurnReport.FaultReport f = r.fault();
            ObjectNode fault = out.putObject("fault");
            fault.put("label", f.label()).put("affected", f.affected());
            number(fault, "success_rate", f.success());
            latency(fault.putObject("lookup_ms"), f.latency());
            number(fault, "fallback_success", f.fallbackSuccess());
            number(fault, "same_side_success", f.sameSideSuccess());
            fault.put("survival", f.survivalAfterRecovery()).put("recovery_s", f.recoverySeconds())
                    .put("partitioned_s", f.partitionedSeconds());
            ArrayNode curve = fault.putArray("curve");
            for (ChurnReport.RecoveryPoint p : f.curve()) {
                curve.addArray().add(round(p.seconds())).add(p.success());
            }
        }
        out.put("heap_mb", Math.round(r.heapBytes() / 1048576.0 * 10) / 10.0).put("virtual_min", round(r.virtualMinutes()))
                .put("wall_s", r.wallMillis() / 1000.0);
        return out;
    }

    /** The fault matrix: one report per cell, under its name. */
    public static ObjectNode matrix(List<FaultMatrix.Cell> cells) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("mode", "fault-matrix");
        ArrayNode array = out.putArray("cells");
        for (FaultMatrix.Cell c : cells) {
            array.addObject().put("cell", c.name()).setAll(report(c.report()));
        }
        return out;
    }

    /** The header of {@link #tableRow}. */
    public static String tableHeader() {
        return String.format(Locale.ROOT, "%-34s %8s %10s %10s %9s %9s %9s %10s %10s",
                "fault", "nodes", "success", "p50 ms", "p95 ms", "fallback", "survival", "recovery s", "wall s");
    }

    /** One matrix cell as a table row: the fault's figures, or the window's for a loss run. */
    public static String tableRow(FaultMatrix.Cell c) {
        ChurnReport r = c.report();
        ChurnReport.FaultReport f = r.fault();
        return f == null
                ? String.format(Locale.ROOT, "%-34s %8d %10.4f %10.1f %9.1f %9s %9.4f %10s %10.1f", c.name(), r.nodes(),
                        r.lookupSuccess(), r.lookup().p50(), r.lookup().p95(), "-", r.itemsRetrievable(), "-",
                        r.wallMillis() / 1000.0)
                : String.format(Locale.ROOT, "%-34s %8d %10.4f %10.1f %9.1f %9s %9.4f %10.0f %10.1f", c.name(), r.nodes(),
                        f.success(), f.latency().p50(), f.latency().p95(),
                        Double.isNaN(f.fallbackSuccess()) ? "-" : String.format(Locale.ROOT, "%.4f", f.fallbackSuccess()),
                        f.survivalAfterRecovery(), f.recoverySeconds(), r.wallMillis() / 1000.0);
    }

    /** Reads a file this class wrote (one report or a matrix). */
    public static JsonNode read(java.nio.file.Path file) throws java.io.IOException {
        return MAPPER.readTree(file.toFile());
    }

    private static void latency(ObjectNode o, ChurnReport.Latency l) {
        o.put("p50", round(l.p50())).put("p95", round(l.p95())).put("p99", round(l.p99())).put("max", round(l.max()));
    }

    private static void spread(ObjectNode o, ChurnReport.Spread s) {
        o.put("mean", round(s.mean())).put("p99", round(s.p99())).put("max", round(s.max()));
    }

    /** NaN (a figure that does not apply to this fault) becomes null. */
    private static void number(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
