package network.shaga.app.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import network.shaga.app.stream.VideoCodec;
import network.shaga.dht.Bencode;
import org.junit.jupiter.api.Test;

class HostRecordTest {

    static HostRecord sample() throws UnknownHostException {
        return new HostRecord(HostStatus.AVAILABLE, new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 47900), "u09tv",
                "Ada's RTX rig", "NVIDIA GeForce RTX 4080", "AMD Ryzen 7 7800X3D", 32, 0x10301, "3840x2160@120", 1_500_000,
                "localnet", 1_764_000_000L, 30);
    }

    @Test
    void encodesTheFieldsOfDesignSection4() throws UnknownHostException {
        byte[] v = sample().encode();
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) Bencode.decode(v);
        assertThat(map).containsOnlyKeys("st", "ip", "port", "geo", "name", "gpu", "cpu", "ram", "codecs", "max", "price", "net", "ts", "hb");
        assertThat(new String((byte[]) map.get("st"), StandardCharsets.UTF_8)).isEqualTo("available");
        assertThat((byte[]) map.get("ip")).containsExactly(203, 0, 113, 7);
        assertThat(map.get("price")).isEqualTo(1_500_000L);
        assertThat(HostRecord.decode(v)).isEqualTo(new HostRecord.Parsed.Valid(sample()));
    }

    @Property
    void everyValidRecordRoundTripsAndFitsInBep44(@ForAll("records") HostRecord record) {
        byte[] v = record.encode();
        assertThat(v.length).isLessThanOrEqualTo(HostRecord.MAX_VALUE_BYTES);
        assertThat(HostRecord.decode(v)).isEqualTo(new HostRecord.Parsed.Valid(record));
    }

    @Property
    void randomBytesNeverThrow(@ForAll byte[] junk) {
        assertThat(HostRecord.decode(junk)).isInstanceOf(HostRecord.Parsed.Rejected.class);
    }

    @Test
    void rejectsOversizeMissingFieldsAndBadValues() throws UnknownHostException {
        assertThat(HostRecord.decode(new byte[1001])).isEqualTo(new HostRecord.Parsed.Rejected(RecordRejection.OVERSIZE, "1001 bytes"));
        Map<String, Object> map = new TreeMap<>();
        map.put("st", "available");
        assertThat(HostRecord.decode(Bencode.encode(map))).isInstanceOfSatisfying(HostRecord.Parsed.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(RecordRejection.MALFORMED));
        @SuppressWarnings("unchecked")
        Map<String, Object> good = (Map<String, Object>) Bencode.decode(sample().encode());
        good.put("st", "sleeping");
        assertThat(HostRecord.decode(Bencode.encode(good))).isInstanceOf(HostRecord.Parsed.Rejected.class);
        good.put("st", "busy");
        good.put("ip", new byte[] {1, 2, 3});
        assertThat(HostRecord.decode(Bencode.encode(good))).isInstanceOf(HostRecord.Parsed.Rejected.class);
        good.put("ip", new byte[] {1, 2, 3, 4});
        good.put("net", "testnet");
        assertThat(HostRecord.decode(Bencode.encode(good))).isInstanceOf(HostRecord.Parsed.Rejected.class);
        good.put("net", "devnet");
        good.put("price", -5L);
        assertThat(HostRecord.decode(Bencode.encode(good))).isInstanceOf(HostRecord.Parsed.Rejected.class);
        good.put("price", 5L);
        assertThat(HostRecord.decode(Bencode.encode(good))).isInstanceOf(HostRecord.Parsed.Valid.class);
    }

    @Test
    void constructorRefusesWhatCouldNotBePublished() {
        assertThatThrownBy(() -> new HostRecord(HostStatus.BUSY, new InetSocketAddress("127.0.0.1", 1), "u09t", "n", "", "", 0, 1, "", 0,
                "devnet", 0, 30)).hasMessageContaining("geohash");
        assertThatThrownBy(() -> new HostRecord(HostStatus.BUSY, new InetSocketAddress("127.0.0.1", 1), "u09tv", "x".repeat(33), "", "",
                0, 1, "", 0, "devnet", 0, 30)).hasMessageContaining("name");
        assertThatThrownBy(() -> new HostRecord(HostStatus.BUSY, new InetSocketAddress("127.0.0.1", 1), "u09tv", "bad\uD83Dname", "",
                "", 0, 1, "", 0, "devnet", 0, 30)).hasMessageContaining("not valid Unicode");
        assertThatThrownBy(() -> new HostRecord(HostStatus.BUSY, InetSocketAddress.createUnresolved("example.org", 1), "u09tv", "n", "",
                "", 0, 1, "", 0, "devnet", 0, 30)).hasMessageContaining("IP address");
    }

    @Test
    void offlineAfterTwoMissedHeartbeats() throws UnknownHostException {
        HostRecord record = sample();
        assertThat(record.effectiveStatus(record.timestamp() + 60)).isEqualTo(HostStatus.AVAILABLE);
        assertThat(record.effectiveStatus(record.timestamp() + 61)).isEqualTo(HostStatus.OFFLINE);
        assertThat(record.codecs()).contains(VideoCodec.AV1);
    }

    @Provide
    Arbitrary<HostRecord> records() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars("éüßçøæ漢字").ofMaxLength(30)
                .map(s -> s.length() % 3 == 0 ? s + "🎮" : s)
                .filter(s -> !s.isBlank() && s.strip().equals(s));
        Arbitrary<String> hardware = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(64).map(String::strip);
        Arbitrary<InetSocketAddress> api = Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize(4),
                Arbitraries.integers().between(1, 65535)).as((ip, port) -> {
                    try {
                        return new InetSocketAddress(InetAddress.getByAddress(ip), port);
                    } catch (UnknownHostException e) {
                        throw new IllegalStateException(e);
                    }
                });
        Arbitrary<String> geohash = Combinators.combine(Arbitraries.doubles().between(-90, 90), Arbitraries.doubles().between(-180, 180))
                .as((lat, lon) -> Geohash.encode(lat, lon, 5));
        Arbitrary<HostRecord> identity = Combinators.combine(Arbitraries.of(HostStatus.class), api, geohash, text, hardware, hardware)
                .as((status, address, geo, name, gpu, cpu) ->
                        new HostRecord(status, address, geo, name, gpu, cpu, 0, 1, "1920x1080@60", 0, "localnet", 0, 30));
        return Combinators.combine(identity, Arbitraries.integers().between(0, 4096), Arbitraries.longs().between(0, 0xFFFFF),
                Arbitraries.longs().between(0, 1_000_000_000_000L), Arbitraries.of("mainnet-beta", "devnet", "localnet"),
                Arbitraries.longs().between(0, 4_000_000_000L), Arbitraries.integers().between(1, 3600))
                .as((r, ram, codecs, price, net, ts, hb) -> new HostRecord(r.status(), r.api(), r.geohash(), r.name(), r.gpu(), r.cpu(),
                        ram, codecs, r.maxMode(), price, net, ts, hb));
    }
}
