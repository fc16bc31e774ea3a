package network.shaga.app.directory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import network.shaga.app.stream.VideoCodec;
import network.shaga.dht.Bencode;
import network.shaga.dht.BencodeException;

/**
 * What a host publishes about itself: the value {@code v} of its BEP 44 mutable item (DESIGN.md §4), without the
 * signature envelope. {@link #encode()} and {@link #decode(byte[])} are exact inverses for valid records.
 */
public record HostRecord(
        HostStatus status,
        InetSocketAddress api,
        String geohash,
        String name,
        String gpu,
        String cpu,
        int ramGb,
        long codecBits,
        String maxMode,
        long priceMicroUsdcPerHour,
        String network,
        long timestamp,
        int heartbeatSeconds) {

    /** BEP 44's limit on {@code v}. */
    public static final int MAX_VALUE_BYTES = 1000;
    public static final int GEOHASH_PRECISION = 5;
    public static final int MAX_NAME_CHARS = 32;
    public static final int MAX_HARDWARE_CHARS = 64;
    public static final int MAX_MODE_CHARS = 16;
    private static final Set<String> NETWORKS = Set.of("mainnet-beta", "devnet", "localnet");

    public HostRecord {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(api, "api");
        if (api.getAddress() == null || api.getPort() < 1 || api.getPort() > 65535) {
            throw new IllegalArgumentException("the host API endpoint needs an IP address and a port 1-65535");
        }
        if (!Geohash.isValid(geohash) || geohash.length() != GEOHASH_PRECISION) {
            throw new IllegalArgumentException("geohash must have " + GEOHASH_PRECISION + " characters, got " + geohash);
        }
        name = limit(name, MAX_NAME_CHARS, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a host needs a name");
        }
        gpu = limit(gpu, MAX_HARDWARE_CHARS, "gpu");
        cpu = limit(cpu, MAX_HARDWARE_CHARS, "cpu");
        maxMode = limit(maxMode, MAX_MODE_CHARS, "max");
        if (ramGb < 0 || ramGb > 1_000_000) {
            throw new IllegalArgumentException("ram must be 0..1000000 GB");
        }
        if (priceMicroUsdcPerHour < 0 || priceMicroUsdcPerHour > 1_000_000_000_000L) {
            throw new IllegalArgumentException("price must be 0..1,000,000 USDC per hour");
        }
        if (!NETWORKS.contains(network)) {
            throw new IllegalArgumentException("network must be one of " + NETWORKS + ", got " + network);
        }
        if (heartbeatSeconds < 1 || heartbeatSeconds > 3600) {
            throw new IllegalArgumentException("heartbeat must be 1..3600 s");
        }
        if (codecBits < 0) {
            throw new IllegalArgumentException("codec bits must be positive");
        }
    }

    public Set<VideoCodec> codecs() {
        return VideoCodec.fromModeSupport(codecBits);
    }

    public GeoPoint location() {
        return Geohash.center(geohash);
    }

    public HostRecord withStatus(HostStatus newStatus, long newTimestamp) {
        return new HostRecord(newStatus, api, geohash, name, gpu, cpu, ramGb, codecBits, maxMode, priceMicroUsdcPerHour, network,
                newTimestamp, heartbeatSeconds);
    }

    public HostRecord withTimestamp(long newTimestamp) {
        return withStatus(status, newTimestamp);
    }

    /** Whether the record is past its heartbeats: older than two intervals at {@code nowSeconds}. */
    public boolean isStale(long nowSeconds) {
        return nowSeconds - timestamp > 2L * heartbeatSeconds;
    }

    /** The status a player should see at {@code nowSeconds}: offline once the heartbeats stopped. */
    public HostStatus effectiveStatus(long nowSeconds) {
        return isStale(nowSeconds) ? HostStatus.OFFLINE : status;
    }

    /** The bencoded value {@code v}; at most {@link #MAX_VALUE_BYTES}. */
    public byte[] encode() {
        Map<String, Object> v = new TreeMap<>();
        v.put("st", status.wire());
        v.put("ip", api.getAddress().getAddress());
        v.put("port", (long) api.getPort());
        v.put("geo", geohash);
        v.put("name", name);
        v.put("gpu", gpu);
        v.put("cpu", cpu);
        v.put("ram", (long) ramGb);
        v.put("codecs", codecBits);
        v.put("max", maxMode);
        v.put("price", priceMicroUsdcPerHour);
        v.put("net", network);
        v.put("ts", timestamp);
        v.put("hb", (long) heartbeatSeconds);
        byte[] bytes = Bencode.encode(v);
        if (bytes.length > MAX_VALUE_BYTES) {
            throw new IllegalStateException("host record is " + bytes.length + " bytes, over " + MAX_VALUE_BYTES);
        }
        return bytes;
    }

    /** Parses a value {@code v}; a rejection says why it is not a valid host record. */
    public static Parsed decode(byte[] value) {
        if (value.length > MAX_VALUE_BYTES) {
            return new Parsed.Rejected(RecordRejection.OVERSIZE, value.length + " bytes");
        }
        try {
            if (!(Bencode.decode(value) instanceof Map<?, ?> map)) {
                return new Parsed.Rejected(RecordRejection.MALFORMED, "not a dictionary");
            }
            HostStatus status = HostStatus.fromWire(text(map, "st"));
            if (status == null) {
                return new Parsed.Rejected(RecordRejection.MALFORMED, "unknown status");
            }
            byte[] ip = bytes(map, "ip");
            if (ip.length != 4 && ip.length != 16) {
                return new Parsed.Rejected(RecordRejection.MALFORMED, "ip must be 4 or 16 bytes");
            }
            InetSocketAddress api = new InetSocketAddress(InetAddress.getByAddress(ip), (int) number(map, "port"));
            return new Parsed.Valid(new HostRecord(status, api, text(map, "geo"), text(map, "name"), text(map, "gpu"),
                    text(map, "cpu"), (int) number(map, "ram"), number(map, "codecs"), text(map, "max"), number(map, "price"),
                    text(map, "net"), number(map, "ts"), (int) number(map, "hb")));
        } catch (BencodeException | IllegalArgumentException | UnknownHostException | ClassCastException e) {
            return new Parsed.Rejected(RecordRejection.MALFORMED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static Object field(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing field " + key);
        }
        return value;
    }

    private static String text(Map<?, ?> map, String key) {
        return new String((byte[]) field(map, key), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Map<?, ?> map, String key) {
        return (byte[]) field(map, key);
    }

    private static long number(Map<?, ?> map, String key) {
        long value = (Long) field(map, key);
        if (value < 0 || value > Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException(key + " out of range");
        }
        return value;
    }

    private static String limit(String text, int maxChars, String field) {
        String value = text == null ? "" : text.strip();
        if (!new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(value)) {
            throw new IllegalArgumentException(field + " is not valid Unicode text");
        }
        if (value.codePointCount(0, value.length()) > maxChars) {
            throw new IllegalArgumentException(field + " is longer than " + maxChars + " characters");
        }
        return value;
    }

    /** The result of {@link #decode(byte[])}. */
    public sealed interface Parsed {
        /** A well-formed record. */
        record Valid(HostRecord record) implements Parsed {
        }

        /** Not a host record, and why. */
        record Rejected(RecordRejection reason, String detail) implements Parsed {
        }
    }
}
