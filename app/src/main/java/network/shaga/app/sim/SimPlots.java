package network.shaga.app.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws the simulator's benchmark plots as PNG with Java2D (headless): how lookup latency,
 * storage and traffic per node grow with the network, the fault matrix, and recovery after faults.
 */
public final class SimPlots {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};
    private static final int PANEL_W = 620;
    private static final int PANEL_H = 400;

    private SimPlots() {}

    /** A named line of (x, y) points. */
    public record Series(String name, List<double[]> points) {}

    /**
     * Writes {@code sim-growth.png} from churn reports without a fault at several sizes, {@code sim-faults.png}
     * and {@code sim-recovery.png} from fault matrices and churn reports with a fault, and {@code sim-dir-growth.png}
     * from directory reports at several sizes; returns the files written.
     */
    public static List<Path> write(List<JsonNode> reports, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<JsonNode> growth = new ArrayList<>();
        List<JsonNode> cells = new ArrayList<>();
        List<JsonNode> directory = new ArrayList<>();
        for (JsonNode r : reports) {
            if ("directory".equals(r.path("scenario").asText())) {
                directory.add(r);
            } else if ("fault-matrix".equals(r.path("mode").asText())) {
                r.path("cells").forEach(cells::add);
            } else if ("churn".equals(r.path("mode").asText())) {
                (r.has("fault") ? cells : growth).add(r);
            } else {
                throw new IllegalArgumentException("not a churn report, fault matrix or directory report: "
                        + r.path("mode").asText("(no mode)"));
            }
        }
        List<Path> written = new ArrayList<>();
        if (!growth.isEmpty()) {
            written.add(growth(growth, dir.resolve("sim-growth.png")));
        }
        if (!cells.isEmpty()) {
            written.add(faults(cells, dir.resolve("sim-faults.png")));
            written.add(recovery(cells, dir.resolve("sim-recovery.png")));
        }
        if (!directory.isEmpty()) {
            written.add(directoryGrowth(directory, dir.resolve("sim-dir-growth.png")));
        }
        return written;
    }

    /** The directory flows at several sizes: flow times, what searches find, storage and traffic per node. */
    private static Path directoryGrowth(List<JsonNode> runs, Path file) throws IOException {
        runs.sort(Comparator.comparingInt(r -> r.path("nodes").asInt()));
        BufferedImage image = canvas(3 * PANEL_W, 2 * PANEL_H);
        Graphics2D g = image.createGraphics();
        setup(g);
        lines(g, new Rectangle(0, 0, PANEL_W, PANEL_H), "Seen by a player: F1 register, F3 status, F5 deregister", "nodes", "ms", List.of(
                series(runs, "F1 p50", r -> r.path("register_visible_ms").path("p50").asDouble()),
                series(runs, "F1 p95", r -> r.path("register_visible_ms").path("p95").asDouble()),
                series(runs, "F3 p50", r -> r.path("status_visible_ms").path("p50").asDouble()),
                series(runs, "F5 p50", r -> r.path("deregister_visible_ms").path("p50").asDouble()),
                series(runs, "F5 p95", r -> r.path("deregister_visible_ms").path("p95").asDouble())));
        lines(g, new Rectangle(PANEL_W, 0, PANEL_W, PANEL_H), "F2 search p50; F4 shown offline p50, unindexed max", "nodes", "s", List.of(
                series(runs, "F2 p50", r -> r.path("query_ms").path("p50").asDouble() / 1000),
                series(runs, "F4 p50", r -> r.path("offline_detect_s").path("p50").asDouble()),
                series(runs, "F4 index", r -> r.path("index_gone_s").path("max").asDouble())));
        lines(g, new Rectangle(2 * PANEL_W, 0, PANEL_W, PANEL_H), "F2: hosts a continent search finds", "nodes", "%", List.of(
                series(runs, "in 2 s", r -> r.path("hosts_found_ratio").asDouble() * 100),
                series(runs, "at the end", r -> r.path("hosts_found_ratio_complete").asDouble() * 100)));
        lines(g, new Rectangle(0, PANEL_H, PANEL_W, PANEL_H), "Storage per node (records + index entries)", "nodes", "entries", List.of(
                series(runs, "mean", r -> r.path("storage_per_node").path("total").path("mean").asDouble()),
                series(runs, "p99", r -> r.path("storage_per_node").path("total").path("p99").asDouble()),
                series(runs, "max", r -> r.path("storage_per_node").path("total").path("max").asDouble())));
        lines(g, new Rectangle(PANEL_W, PANEL_H, PANEL_W, PANEL_H), "Traffic per node (sent + received)", "nodes", "packets / min", List.of(
                series(runs, "host", r -> r.path("traffic_per_node_per_min").path("host").path("packets").path("mean").asDouble()),
                series(runs, "host p99", r -> r.path("traffic_per_node_per_min").path("host").path("packets").path("p99").asDouble()),
                series(runs, "other", r -> r.path("traffic_per_node_per_min").path("other").path("packets").path("mean").asDouble()),
                series(runs, "other p99", r -> r.path("traffic_per_node_per_min").path("other").path("packets").path("p99").asDouble())));
        lines(g, new Rectangle(2 * PANEL_W, PANEL_H, PANEL_W, PANEL_H), "Traffic per node (sent + received)", "nodes", "kB / min", List.of(
                series(runs, "host", r -> r.path("traffic_per_node_per_min").path("host").path("kb").path("mean").asDouble()),
                series(runs, "other", r -> r.path("traffic_per_node_per_min").path("other").path("kb").path("mean").asDouble())));
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static Path growth(List<JsonNode> runs, Path file) throws IOException {
        runs.sort(Comparator.comparingInt(r -> r.path("nodes").asInt()));
        BufferedImage image = canvas(2 * PANEL_W, 2 * PANEL_H);
        Graphics2D g = image.createGraphics();
        setup(g);
        lines(g, new Rectangle(0, 0, PANEL_W, PANEL_H), "Lookup latency (mutable get, virtual)", "nodes", "ms", List.of(
                series(runs, "p50", r -> r.path("lookup_ms").path("p50").asDouble()),
                series(runs, "p95", r -> r.path("lookup_ms").path("p95").asDouble()),
                series(runs, "p99", r -> r.path("lookup_ms").path("p99").asDouble())));
        lines(g, new Rectangle(PANEL_W, 0, PANEL_W, PANEL_H), "Storage per node (items + peer entries)", "nodes", "entries", List.of(
                series(runs, "mean", r -> r.path("storage_per_node").path("total").path("mean").asDouble()),
                series(runs, "p99", r -> r.path("storage_per_node").path("total").path("p99").asDouble()),
                series(runs, "max", r -> r.path("storage_per_node").path("total").path("max").asDouble())));
        lines(g, new Rectangle(0, PANEL_H, PANEL_W, PANEL_H), "Traffic per node (sent + received)", "nodes", "packets / min", List.of(
                series(runs, "mean", r -> r.path("traffic_per_node_min").path("packets").path("mean").asDouble()),
                series(runs, "p99", r -> r.path("traffic_per_node_min").path("packets").path("p99").asDouble())));
        lines(g, new Rectangle(PANEL_W, PANEL_H, PANEL_W, PANEL_H), "Traffic per node (sent + received)", "nodes", "kB / min", List.of(
                series(runs, "mean", r -> r.path("traffic_per_node_min").path("bytes").path("mean").asDouble() / 1000),
                series(runs, "p99", r -> r.path("traffic_per_node_min").path("bytes").path("p99").asDouble() / 1000)));
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static Series series(List<JsonNode> runs, String name, ToDoubleFunction<JsonNode> y) {
        List<double[]> points = new ArrayList<>();
        for (JsonNode r : runs) {
            points.add(new double[] {r.path("nodes").asDouble(), y.applyAsDouble(r)});
        }
        return new Series(name, points);
    }

    private static Path faults(List<JsonNode> cells, Path file) throws IOException {
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (JsonNode c : cells) {
            JsonNode fault = c.path("fault");
            boolean hasFault = !fault.isMissingNode();
            names.add(name(c));
            values.add(new double[] {
                hasFault ? fault.path("success_rate").asDouble() : c.path("success_rate").asDouble(),
                hasFault ? fault.path("survival").asDouble() : c.path("items_retrievable").asDouble()});
        }
        int width = Math.max(PANEL_W, 170 * names.size());
        BufferedImage image = canvas(width, PANEL_H + 60);
        Graphics2D g = image.createGraphics();
        setup(g);
        bars(g, new Rectangle(0, 0, width, PANEL_H + 60), "Faults: gets right after the fault (loss: during the run), items found at the end",
                names, List.of("success", "survival"), values);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    private static Path recovery(List<JsonNode> cells, Path file) throws IOException {
        List<Series> curves = new ArrayList<>();
        for (JsonNode c : cells) {
            JsonNode curve = c.path("fault").path("curve");
            if (curve.isArray() && curve.size() > 0) {
                List<double[]> points = new ArrayList<>();
                curve.forEach(p -> points.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble() * 100}));
                curves.add(new Series(name(c), points));
            }
        }
        BufferedImage image = canvas(PANEL_W + 300, PANEL_H);
        Graphics2D g = image.createGraphics();
        setup(g);
        linesLinear(g, new Rectangle(0, 0, PANEL_W + 300, PANEL_H), "Recovery: gets that succeed after a kill / after the heal",
                "seconds after the kill or the heal", "% found", curves);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** A matrix cell's name, or a single run's fault label, with the network size. */
    private static String name(JsonNode c) {
        String name = c.has("cell") ? c.path("cell").asText() : c.path("fault").path("label").asText(c.path("mode").asText());
        return name.replaceFirst("partition (\\d+)/(\\d+), heal after (\\d+) s", "cut $1/$2 for $3 s") + " (" + c.path("nodes").asInt() + ")";
    }

    // ---------------------------------------------------------------- drawing

    private static BufferedImage canvas(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return image;
    }

    private static void setup(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    /** A line chart with a logarithmic x axis (network sizes). */
    private static void lines(Graphics2D g, Rectangle box, String title, String xLabel, String yLabel, List<Series> series) {
        draw(g, box, title, xLabel, yLabel, series, true);
    }

    private static void linesLinear(Graphics2D g, Rectangle box, String title, String xLabel, String yLabel, List<Series> series) {
        draw(g, box, title, xLabel, yLabel, series, false);
    }

    private static void draw(Graphics2D g, Rectangle box, String title, String xLabel, String yLabel, List<Series> series, boolean logX) {
        Rectangle plot = new Rectangle(box.x + 70, box.y + 50, box.width - 100 - (logX ? 0 : 260), box.height - 105);
        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMax = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                xMin = Math.min(xMin, p[0]);
                xMax = Math.max(xMax, p[0]);
                yMax = Math.max(yMax, p[1]);
            }
        }
        if (xMin == Double.MAX_VALUE) {
            xMin = 0;
            xMax = 1;
        }
        Axis x = logX ? Axis.log(xMin, xMax) : Axis.linear(Math.min(0, xMin), xMax);
        Axis y = Axis.linear(0, yMax <= 0 ? 1 : yMax * 1.1);
        frame(g, box, plot, title, xLabel, yLabel, x, y);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            g.setColor(PALETTE[i % PALETTE.length]);
            g.setStroke(new BasicStroke(2f));
            int[] px = new int[s.points().size()];
            int[] py = new int[s.points().size()];
            for (int j = 0; j < px.length; j++) {
                px[j] = plot.x + (int) Math.round(x.fraction(s.points().get(j)[0]) * plot.width);
                py[j] = plot.y + plot.height - (int) Math.round(y.fraction(s.points().get(j)[1]) * plot.height);
                if (px.length <= 60) {
                    g.fillOval(px[j] - 4, py[j] - 4, 8, 8);
                }
            }
            g.drawPolyline(px, py, px.length);
            // Legend: a row above the plot for the growth panels, a column right of it otherwise.
            int lx = logX ? plot.x + 60 + 90 * i : plot.x + plot.width + 15;
            int ly = logX ? plot.y - 8 : plot.y + 8 + 18 * i;
            g.fillRect(lx, ly - 6, 14, 4);
            g.setColor(Color.DARK_GRAY);
            g.drawString(s.name(), lx + 20, ly);
        }
    }

    private static void bars(Graphics2D g, Rectangle box, String title, List<String> groups, List<String> names, List<double[]> values) {
        Rectangle plot = new Rectangle(box.x + 70, box.y + 50, box.width - 100, box.height - 130);
        Axis y = Axis.linear(0, 1.05);
        frame(g, box, plot, title, "", "fraction", null, y);
        double slot = (double) plot.width / Math.max(1, groups.size());
        double barW = slot * 0.7 / names.size();
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < groups.size(); i++) {
            for (int j = 0; j < names.size(); j++) {
                double v = values.get(i)[j];
                int h = (int) Math.round(y.fraction(v) * plot.height);
                int bx = plot.x + (int) Math.round(i * slot + slot * 0.15 + j * barW);
                g.setColor(PALETTE[j % PALETTE.length]);
                g.fillRect(bx, plot.y + plot.height - h, (int) barW - 2, h);
                g.setColor(Color.DARK_GRAY);
                String label = String.format(Locale.ROOT, "%.3f", v);
                g.drawString(label, bx + ((int) barW - fm.stringWidth(label)) / 2, plot.y + plot.height - h - 3);
            }
            String group = groups.get(i);
            g.drawString(group, plot.x + (int) Math.round(i * slot + (slot - fm.stringWidth(group)) / 2), plot.y + plot.height + 18);
        }
        for (int j = 0; j < names.size(); j++) {
            g.setColor(PALETTE[j % PALETTE.length]);
            g.fillRect(plot.x + 10 + 110 * j, box.y + box.height - 30, 14, 10);
            g.setColor(Color.DARK_GRAY);
            g.drawString(names.get(j), plot.x + 30 + 110 * j, box.y + box.height - 21);
        }
    }

    private static void frame(Graphics2D g, Rectangle box, Rectangle plot, String title, String xLabel, String yLabel, Axis x, Axis y) {
        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
        g.drawString(title, box.x + 20, box.y + 22);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
        FontMetrics fm = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (double t : y.ticks()) {
            int py = plot.y + plot.height - (int) Math.round(y.fraction(t) * plot.height);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(plot.x, py, plot.x + plot.width, py);
            g.setColor(Color.DARK_GRAY);
            String label = Axis.format(t);
            g.drawString(label, plot.x - 6 - fm.stringWidth(label), py + 4);
        }
        if (x != null) {
            for (double t : x.ticks()) {
                int px = plot.x + (int) Math.round(x.fraction(t) * plot.width);
                g.setColor(new Color(0xe6e6e6));
                g.drawLine(px, plot.y, px, plot.y + plot.height);
                g.setColor(Color.DARK_GRAY);
                String label = Axis.format(t);
                g.drawString(label, px - fm.stringWidth(label) / 2, plot.y + plot.height + 16);
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(plot.x, plot.y, plot.width, plot.height);
        g.drawString(xLabel, plot.x + (plot.width - fm.stringWidth(xLabel)) / 2, plot.y + plot.height + 36);
        g.drawString(yLabel, box.x + 8, plot.y - 8);
    }

    /** Maps values to [0, 1] along an axis and picks its tick marks. */
    private record Axis(double min, double max, boolean log) {
        static Axis linear(double min, double max) {
            return new Axis(min, max == min ? min + 1 : max, false);
        }

        static Axis log(double min, double max) {
            double lo = Math.pow(10, Math.floor(Math.log10(Math.max(1, min))));
            double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(lo * 10, max))));
            return new Axis(lo, hi, true);
        }

        double fraction(double v) {
            if (log) {
                return (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
            }
            return (v - min) / (max - min);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                for (double t = min; t <= max * 1.0001; t *= 10) {
                    ticks.add(t);
                }
                return ticks;
            }
            double raw = (max - min) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw / magnitude < 2 ? 2 * magnitude : raw / magnitude < 5 ? 5 * magnitude : 10 * magnitude;
            for (double t = Math.ceil(min / step) * step; t <= max + 1e-9; t += step) {
                ticks.add(t);
            }
            return ticks;
        }

        static String format(double v) {
            if (v >= 1000 && v == Math.rint(v)) {
                return v >= 1e6 && v % 1e6 == 0 ? (long) (v / 1e6) + "M" : v % 1000 == 0 ? (long) (v / 1000) + "k" : String.valueOf((long) v);
            }
            return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
        }
    }
}
