package network.shaga.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class BencodeTest {

  @Provide
  Arbitrary<Object> values() {
    return value(4);
  }

  static Arbitrary<Object> value(int depth) {
    Arbitrary<Object> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(b -> b);
    Arbitrary<Object> longs = Arbitraries.longs().map(l -> l);
    if (depth == 0) {
      return Arbitraries.oneOf(bytes, longs);
    }
    Arbitrary<Object> list = value(depth - 1).list().ofMaxSize(4).map(l -> l);
    Arbitrary<Object> map =
        Arbitraries.maps(
                Arbitraries.strings().withCharRange((char) 0, (char) 255).ofMaxLength(8),
                value(depth - 1))
            .ofMaxSize(4)
            .map(m -> m);
    return Arbitraries.oneOf(bytes, longs, list, map);
  }

  @Property(tries = 500)
  void roundTripsAnyValue(@ForAll("values") Object value) {
    byte[] encoded = Bencode.encode(value);
    Object decoded = Bencode.decode(encoded);
    assertThat(Bencode.deepEquals(value, decoded)).isTrue();
    assertThat(Bencode.encode(decoded)).isEqualTo(encoded);
  }

  @Property(tries = 300)
  void decodingArbitraryBytesNeverThrowsAnythingButBencodeException(
      @ForAll byte[] junk) {
    try {
      Object decoded = Bencode.decode(junk);
      assertThat(Bencode.encode(decoded)).isNotNull();
    } catch (BencodeException expected) {
      // rejected input is the normal outcome for random bytes
    }
  }

  @Test
  void encodesKeysInRawByteOrder() {
    byte[] out = Bencode.encode(Map.of("b", 1L, "a", List.of("x"), "\u00ff", new byte[0]));
    assertThat(new String(out, StandardCharsets.ISO_8859_1)).isEqualTo("d1:al1:xe1:bi1e1:\u00ff0:e");
  }

  @Test
  void rejectsOverDeepInput() {
    String deep = "l".repeat(Bencode.DEFAULT_MAX_DEPTH + 2) + "e".repeat(Bencode.DEFAULT_MAX_DEPTH + 2);
    assertThatThrownBy(() -> Bencode.decode(deep.getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(BencodeException.class)
        .hasMessageContaining("nesting");
    String ok = "l".repeat(Bencode.DEFAULT_MAX_DEPTH) + "e".repeat(Bencode.DEFAULT_MAX_DEPTH);
    assertThat(Bencode.decode(ok.getBytes(StandardCharsets.US_ASCII))).isInstanceOf(List.class);
  }

  @Test
  void rejectsOversizedInput() {
    byte[] big = new byte[Bencode.DEFAULT_MAX_SIZE + 1];
    assertThatThrownBy(() -> Bencode.decode(big)).hasMessageContaining("exceeds");
    assertThatThrownBy(() -> Bencode.decode("4:ab".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(BencodeException.class);
    assertThatThrownBy(() -> Bencode.decode("999999999999999:a".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(BencodeException.class);
  }

  @Test
  void rejectsNonCanonicalIntegersTrailingBytesAndDuplicateKeys() {
    for (String bad :
        List.of("i03e", "i-0e", "ie", "i-e", "i1", "01:a", "-1:a", "1:ax", "d1:ai1e1:ai2ee",
            "i99999999999999999999e", "d", "l", "x")) {
      assertThatThrownBy(() -> Bencode.decode(bad.getBytes(StandardCharsets.US_ASCII)))
          .as(bad)
          .isInstanceOf(BencodeException.class);
    }
    assertThat(Bencode.decode("i-42e".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-42L);
  }

  @Test
  void numbersAtTheEdgesOfTheirDigitCounts() {
    for (long n : new long[] {0, 9, 10, 99, 100, -1, -9, -10, 1_000_000_007L, Long.MAX_VALUE,
        Long.MIN_VALUE, Long.MIN_VALUE + 1}) {
      byte[] out = Bencode.encode(n);
      assertThat(new String(out, StandardCharsets.US_ASCII)).isEqualTo("i" + n + "e");
      assertThat(Bencode.decode(out)).isEqualTo(n);
    }
    assertThat(new String(Bencode.encode(new byte[12]), StandardCharsets.US_ASCII))
        .startsWith("12:");
  }

  @Test
  void packetKeysAndNearMissesDecodeToTheirOwnText() {
    for (String key : List.of("a", "id", "nodes", "nodes6", "info_hash", "implied_port", "b",
        "ie", "node", "nodes7", "tokens", "\u00e9", "info-hash", "")) {
      @SuppressWarnings("unchecked")
      Map<Object, Object> decoded = (Map<Object, Object>) Bencode.decode(Bencode.encode(Map.of(key, 1L)));
      assertThat(decoded.keySet()).containsExactly(key);
    }
    assertThat(Bencode.key("q".getBytes(StandardCharsets.US_ASCII))).isSameAs("q");
  }

  @Test
  void aLargeValueDoesNotDisturbTheNextEncoding() {
    byte[] large = new byte[100_000];
    large[99_999] = 7;
    byte[] first = Bencode.encode(List.of(large, 5L));
    assertThat(first).hasSize(100_000 + 12);
    assertThat(((List<?>) Bencode.decode(first, 4, 200_000)).get(1)).isEqualTo(5L);
    assertThat(new String(Bencode.encode(List.of(1L)), StandardCharsets.US_ASCII))
        .isEqualTo("li1ee");
  }

  @Test
  void theWriterWritesWhatEncodeWritesAndRefusesKeysOutOfOrder() {
    byte[] built = Bencode.build(w -> w.dict().key("a").list().integer(-3).ascii("x").end()
        .optional("b", (byte[]) null).key("c").raw(Bencode.encode(7L)).optional("d", 4L).end());
    assertThat(built).isEqualTo(Bencode.encode(Map.of("a", List.of(-3L, "x"), "c", 7L, "d", 4L)));
    assertThatThrownBy(() -> Bencode.build(w -> w.dict().key("b").key("a")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("key a after b");
    assertThatThrownBy(() -> Bencode.build(w -> w.dict().key("b").integer(1).key("b")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Bencode.build(w -> w.list().key("a")))
        .isInstanceOf(IllegalStateException.class);
    // A failed build leaves nothing behind for the next one.
    assertThat(Bencode.encode(1L)).isEqualTo("i1e".getBytes(StandardCharsets.US_ASCII));
  }
}
