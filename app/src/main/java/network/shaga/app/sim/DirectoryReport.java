package network.shaga.app.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import network.shaga.dht.sim.ChurnReport.Spread;
import network.shaga.dht.sim.ChurnReport.StorageLoad;
import network.shaga.dht.sim.TrafficMeter;

/**
 * What a {@link DirectoryScenario} measured, as the JSON {@code shaga sim --hosts} prints. Times a flow never
 * reached within its limit are counted as misses ({@code *_ratio} below 1), not folded into the percentiles.
 */
public final class DirectoryReport {
    private final ObjectNode json;

    private DirectoryReport(ObjectNode json) {
        this.json = json;
    }

    public ObjectNode json() {
        return json;
    }

    /** The share of the followed hosts a player saw register (1.0 when all did within the limit). */
    public double registerVisibleRatio() {
        return json.get("register_visible_ratio").asDouble();
    }

    public double hostsFoundRatio() {
        return json.get("hosts_found_ratio").asDouble();
    }

    /** One line for people. */
    public String summary() {
        return json.toPrettyString();
    }

    /** Collects samples as the flows run. */
    static final class Builder {
        private final DirectoryScenario s;
        private final List<Double> registerVisible = new ArrayList<>();
        private final List<Double> recordAcks = new ArrayList<>();
        private final List<Double> cellAcksMin = new ArrayList<>();
        private final List<Double> statusVisible = new ArrayList<>();
        private final List<Double> offline = new ArrayList<>();
        private final List<Double> indexGone = new ArrayList<>();
        private final List<Double> deregisterVisible = new ArrayList<>();
        private final List<Double> deregisterAcks = new ArrayList<>();
        private final List<Double> queryMs = new ArrayList<>();
        private long truth;
        private long foundInTime;
        private long foundAtAll;
        private double packetsPerHost;
        private double packetsPerNode;
        private long heapBytes;
        private int threads;
        private long wallMillis;
        private double virtualMinutes;
        private StorageLoad storage;
        private ObjectNode churn;
        private ObjectNode traffic;

        Builder(DirectoryScenario s) {
            this.s = s;
        }

        void registerVisible(double ms) {
            registerVisible.add(ms);
        }

        void registerAcks(int record, int cellsMin) {
            recordAcks.add((double) record);
            cellAcksMin.add((double) cellsMin);
        }

        void query(int truthCount, int inTime, int atAll, double tookMs) {
            truth += truthCount;
            foundInTime += inTime;
            foundAtAll += atAll;
            queryMs.add(tookMs);
        }

        void packets(double perHostPerMinute, double perNodePerMinute) {
            packetsPerHost = perHostPerMinute;
            packetsPerNode = perNodePerMinute;
        }

        void statusVisible(double ms) {
            statusVisible.add(ms);
        }

        void offline(double detectS, double indexGoneS) {
            offline.add(detectS);
            indexGone.add(indexGoneS);
        }

        void deregisterVisible(double ms) {
            deregisterVisible.add(ms);
        }

        void deregisterAcks(int cellsMin) {
            deregisterAcks.add((double) cellsMin);
        }

        /** What the window before the timed flows saw: nodes replaced in it and traffic per node. */
        void window(double minutes, int replaced, TrafficMeter hosts, TrafficMeter others) {
            ObjectNode t = new ObjectMapper().createObjectNode();
            t.put("window_min", round(minutes, 2));
            traffic(t.putObject("host"), hosts);
            traffic(t.putObject("other"), others);
            traffic = t;
            windowReplaced = replaced;
        }

        private int windowReplaced;

        private static void traffic(ObjectNode out, TrafficMeter meter) {
            spread(out.putObject("packets"), meter.packets(), 1);
            Spread bytes = meter.bytes();
            spread(out.putObject("kb"), new Spread(bytes.mean() / 1000, bytes.p99() / 1000, bytes.max() / 1000), 2);
        }

        private static void spread(ObjectNode out, Spread s, int digits) {
            out.put("mean", round(s.mean(), digits)).put("p99", round(s.p99(), digits)).put("max", round(s.max(), digits));
        }

        /** Entries stored per online DHT node once the hosts have registered (after the window, with churn). */
        void storage(StorageLoad v) {
            storage = v;
        }

        /** Churn over the whole run: nodes that could churn, replaced, and what the rate predicts. */
        void churn(String sessions, int churning, int replaced, double expected) {
            churn = new ObjectMapper().createObjectNode();
            churn.put("per_hour", s.churnPerHour()).put("sessions", sessions).put("churning_nodes", churning)
                    .put("hosts_churn", false).put("replaced", replaced).put("replaced_expected", round(expected, 1))
                    .put("replaced_in_window", windowReplaced);
        }

        Builder virtualMinutes(double v) {
            virtualMinutes = v;
            return this;
        }

        Builder heapBytes(long v) {
            heapBytes = v;
            return this;
        }

        Builder threads(int v) {
            threads = v;
            return this;
        }

        Builder wallMillis(long v) {
            wallMillis = v;
            return this;
        }

        DirectoryReport build() {
            ObjectNode out = new ObjectMapper().createObjectNode();
            out.put("scenario", "directory").put("transport", s.transport())
                    .put("latency", s.simulated() ? s.latency() : "loopback").put("loss", s.loss())
                    .put("nodes", s.nodes()).put("hosts", s.hosts()).put("queries", s.queries())
                    .put("heartbeat_s", s.heartbeatSeconds()).put("followed_hosts", s.followed());
            percentiles(out, "register_visible_ms", registerVisible);
            out.put("register_visible_ratio", reached(registerVisible));
            ObjectNode acks = out.putObject("register_acks");
            acks.put("record_p50", percentile(sorted(recordAcks), 0.5)).put("record_min", min(recordAcks))
                    .put("cells_min", min(cellAcksMin));
            percentiles(out, "status_visible_ms", statusVisible);
            out.put("status_visible_ratio", reached(statusVisible));
            percentiles(out, "offline_detect_s", offline);
            percentiles(out, "index_gone_s", indexGone);
            out.put("offline_detect_ratio", reached(offline));
            percentiles(out, "deregister_visible_ms", deregisterVisible);
            out.put("deregister_visible_ratio", reached(deregisterVisible));
            out.put("deregister_acks_min", min(deregisterAcks));
            out.put("hosts_found_ratio", truth == 0 ? 0 : round((double) foundInTime / truth, 4))
                    .put("hosts_found_ratio_complete", truth == 0 ? 0 : round((double) foundAtAll / truth, 4))
                    .put("hosts_in_areas", truth);
            percentiles(out, "query_ms", queryMs);
            out.put("packets_per_host_per_min", round(packetsPerHost, 1))
                    .put("packets_per_node_per_min", round(packetsPerNode, 1))
                    ;
            if (churn != null) {
                out.set("churn", churn);
            }
            if (storage != null) {
                ObjectNode st = out.putObject("storage_per_node");
                spread(st.putObject("items"), storage.items(), 2);
                spread(st.putObject("peers"), storage.peers(), 2);
                spread(st.putObject("total"), storage.total(), 2);
                st.put("max_over_mean", storage.total().mean() == 0 ? 0 : round(storage.total().max() / storage.total().mean(), 1));
            }
            if (traffic != null) {
                out.set("traffic_per_node_per_min", traffic);
            }
            out.put("virtual_min", round(virtualMinutes, 2))
                    .put("heap_mb", round(heapBytes / 1048576.0, 1))
                    .put("threads", threads)
                    .put("wall_s", wallMillis / 1000.0);
            return new DirectoryReport(out);
        }

        private static void percentiles(ObjectNode out, String name, List<Double> samples) {
            double[] reached = sorted(samples);
            out.putObject(name).put("p50", percentile(reached, 0.5)).put("p95", percentile(reached, 0.95))
                    .put("p99", percentile(reached, 0.99)).put("max", reached.length == 0 ? 0 : reached[reached.length - 1])
                    .put("n", reached.length);
        }

        /** Samples that reached their goal (misses are negative), sorted. */
        private static double[] sorted(List<Double> samples) {
            double[] out = samples.stream().mapToDouble(Double::doubleValue).filter(v -> v >= 0).toArray();
            Arrays.sort(out);
            return out;
        }

        private static double reached(List<Double> samples) {
            return samples.isEmpty() ? 0 : round((double) sorted(samples).length / samples.size(), 4);
        }

        private static double percentile(double[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return round(sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)], 3);
        }

        private static double min(List<Double> samples) {
            return samples.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }

        private static double round(double v, int digits) {
            double scale = Math.pow(10, digits);
            return Math.round(v * scale) / scale;
        }
    }
}
