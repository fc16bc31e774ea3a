import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Renders the bundled basemap: 256 px Web-Mercator tiles {z}/{x}/{y}.png for zoom 0-4 from the
 * shapes written by export-shapes.mjs, in the app's dark style, as 8-bit palette PNGs.
 *
 * <p>Run as a single-file program: {@code java RenderTiles.java SHAPES OUT_DIR}. The output is
 * byte-for-byte reproducible for the same input and JDK.
 */
public final class RenderTiles {
    static final int TILE = 256;
    static final int MAX_ZOOM = 4;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java RenderTiles.java SHAPES_TXT OUT_DIR");
            System.exit(2);
        }
        Shapes shapes = Shapes.read(Path.of(args[0]));
        Path out = Path.of(args[1]);
        Map<String, BufferedImage> tiles = new HashMap<>();
        for (int z = 0; z <= MAX_ZOOM; z++) {
            Renderer renderer = new Renderer(shapes, z);
            for (int x = 0; x < 1 << z; x++) {
                for (int y = 0; y < 1 << z; y++) {
                    tiles.put(z + "/" + x + "/" + y, renderer.tile(x, y));
                }
            }
        }
        Palette palette = Palette.of(tiles.values());
        long bytes = 0;
        for (var entry : tiles.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            Path file = out.resolve(entry.getKey() + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(palette.indexed(entry.getValue()), "png", file.toFile());
            bytes += Files.size(file);
        }
        System.out.printf("wrote %d tiles, %d bytes, to %s%n", tiles.size(), bytes, out);
    }

    /** The dark game-map style; every colour the tiles may contain derives from these. */
    static final class Style {
        static final Color OCEAN = new Color(0x0b1119);
        static final Color GRATICULE = new Color(0x131c28);
        static final Color LAND = new Color(0x1d2735);
        static final Color COAST_GLOW = new Color(0x2e7d9a);
        static final Color COAST = new Color(0x3b5670);
        static final Color BORDER = new Color(0x334357);

        static int graticuleStepDegrees(int zoom) {
            return zoom <= 1 ? 30 : zoom <= 3 ? 15 : 10;
        }

        static float lineWidth(int zoom) {
            return 0.6f + 0.12f * zoom;
        }
    }

    /**
     * Land and border outlines in world coordinates (Web-Mercator, 0..1 on both axes; x may run
     * past 0..1 where a shape crosses the antimeridian, see {@link #add}).
     *
     * @param landFill    land rings, closed, filled even-odd
     * @param landOutline the same rings as open lines without their pole edges, for the coast stroke
     * @param borders     country borders
     */
    record Shapes(Path2D.Double landFill, Path2D.Double landOutline, Path2D.Double borders) {
        static final double MAX_LATITUDE = 85.0511287798;

        static Shapes read(Path file) throws IOException {
            Shapes shapes = new Shapes(new Path2D.Double(Path2D.WIND_EVEN_ODD), new Path2D.Double(), new Path2D.Double());
            for (String row : Files.readAllLines(file)) {
                if (row.isBlank()) {
                    continue;
                }
                String[] parts = row.split(" ");
                double[] lon = new double[parts.length - 1];
                double[] lat = new double[parts.length - 1];
                for (int i = 1; i < parts.length; i++) {
                    String[] lonLat = parts[i].split(",");
                    lon[i - 1] = Double.parseDouble(lonLat[0]);
                    lat[i - 1] = Double.parseDouble(lonLat[1]);
                }
                switch (parts[0]) {
                    case "land" -> shapes.addLand(lon, lat);
                    case "border" -> shapes.add(shapes.borders, lon, lat, false, false);
                    default -> throw new IllegalArgumentException("unknown shape kind: " + parts[0]);
                }
            }
            return shapes;
        }

        private void addLand(double[] lon, double[] lat) {
            add(landFill, lon, lat, true, false);
            add(landOutline, lon, lat, false, true);
        }

        /**
         * world-atlas 2 stitches shapes across the antimeridian (it targets spherical renderers),
         * so a ring may jump from +180 to -180. Longitudes are unwrapped to a continuous line and
         * the shape is added three times, one world apart, so whatever part lies past ±180
         * reappears on the other side. A ring that circles a pole (Antarctica) is closed along it.
         */
        private void add(Path2D.Double path, double[] lon, double[] lat, boolean close, boolean skipPoleEdges) {
            double[] unwrapped = lon.clone();
            for (int i = 1; i < unwrapped.length; i++) {
                double step = lon[i] - lon[i - 1];
                unwrapped[i] = unwrapped[i - 1] + step - 360.0 * Math.round(step / 360.0);
            }
            for (int shift = -1; shift <= 1; shift++) {
                double offset = 360.0 * shift;
                boolean penDown = false;
                for (int i = 0; i < unwrapped.length; i++) {
                    double x = mercatorX(unwrapped[i] + offset);
                    double y = mercatorY(lat[i]);
                    boolean poleEdge = i > 0 && Math.abs(lat[i]) >= MAX_LATITUDE && Math.abs(lat[i - 1]) >= MAX_LATITUDE;
                    if (!penDown || (skipPoleEdges && poleEdge)) {
                        path.moveTo(x, y);
                        penDown = true;
                    } else {
                        path.lineTo(x, y);
                    }
                }
                if (close) {
                    double wind = unwrapped[unwrapped.length - 1] - unwrapped[0];
                    if (Math.abs(wind) > 180.0) {
                        double pole = averageLatitude(lat) < 0 ? 1.0 : 0.0;
                        path.lineTo(mercatorX(unwrapped[unwrapped.length - 1] + offset), pole);
                        path.lineTo(mercatorX(unwrapped[0] + offset), pole);
                    }
                    path.closePath();
                }
            }
        }

        private static double averageLatitude(double[] lat) {
            return Arrays.stream(lat).average().orElse(0.0);
        }

        static double mercatorX(double lon) {
            return (lon + 180.0) / 360.0;
        }

        static double mercatorY(double lat) {
            // Web-Mercator stops at ±85.0511°, where the world is square; Antarctica is clamped to it.
            double clamped = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
            double phi = Math.toRadians(clamped);
            return (1.0 - Math.log(Math.tan(phi) + 1.0 / Math.cos(phi)) / Math.PI) / 2.0;
        }
    }

    /** Draws the tiles of one zoom level; shapes are projected to that level's pixels once. */
    static final class Renderer {
        private final int zoom;
        private final Shape landFill;
        private final Shape landOutline;
        private final Shape borders;
        private final Path2D.Double graticule = new Path2D.Double();

        Renderer(Shapes shapes, int zoom) {
            this.zoom = zoom;
            double size = (double) TILE * (1 << zoom);
            AffineTransform toPixels = AffineTransform.getScaleInstance(size, size);
            landFill = toPixels.createTransformedShape(shapes.landFill());
            landOutline = toPixels.createTransformedShape(shapes.landOutline());
            borders = toPixels.createTransformedShape(shapes.borders());
            int step = Style.graticuleStepDegrees(zoom);
            for (int lon = -180; lon <= 180; lon += step) {
                graticule.moveTo(Shapes.mercatorX(lon) * size, 0);
                graticule.lineTo(Shapes.mercatorX(lon) * size, size);
            }
            for (int lat = -90 + step; lat < 90; lat += step) {
                graticule.moveTo(0, Shapes.mercatorY(lat) * size);
                graticule.lineTo(size, Shapes.mercatorY(lat) * size);
            }
        }

        BufferedImage tile(int x, int y) {
            BufferedImage image = new BufferedImage(TILE, TILE, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Style.OCEAN);
            g.fillRect(0, 0, TILE, TILE);
            g.translate(-x * TILE, -y * TILE);
            float width = Style.lineWidth(zoom);

            g.setColor(Style.GRATICULE);
            g.setStroke(new BasicStroke(1f));
            g.draw(graticule);

            // A soft glow along the coasts, then the land on top of its inner half.
            g.setColor(new Color(Style.COAST_GLOW.getRed(), Style.COAST_GLOW.getGreen(), Style.COAST_GLOW.getBlue(), 40));
            g.setStroke(new BasicStroke(width * 5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(landOutline);
            g.setColor(Style.LAND);
            g.fill(landFill);
            g.setColor(Style.COAST);
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(landOutline);

            if (zoom >= 1) {
                g.setColor(Style.BORDER);
                g.setStroke(new BasicStroke(width * 0.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(borders);
            }
            g.dispose();
            return image;
        }
    }

    /**
     * One 256-colour palette for all tiles: the most frequent colours, every other colour mapped to
     * its nearest entry. The style has few base colours, so anti-aliased edges lose nothing visible.
     */
    record Palette(int[] rgb) {
        static Palette of(Iterable<BufferedImage> images) {
            Map<Integer, Long> counts = new HashMap<>();
            for (BufferedImage image : images) {
                for (int pixel : pixels(image)) {
                    counts.merge(pixel & 0xffffff, 1L, Long::sum);
                }
            }
            int[] rgb = counts.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(256)
                    .mapToInt(Map.Entry::getKey)
                    .sorted()
                    .toArray();
            return new Palette(rgb);
        }

        BufferedImage indexed(BufferedImage image) {
            byte[] r = new byte[rgb.length];
            byte[] g = new byte[rgb.length];
            byte[] b = new byte[rgb.length];
            for (int i = 0; i < rgb.length; i++) {
                r[i] = (byte) (rgb[i] >> 16);
                g[i] = (byte) (rgb[i] >> 8);
                b[i] = (byte) rgb[i];
            }
            IndexColorModel model = new IndexColorModel(8, rgb.length, r, g, b);
            BufferedImage out = new BufferedImage(TILE, TILE, BufferedImage.TYPE_BYTE_INDEXED, model);
            byte[] target = ((java.awt.image.DataBufferByte) out.getRaster().getDataBuffer()).getData();
            int[] source = pixels(image);
            Map<Integer, Integer> nearest = new HashMap<>();
            for (int i = 0; i < source.length; i++) {
                target[i] = (byte) (int) nearest.computeIfAbsent(source[i] & 0xffffff, this::nearestIndex);
            }
            return out;
        }

        private int nearestIndex(int color) {
            int exact = Arrays.binarySearch(rgb, color);
            if (exact >= 0) {
                return exact;
            }
            return java.util.stream.IntStream.range(0, rgb.length).boxed()
                    .min(Comparator.comparingInt(i -> distance(rgb[i], color)))
                    .orElseThrow();
        }

        private static int distance(int a, int b) {
            int dr = ((a >> 16) & 0xff) - ((b >> 16) & 0xff);
            int dg = ((a >> 8) & 0xff) - ((b >> 8) & 0xff);
            int db = (a & 0xff) - (b & 0xff);
            return dr * dr + dg * dg + db * db;
        }

        private static int[] pixels(BufferedImage image) {
            return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        }
    }

    private RenderTiles() {
    }
}
