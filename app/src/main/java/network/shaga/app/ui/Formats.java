package network.shaga.app.ui;

import java.util.Locale;
import network.shaga.app.directory.GeoPoint;

/** How numbers look in the UI: money, ping, distances and places. */
public final class Formats {
    private Formats() {
    }

    public static String usdc(long micro) {
        return String.format(Locale.ROOT, "%,.2f USDC", micro / 1e6);
    }


    public static String sol(long lamports) {
        return String.format(Locale.ROOT, "%,.6f SOL", lamports / 1e9);
    }

    /**
     * A round-trip time: one decimal under 10 ms, whole milliseconds above. Without String.format, which builds new
     * DecimalFormatSymbols per call on JDK 17: the host list formats every visible ping on each update.
     */
    public static String ping(double ms) {
        if (ms < 0 || Double.isNaN(ms)) {
            return "—";
        }
        long tenths = Math.round(ms * 10);
        return ms < 10 ? tenths / 10 + "." + tenths % 10 + " ms" : Math.round(ms) + " ms";
    }



    /** A coarse region name for a position: enough to tell a player where a host is at a glance. */
    public static String region(GeoPoint p) {
        double lat = p.lat();
        double lon = p.lon();
        if (lat > 35 && lon > -25 && lon < 45) {
            return "Europe";
        }
        if (lat > 12 && lon < -50) {
            return "North America";
        }
        if (lat <= 12 && lon < -30) {
            return "South America";
        }
        if (lat < 38 && lat > -36 && lon >= -20 && lon < 52) {
            return lat > 12 && lon > 34 ? "Middle East" : "Africa";
        }
        if (lat < -10 && lon > 110) {
            return "Oceania";
        }
        return "Asia";
    }

    /** What went wrong, for the user: the first message found through the wrappers async work adds. */
    public static String problem(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && (cause.getMessage() == null || cause instanceof java.util.concurrent.CompletionException)) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
