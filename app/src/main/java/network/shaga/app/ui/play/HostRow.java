package network.shaga.app.ui.play;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import network.shaga.app.directory.HostListing;
import network.shaga.app.directory.HostRecord;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.stream.VideoCodec;
import network.shaga.app.ui.Formats;

/** One host in the Play list: the listing and the values its columns show. */
public record HostRow(HostListing listing) {
    // Compiled once: the list formats these for every visible cell whenever rows change or scroll.
    private static final Pattern GPU_MAKER = Pattern.compile("^(?i)(NVIDIA\\s+)?(GeForce\\s+)?(AMD\\s+)?(Radeon\\s+)?(Intel\\s+)?");
    private static final Pattern CPU_MAKER = Pattern.compile("^(?i)(AMD\\s+)?(Intel\\s+)?(Core\\s+)?");

    public String key() {
        return listing.signed().publicKeyHex();
    }

    public HostRecord record() {
        return listing.record();
    }

    public HostStatus status() {
        return listing.status();
    }

    public String name() {
        return record().name();
    }

    public String region() {
        return Formats.region(record().location());
    }

    /**
     * True when the list may keep showing this row for {@code other}: the same signed record, status and endpoint,
     * and a ping within 1 ms or 10 % of the shown one (a search measures a slightly different round trip every time;
     * a list whose pings flicker on every search reads worse, and costs a re-layout of every row).
     */
    boolean readsLike(HostRow other) {
        HostListing a = listing;
        HostListing b = other.listing;
        double jitter = Math.abs(a.rttMs() - b.rttMs());
        return a.signed().equals(b.signed()) && a.status() == b.status() && a.endpoint().equals(b.endpoint())
                && (jitter <= 1 || jitter <= 0.1 * a.rttMs());
    }

    public double pingMs() {
        return listing.rttMs();
    }

    public String gpu() {
        return record().gpu();
    }

    /** The GPU without its maker's long prefix, for the list: "RTX 4090" rather than "NVIDIA GeForce RTX 4090". */
    public String gpuShort() {
        return GPU_MAKER.matcher(record().gpu()).replaceFirst("");
    }

    public String cpuRam() {
        String cpu = record().cpu();
        return (cpu.isEmpty() ? "" : cpu) + (record().ramGb() > 0 ? " · " + record().ramGb() + " GB" : "");
    }

    /** CPU and memory, shortened for the list. */
    public String cpuRamShort() {
        String cpu = CPU_MAKER.matcher(record().cpu()).replaceFirst("");
        return (cpu.isEmpty() ? "" : cpu) + (record().ramGb() > 0 ? " · " + record().ramGb() + " GB" : "");
    }

    public String codecs() {
        return record().codecs().stream().map(VideoCodec::shortName).collect(Collectors.joining(" "));
    }

    public String maxMode() {
        return record().maxMode();
    }

    public long priceMicro() {
        return record().priceMicroUsdcPerHour();
    }
}
