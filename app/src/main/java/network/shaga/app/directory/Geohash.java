package network.shaga.app.directory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Geohash (base-32, interleaved longitude/latitude bits): encoding, cell bounds, and the cells covering an area. */
public final class Geohash {
    private static final String BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz";
    public static final int MAX_PRECISION = 12;

    private Geohash() {
    }

    public static String encode(double lat, double lon, int precision) {
        checkPrecision(precision);
        GeoPoint.check(lat, lon);
        double latLo = -90, latHi = 90, lonLo = -180, lonHi = 180;
        StringBuilder hash = new StringBuilder(precision);
        boolean evenBit = true;
        int bit = 0;
        int ch = 0;
        while (hash.length() < precision) {
            if (evenBit) {
                double mid = (lonLo + lonHi) / 2;
                if (lon >= mid) {
                    ch = (ch << 1) | 1;
                    lonLo = mid;
                } else {
                    ch <<= 1;
                    lonHi = mid;
                }
            } else {
                double mid = (latLo + latHi) / 2;
                if (lat >= mid) {
                    ch = (ch << 1) | 1;
                    latLo = mid;
                } else {
                    ch <<= 1;
                    latHi = mid;
                }
            }
            evenBit = !evenBit;
            if (++bit == 5) {
                hash.append(BASE32.charAt(ch));
                bit = 0;
                ch = 0;
            }
        }
        return hash.toString();
    }

    /** The area a geohash names. */
    public static GeoBox bounds(String geohash) {
        if (!isValid(geohash)) {
            throw new IllegalArgumentException("not a geohash: " + geohash);
        }
        double latLo = -90, latHi = 90, lonLo = -180, lonHi = 180;
        boolean evenBit = true;
        for (int i = 0; i < geohash.length(); i++) {
            int value = BASE32.indexOf(geohash.charAt(i));
            for (int mask = 16; mask > 0; mask >>= 1) {
                boolean set = (value & mask) != 0;
                if (evenBit) {
                    double mid = (lonLo + lonHi) / 2;
                    if (set) {
                        lonLo = mid;
                    } else {
                        lonHi = mid;
                    }
                } else {
                    double mid = (latLo + latHi) / 2;
                    if (set) {
                        latLo = mid;
                    } else {
                        latHi = mid;
                    }
                }
                evenBit = !evenBit;
            }
        }
        return new GeoBox(latLo, lonLo, latHi, lonHi);
    }

    public static GeoPoint center(String geohash) {
        return bounds(geohash).center();
    }

    public static boolean isValid(String geohash) {
        if (geohash == null || geohash.isEmpty() || geohash.length() > MAX_PRECISION) {
            return false;
        }
        for (int i = 0; i < geohash.length(); i++) {
            if (BASE32.indexOf(geohash.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The geohash cells of a precision that together cover an area (crossing the antimeridian if the box does), in
     * row order from the south-west; at most {@code limit} cells, else an exception: callers pick a coarser precision.
     */
    public static List<String> cover(GeoBox box, int precision, int limit) {
        checkPrecision(precision);
        GeoBox cell = bounds(encode(0, 0, precision));
        double cellHeight = cell.north() - cell.south();
        double cellWidth = cell.east() - cell.west();
        Set<String> cells = new LinkedHashSet<>();
        double north = Math.min(box.north(), 90 - 1e-9);
        for (double lat = box.south(); ; lat += cellHeight) {
            double rowLat = Math.min(lat, north);
            for (double[] span : box.longitudeSpans()) {
                double east = Math.min(span[1], 180 - 1e-9);
                for (double lon = span[0]; ; lon += cellWidth) {
                    cells.add(encode(rowLat, Math.min(lon, east), precision));
                    if (cells.size() > limit) {
                        throw new IllegalArgumentException("the area needs more than " + limit + " cells at precision " + precision);
                    }
                    if (lon >= east) {
                        break;
                    }
                }
            }
            if (rowLat >= north) {
                break;
            }
        }
        return new ArrayList<>(cells);
    }

    private static void checkPrecision(int precision) {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new IllegalArgumentException("geohash precision must be 1.." + MAX_PRECISION + ", got " + precision);
        }
    }
}
