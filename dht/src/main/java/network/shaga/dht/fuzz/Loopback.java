package network.shaga.dht.fuzz;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Distinct IPv4 loopback addresses (all of 127.0.0.0/8 is local), one per simulated machine. */
public final class Loopback {
  private Loopback() {}

  /** {@code 127.x.y.z} for {@code n} in 1..2^24-2: 1 is 127.0.0.1, 2 is 127.0.0.2, and so on. */
  public static InetAddress address(int n) {
    if (n < 1 || n >= (1 << 24) - 1) {
      throw new IllegalArgumentException("loopback host number out of range: " + n);
    }
    try {
      return InetAddress.getByAddress(
          new byte[] {127, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a 4-byte address is always valid", e);
    }
  }
}
