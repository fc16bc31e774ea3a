package network.shaga.app.stream;

/** Stream settings passed to Moonlight; null fields leave Moonlight's own defaults. */
public record StreamOptions(String app, String resolution, Integer fps, Integer bitrateKbps) {
    public static final String DEFAULT_APP = "Desktop";

    public StreamOptions {
        if (app == null || app.isBlank()) {
            app = DEFAULT_APP;
        }
        if (resolution != null && !resolution.matches("\\d{3,4}x\\d{3,4}")) {
            throw new IllegalArgumentException("resolution must look like 1920x1080, got " + resolution);
        }
        if (fps != null && (fps < 10 || fps > 480)) {
            throw new IllegalArgumentException("fps must be between 10 and 480, got " + fps);
        }
        if (bitrateKbps != null && (bitrateKbps < 500 || bitrateKbps > 500_000)) {
            throw new IllegalArgumentException("bitrate must be between 500 and 500000 kbps, got " + bitrateKbps);
        }
    }

    public static StreamOptions defaults() {
        return new StreamOptions(DEFAULT_APP, null, null, null);
    }
}
