package network.shaga.app.stream;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Video codecs a Sunshine host can encode, decoded from its {@code ServerCodecModeSupport} bits. */
public enum VideoCodec {
    H264(0x1),
    HEVC(0x100),
    HEVC_MAIN10(0x200),
    AV1(0x10000),
    AV1_MAIN10(0x20000);

    private final int bit;

    VideoCodec(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    /** The codecs whose bit is set in a {@code ServerCodecModeSupport} value. */
    public static Set<VideoCodec> fromModeSupport(long bits) {
        EnumSet<VideoCodec> codecs = EnumSet.noneOf(VideoCodec.class);
        for (VideoCodec codec : values()) {
            if ((bits & codec.bit) != 0) {
                codecs.add(codec);
            }
        }
        return codecs;
    }

    /** The short name used in host records and the UI, e.g. {@code hevc10}. */
    public String shortName() {
        return switch (this) {
            case H264 -> "h264";
            case HEVC -> "hevc";
            case HEVC_MAIN10 -> "hevc10";
            case AV1 -> "av1";
            case AV1_MAIN10 -> "av1-10";
        };
    }

    public static VideoCodec fromShortName(String name) {
        for (VideoCodec codec : values()) {
            if (codec.shortName().equals(name.toLowerCase(Locale.ROOT))) {
                return codec;
            }
        }
        throw new IllegalArgumentException("unknown codec: " + name);
    }
}
