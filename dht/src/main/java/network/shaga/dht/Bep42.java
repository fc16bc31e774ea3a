package network.shaga.dht;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.random.RandomGenerator;
import java.util.zip.CRC32C;

/** BEP 42 node-id rules: the id's first 21 bits are bound to the node's external IP. */
public final class Bep42 {
  private static final byte[] V4_MASK = {0x03, 0x0f, 0x3f, (byte) 0xff};
  private static final byte[] V6_MASK = {0x01, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, (byte) 0xff};

  private Bep42() {}

  /** True when BEP 42 does not apply: local, private and loopback addresses are exempt. */
  public static boolean exempt(InetAddress ip) {
    if (ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress()
        || ip.isAnyLocalAddress()) {
      return true;
    }
    byte[] b = ip.getAddress();
    // 100.64/10 carrier-grade NAT and fc00::/7 unique-local are private too.
    return (b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64)
        || (b.length == 16 && (b[0] & 0xfe) == 0xfc);
  }

  /** True when the id satisfies BEP 42 for the IP (or the IP is exempt). */
  public static boolean isValid(NodeId id, InetAddress ip) {
    if (exempt(ip)) {
      return true;
    }
    int r = id.byteAt(19) & 0x07;
    int crc = crc(ip, r);
    return id.byteAt(0) == ((crc >>> 24) & 0xff)
        && id.byteAt(1) == ((crc >>> 16) & 0xff)
        && (id.byteAt(2) & 0xf8) == ((crc >>> 8) & 0xf8);
  }

  /** A random id valid for the IP under BEP 42. */
  public static NodeId generate(InetAddress ip, RandomGenerator random) {
    byte[] id = new byte[NodeId.LENGTH];
    random.nextBytes(id);
    int r = id[19] & 0x07;
    int crc = crc(ip, r);
    id[0] = (byte) (crc >>> 24);
    id[1] = (byte) (crc >>> 16);
    id[2] = (byte) (((crc >>> 8) & 0xf8) | (id[2] & 0x07));
    return NodeId.of(id);
  }

  private static int crc(InetAddress ip, int r) {
    byte[] mask = ip instanceof Inet4Address ? V4_MASK : V6_MASK;
    byte[] raw = ip.getAddress();
    byte[] masked = new byte[mask.length];
    for (int i = 0; i < mask.length; i++) {
      masked[i] = (byte) (raw[i] & mask[i]);
    }
    masked[0] |= (byte) (r << 5);
    CRC32C crc = new CRC32C();
    crc.update(masked);
    return (int) crc.getValue();
  }
}
