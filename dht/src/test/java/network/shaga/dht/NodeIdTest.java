package network.shaga.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The word-based id agrees with the plain byte-array definitions of order, distance and prefix. */
class NodeIdTest {
  @Property(tries = 500)
  void agreesWithTheByteDefinitions(@ForAll @Size(20) byte[] a, @ForAll @Size(20) byte[] b,
      @ForAll @Size(20) byte[] t) {
    // Random bytes rarely share a prefix: give b and t a's first bytes some of the time.
    System.arraycopy(a, 0, b, 0, Math.floorMod(b[19], 21));
    System.arraycopy(a, 0, t, 0, Math.floorMod(t[19], 21));
    NodeId x = NodeId.of(a);
    NodeId y = NodeId.of(b);
    NodeId target = NodeId.of(t);

    assertThat(x.toBytes()).isEqualTo(a);
    assertThat(Integer.signum(x.compareTo(y))).isEqualTo(Integer.signum(Arrays.compareUnsigned(a, b)));
    assertThat(x.equals(y)).isEqualTo(Arrays.equals(a, b));
    assertThat(x).isEqualTo(NodeId.of(a.clone())).hasSameHashCodeAs(NodeId.of(a.clone()));
    assertThat(x.commonPrefixLength(y)).isEqualTo(prefix(a, b));
    assertThat(Integer.signum(target.compareDistance(x, y)))
        .isEqualTo(Integer.signum(Arrays.compareUnsigned(xor(a, t), xor(b, t))));
    assertThat(x.xor(target).toBytes()).isEqualTo(xor(a, t));
    for (int i = 0; i < NodeId.LENGTH; i++) {
      assertThat(x.byteAt(i)).isEqualTo(a[i] & 0xff);
    }
    for (int i = 0; i < NodeId.BITS; i++) {
      assertThat(x.bit(i)).isEqualTo((a[i / 8] & (0x80 >>> (i % 8))) != 0);
    }
    byte[] framed = new byte[26];
    System.arraycopy(a, 0, framed, 3, 20);
    assertThat(NodeId.of(framed, 3)).isEqualTo(x);
    byte[] out = new byte[24];
    x.writeTo(out, 2);
    assertThat(Arrays.copyOfRange(out, 2, 22)).isEqualTo(a);
  }

  @Test
  void refusesWrongLengths() {
    assertThatThrownBy(() -> NodeId.of(new byte[19])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NodeId.of(new byte[25], 6)).isInstanceOf(IllegalArgumentException.class);
    assertThat(NodeId.ofHex("00".repeat(19) + "ff").commonPrefixLength(NodeId.of(new byte[20])))
        .isEqualTo(152);
  }

  private static byte[] xor(byte[] a, byte[] b) {
    byte[] d = new byte[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = (byte) (a[i] ^ b[i]);
    }
    return d;
  }

  private static int prefix(byte[] a, byte[] b) {
    for (int i = 0; i < a.length * 8; i++) {
      if (((a[i / 8] ^ b[i / 8]) & (0x80 >>> (i % 8))) != 0) {
        return i;
      }
    }
    return a.length * 8;
  }
}
