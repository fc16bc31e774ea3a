package network.shaga.dht.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.imageio.ImageIO;
import network.shaga.dht.bench.BenchResults.NetworkResult;
import network.shaga.dht.bench.BenchResults.OpResult;

/** PNG bar charts of a run with plain Java2D (headless), one per network size. */
final class Plots {
  private static final String[] OPS = {"get", "get_peers", "put", "announce"};
  private static final String[] NETWORKS = {"shaga", "mldht", "bittorrent-dht", "mixed"};
  private static final Color[] COLORS = {
    new Color(0x1b9e77), new Color(0xd95f02), new Color(0x7570b3), new Color(0x999999)
  };
  private static final int WIDTH = 1000;
  private static final int PANEL_HEIGHT = 320;
  private static final int MARGIN_LEFT = 70;
  private static final int MARGIN_TOP = 50;
  private static final int MARGIN_BOTTOM = 40;

  private Plots() {}

  /** Writes {@code side-latency-<nodes>.png} into {@code out} for every size in the results. */
  static void latency(List<NetworkResult> results, Path out) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Integer> sizes = results.stream().map(NetworkResult::nodes).distinct().toList();
    for (int size : sizes) {
      List<NetworkResult> rs = results.stream()
          .filter(r -> r.nodes() == size && r.skipped() == null).toList();
      if (rs.isEmpty()) {
        continue;
      }
      BufferedImage image = new BufferedImage(WIDTH, 2 * (PANEL_HEIGHT + MARGIN_TOP
          + MARGIN_BOTTOM), BufferedImage.TYPE_INT_RGB);
      Graphics2D g = image.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      panel(g, rs, size, false, 0);
      panel(g, rs, size, true, PANEL_HEIGHT + MARGIN_TOP + MARGIN_BOTTOM);
      g.dispose();
      ImageIO.write(image, "png", out.resolve("side-latency-" + size + ".png").toFile());
    }
  }

  /** One panel: log-scale bars of p50 or p99 latency, ops on x, one bar per network. */
  private static void panel(Graphics2D g, List<NetworkResult> rs, int size, boolean p99,
      int top) {
    double max = 1;
    for (NetworkResult r : rs) {
      for (OpResult o : r.ops()) {
        max = Math.max(max, p99 ? o.p99Ms() : o.p50Ms());
      }
    }
    double logMax = Math.ceil(Math.log10(max));
    int x0 = MARGIN_LEFT;
    int y0 = top + MARGIN_TOP + PANEL_HEIGHT;
    int plotWidth = WIDTH - MARGIN_LEFT - 20;
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(String.format(Locale.ROOT, "%s latency, %d-node networks (ms, log scale)",
        p99 ? "p99" : "p50", size), x0, top + 25);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    // Decades from 0.1 ms to the largest value.
    for (int d = -1; d <= logMax; d++) {
      int y = y0 - (int) ((d + 1) / (logMax + 1) * PANEL_HEIGHT);
      g.setColor(new Color(0xdddddd));
      g.drawLine(x0, y, x0 + plotWidth, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(d < 0 ? "0.1" : String.format(Locale.ROOT, "%.0f", Math.pow(10, d)),
          8, y + 4);
    }
    int groupWidth = plotWidth / OPS.length;
    int barWidth = (groupWidth - 30) / NETWORKS.length;
    for (int o = 0; o < OPS.length; o++) {
      int gx = x0 + o * groupWidth + 15;
      g.setColor(Color.BLACK);
      g.drawString(OPS[o], gx + groupWidth / 2 - 30, y0 + 18);
      for (int n = 0; n < NETWORKS.length; n++) {
        String network = NETWORKS[n];
        String op = OPS[o];
        Optional<OpResult> result = rs.stream().filter(r -> r.network().equals(network))
            .findFirst().flatMap(r -> r.op(op));
        if (result.isEmpty()) {
          continue;
        }
        double v = Math.max(0.1, p99 ? result.get().p99Ms() : result.get().p50Ms());
        int h = (int) ((Math.log10(v) + 1) / (logMax + 1) * PANEL_HEIGHT);
        g.setColor(COLORS[n]);
        g.fillRect(gx + n * barWidth, y0 - h, barWidth - 4, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        g.drawString(v >= 100 ? String.format(Locale.ROOT, "%.0f", v)
            : String.format(Locale.ROOT, "%.1f", v), gx + n * barWidth, y0 - h - 3);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      }
    }
    g.setStroke(new BasicStroke(1));
    g.setColor(Color.BLACK);
    g.drawLine(x0, y0, x0 + plotWidth, y0);
    for (int n = 0; n < NETWORKS.length; n++) {
      int lx = WIDTH - 520 + n * 125;
      g.setColor(COLORS[n]);
      g.fillRect(lx, top + 14, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(NETWORKS[n], lx + 16, top + 25);
    }
  }
}
