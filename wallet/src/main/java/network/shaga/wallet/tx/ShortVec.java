package network.shaga.wallet.tx;

import java.io.ByteArrayOutputStream;

/** Solana's compact-u16 length prefix ("shortvec"), used throughout the transaction wire format. */
public final class ShortVec {
  private ShortVec() {}

  /** Appends {@code value} (0..65535) as 1–3 bytes, 7 bits at a time, low bits first. */
  public static void write(ByteArrayOutputStream out, int value) {
    if (value < 0 || value > 0xffff) {
      throw new IllegalArgumentException("compact-u16 out of range: " + value);
    }
    int v = value;
    while (true) {
      int b = v & 0x7f;
      v >>>= 7;
      if (v == 0) {
        out.write(b);
        return;
      }
      out.write(b | 0x80);
    }
  }
}
