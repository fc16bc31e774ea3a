package network.shaga.app.ui.play;

import java.util.stream.Collectors;
import network.shaga.app.directory.HostListing;
import network.shaga.app.directory.HostRecord;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.stream.VideoCodec;
import network.shaga.app.ui.Formats;

/** One host in the Play list: the listing and the values its columns show. */
public record HostRow(HostListing listing) {

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

    public double pingMs() {
        return listing.rttMs();
    }

    public String gpu() {
        return record().gpu();
    }

    /** The GPU without its maker's long prefix, for the list: "RTX 4090" rather than "NVIDIA GeForce RTX 4090". */
    public String gpuShort() {
        return record().gpu().replaceFirst("^(?i)(NVIDIA\\s+)?(GeForce\\s+)?(AMD\\s+)?(Radeon\\s+)?(Intel\\s+)?", "");
    }

    public String cpuRam() {
        String cpu = record().cpu();
        return (cpu.isEmpty() ? "" : cpu) + (record().ramGb() > 0 ? " · " + record().ramGb() + " GB" : "");
    }

    /** CPU and memory, shortened for the list. */
    public String cpuRamShort() {
        String cpu = record().cpu().replaceFirst("^(?i)(AMD\\s+)?(Intel\\s+)?(Core\\s+)?", "");
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
