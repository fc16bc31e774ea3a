package network.shaga.dht;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencode codec (BEP 3) with hard limits, for KRPC packets and BEP 44 values.
 *
 * <p>Decoded values are {@code byte[]} (strings), {@link Long} (integers), {@code List<Object>} and
 * {@code Map<String, Object>} whose keys are the raw key bytes read as ISO-8859-1, so the map is
 * sorted exactly like the byte strings on the wire. Encoding accepts those types plus
 * {@link String} (UTF-8), {@link Integer} and maps keyed by {@code String} or {@code byte[]}.
 */
public final class Bencode {
  /** Deepest nesting accepted by {@link #decode(byte[])}. */
  public static final int DEFAULT_MAX_DEPTH = 16;
  /** Largest input accepted by {@link #decode(byte[])}; a UDP datagram is smaller. */
  public static final int DEFAULT_MAX_SIZE = 64 * 1024;

  /**
   * Keys and short values every KRPC packet carries, returned as shared strings: decoding a
   * packet then allocates no text for them (a node may decode hundreds of thousands per second).
   */
  private static final String[][] COMMON_BY_LENGTH = commonByLength("a", "e", "k", "q", "r", "t",
      "v", "y", "id", "ip", "np", "pg", "ro", "cas", "seq", "sig", "ttl", "get", "put", "peer",
      "port", "ping", "salt", "want", "nodes", "token", "nodes6", "target", "values", "removed",
      "info_hash", "find_node", "get_peers", "implied_port", "announce_peer");
  /** Largest scratch buffer an encoding thread keeps between calls. */
  private static final int KEPT_SCRATCH = 16 * 1024;
  private static final ThreadLocal<Sink> SCRATCH = ThreadLocal.withInitial(() -> new Sink(1024));

  private Bencode() {}

  /** Encodes a value; keys are written in sorted raw-byte order as bencode requires. */
  public static byte[] encode(Object value) {
    return build(w -> w.value(value));
  }

  /** Takes the bytes of a value built in place; valid only during the call (the buffer is reused). */
  public interface Emit {
    void bytes(byte[] buffer, int length);
  }

  /**
   * Like {@link #build(java.util.function.Consumer)}, but hands the thread's scratch buffer to
   * {@code emit} instead of copying it out: for a packet sent at once (every datagram a node
   * sends), so the bytes are never copied on the heap.
   */
  public static void build(java.util.function.Consumer<Writer> body, Emit emit) {
    Sink scratch = SCRATCH.get();
    // An encoding started inside another one (e.g. a value encoded while a message is built)
    // gets its own buffer.
    Sink out = scratch.busy ? new Sink(256) : scratch;
    out.busy = true;
    out.count = 0;
    try {
      body.accept(new Writer(out));
      emit.bytes(out.buf, out.count);
    } finally {
      out.busy = false;
      if (out == scratch && out.buf.length > KEPT_SCRATCH) {
        SCRATCH.remove();
      }
    }
  }

  /**
   * Writes one value through {@code body}, straight into the thread's scratch buffer: for
   * messages built field by field (every KRPC packet) instead of through a map.
   */
  public static byte[] build(java.util.function.Consumer<Writer> body) {
    byte[][] copy = new byte[1][];
    build(body, (buffer, length) -> copy[0] = Arrays.copyOf(buffer, length));
    return copy[0];
  }


  /**
   * Writes bencode element by element. Dictionary keys must come in raw-byte order, as bencode
   * requires; a key out of order is a programming error and throws.
   */
  public static final class Writer {
    private final Sink out;
    /** The last key of each open dictionary ({@code ""} before the first), or null for a list. */
    private final String[] lastKeys;
    private int depth;

    private Writer(Sink out) {
      this.out = out;
      this.lastKeys = out.lastKeys;
    }

    /** Opens a dictionary; close it with {@link #end()}. */
    public Writer dict() {
      open('d', "");
      return this;
    }

    /** Opens a list; close it with {@link #end()}. */
    public Writer list() {
      open('l', null);
      return this;
    }

    /** Closes the innermost dictionary or list. */
    public Writer end() {
      if (depth == 0) {
        throw new IllegalStateException("nothing open to end");
      }
      depth--;
      out.write('e');
      return this;
    }

    /** The next key of the open dictionary (ISO-8859-1 text, one byte per char). */
    public Writer key(String key) {
      String last = depth == 0 ? null : lastKeys[depth - 1];
      if (last == null) {
        throw new IllegalStateException("a key outside a dictionary: " + key);
      }
      if (!last.isEmpty() && key.compareTo(last) <= 0) {
        throw new IllegalStateException("key " + key + " after " + last);
      }
      lastKeys[depth - 1] = key;
      out.writeLatin1String(key);
      return this;
    }

    /** A byte string. */
    public Writer bytes(byte[] value) {
      writeBytes(out, value);
      return this;
    }

    /** A 20-byte id as a byte string, written straight from its words. */
    public Writer id(NodeId id) {
      out.writeDecimal(NodeId.LENGTH);
      out.write(':');
      out.ensure(NodeId.LENGTH);
      id.writeTo(out.buf, out.count);
      out.count += NodeId.LENGTH;
      return this;
    }

    /**
     * A byte string of {@code length} bytes written in pieces: this header, then exactly
     * {@code length} bytes through {@link #piece}.
     */
    public Writer stringHeader(int length) {
      out.writeDecimal(length);
      out.write(':');
      return this;
    }

    /** Part of the byte string opened by {@link #stringHeader}. */
    public Writer piece(byte[] bytes, int from, int length) {
      out.write(bytes, from, length);
      return this;
    }

    /** A byte string of ASCII text. */
    public Writer ascii(String value) {
      out.writeLatin1String(value);
      return this;
    }

    /** An integer. */
    public Writer integer(long value) {
      out.write('i');
      out.writeDecimal(value);
      out.write('e');
      return this;
    }

    /** Any value {@link #encode} accepts (maps are written in key order). */
    public Writer value(Object value) {
      write(out, value, depth);
      return this;
    }

    /** A value that is already bencoded, copied as it is. */
    public Writer raw(byte[] bencoded) {
      out.write(bencoded, 0, bencoded.length);
      return this;
    }

    /** {@code key} then the byte string, unless it is null. */
    public Writer optional(String key, byte[] value) {
      return value == null ? this : key(key).bytes(value);
    }

    /** {@code key} then the integer, unless it is null. */
    public Writer optional(String key, Long value) {
      return value == null ? this : key(key).integer(value);
    }

    private void open(char kind, String firstKey) {
      if (depth == lastKeys.length) {
        throw new IllegalStateException("nested deeper than " + lastKeys.length);
      }
      out.write(kind);
      lastKeys[depth++] = firstKey;
    }
  }

  /** Decodes a complete bencoded value with the default limits. */
  public static Object decode(byte[] data) {
    return decode(data, DEFAULT_MAX_DEPTH, DEFAULT_MAX_SIZE);
  }

  /** Decodes a complete bencoded value; trailing bytes, over-deep or oversized input are errors. */
  public static Object decode(byte[] data, int maxDepth, int maxSize) {
    if (data.length > maxSize) {
      throw new BencodeException("input of " + data.length + " bytes exceeds " + maxSize);
    }
    Reader reader = new Reader(data, maxDepth);
    Object value = reader.value(0);
    if (reader.pos != data.length) {
      throw new BencodeException("trailing bytes at " + reader.pos);
    }
    return value;
  }

  /** Decoded byte string as ISO-8859-1 text, the lossless form used for map keys. */
  public static String key(byte[] raw) {
    return key(raw, 0, raw.length);
  }

  private static String key(byte[] data, int from, int length) {
    if (length < COMMON_BY_LENGTH.length) {
      for (String common : COMMON_BY_LENGTH[length]) {
        if (sameLatin1(common, data, from)) {
          return common;
        }
      }
    }
    return new String(data, from, length, StandardCharsets.ISO_8859_1);
  }

  private static boolean sameLatin1(String text, byte[] data, int from) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) != (data[from + i] & 0xff)) {
        return false;
      }
    }
    return true;
  }

  private static String[][] commonByLength(String... keys) {
    int longest = Arrays.stream(keys).mapToInt(String::length).max().orElse(0);
    String[][] byLength = new String[longest + 1][];
    for (int length = 0; length <= longest; length++) {
      int n = length;
      byLength[length] = Arrays.stream(keys).filter(k -> k.length() == n).toArray(String[]::new);
    }
    return byLength;
  }

  /** A growable output buffer, reused by a thread from one encoding to the next. */
  private static final class Sink {
    byte[] buf;
    int count;
    boolean busy;
    /** The {@link Writer}'s open dictionaries, kept with the buffer so a build allocates neither. */
    final String[] lastKeys = new String[DEFAULT_MAX_DEPTH];

    Sink(int capacity) {
      buf = new byte[capacity];
    }

    private void ensure(int more) {
      if (buf.length - count < more) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
      }
    }

    void write(int b) {
      ensure(1);
      buf[count++] = (byte) b;
    }

    void write(byte[] bytes, int from, int length) {
      ensure(length);
      System.arraycopy(bytes, from, buf, count, length);
      count += length;
    }

    /** A key that is ISO-8859-1 text (as {@link #key} builds them), one byte per char. */
    void writeLatin1String(String text) {
      writeDecimal(text.length());
      write(':');
      ensure(text.length());
      for (int i = 0; i < text.length(); i++) {
        buf[count++] = (byte) text.charAt(i);
      }
    }

    /** A number in ASCII decimal, without building a string (this runs for every packet). */
    void writeDecimal(long n) {
      if (n == Long.MIN_VALUE) {
        byte[] b = Long.toString(n).getBytes(StandardCharsets.US_ASCII);
        write(b, 0, b.length);
        return;
      }
      ensure(20);
      if (n < 0) {
        buf[count++] = '-';
        n = -n;
      }
      int digits = 1;
      for (long rest = n / 10; rest != 0; rest /= 10) {
        digits++;
      }
      for (int at = count + digits - 1; at >= count; at--) {
        buf[at] = (byte) ('0' + n % 10);
        n /= 10;
      }
      count += digits;
    }
  }

  private static void write(Sink out, Object value, int depth) {
    if (depth > 64) {
      throw new IllegalArgumentException("value nested too deep to encode");
    }
    if (value instanceof byte[] bytes) {
      writeBytes(out, bytes);
    } else if (value instanceof String s) {
      writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof Long || value instanceof Integer) {
      out.write('i');
      out.writeDecimal(((Number) value).longValue());
      out.write('e');
    } else if (value instanceof List<?> list) {
      out.write('l');
      for (Object element : list) {
        write(out, element, depth + 1);
      }
      out.write('e');
    } else if (value instanceof Map<?, ?> map) {
      out.write('d');
      for (Map.Entry<?, ?> entry : inKeyOrder(map)) {
        if (entry.getValue() != null) {
          if (entry.getKey() instanceof byte[] b) {
            writeBytes(out, b);
          } else {
            out.writeLatin1String((String) entry.getKey());
          }
          write(out, entry.getValue(), depth + 1);
        }
      }
      out.write('e');
    } else {
      throw new IllegalArgumentException(
          "cannot bencode " + (value == null ? "null" : value.getClass().getName()));
    }
  }

  /**
   * The map's entries in raw-byte key order. A {@link TreeMap} of strings in natural order (what
   * the KRPC codec builds and what {@link #decode} returns) already is; anything else is sorted.
   */
  @SuppressWarnings("unchecked")
  private static Iterable<? extends Map.Entry<?, ?>> inKeyOrder(Map<?, ?> map) {
    if (map instanceof TreeMap<?, ?> tree && tree.comparator() == null
        && (tree.isEmpty() || tree.firstKey() instanceof String)) {
      return tree.entrySet();
    }
    TreeMap<String, Object> sorted = new TreeMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      Object k = entry.getKey();
      sorted.put(k instanceof byte[] b ? key(b) : (String) k, entry.getValue());
    }
    return (Iterable<? extends Map.Entry<?, ?>>) (Iterable<?>) sorted.entrySet();
  }

  private static void writeBytes(Sink out, byte[] bytes) {
    out.writeDecimal(bytes.length);
    out.write(':');
    out.write(bytes, 0, bytes.length);
  }

  /** Deep equality for decoded values (arrays compare by content). */
  public static boolean deepEquals(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deepEquals(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Object k : x.keySet()) {
        if (!deepEquals(x.get(k), y.get(k))) {
          return false;
        }
      }
      return true;
    }
    return a != null && a.equals(b);
  }

  private static final class Reader {
    private final byte[] data;
    private final int maxDepth;
    private int pos;

    Reader(byte[] data, int maxDepth) {
      this.data = data;
      this.maxDepth = maxDepth;
    }

    Object value(int depth) {
      if (depth > maxDepth) {
        throw new BencodeException("nesting deeper than " + maxDepth);
      }
      int c = peek();
      if (c == 'i') {
        pos++;
        long v = number('e');
        return v;
      }
      if (c == 'l') {
        pos++;
        List<Object> list = new ArrayList<>();
        while (peek() != 'e') {
          list.add(value(depth + 1));
        }
        pos++;
        return list;
      }
      if (c == 'd') {
        pos++;
        Map<String, Object> map = new TreeMap<>();
        while (peek() != 'e') {
          String k = keyBytes();
          if (map.put(k, value(depth + 1)) != null) {
            throw new BencodeException("duplicate key at " + pos);
          }
        }
        pos++;
        return map;
      }
      if (c >= '0' && c <= '9') {
        return bytes();
      }
      throw new BencodeException("unexpected byte " + c + " at " + pos);
    }

    private int peek() {
      if (pos >= data.length) {
        throw new BencodeException("truncated input");
      }
      return data[pos] & 0xff;
    }

    private byte[] bytes() {
      int len = length();
      byte[] out = Arrays.copyOfRange(data, pos, pos + len);
      pos += len;
      return out;
    }

    /** A byte string read as a map key, without copying it first. */
    private String keyBytes() {
      int len = length();
      String out = key(data, pos, len);
      pos += len;
      return out;
    }

    private int length() {
      long len = number(':');
      if (len < 0 || len > data.length - pos) {
        throw new BencodeException("string length " + len + " beyond input");
      }
      return (int) len;
    }

    private long number(char terminator) {
      int start = pos;
      boolean negative = false;
      if (peek() == '-') {
        negative = true;
        pos++;
      }
      int digitsStart = pos;
      // Accumulate negatively so Long.MIN_VALUE is representable.
      long v = 0;
      while (peek() != terminator) {
        int d = peek() - '0';
        if (d < 0 || d > 9) {
          throw new BencodeException("bad digit at " + pos);
        }
        if (v < (Long.MIN_VALUE + d) / 10) {
          throw new BencodeException("integer overflow at " + start);
        }
        v = v * 10 - d;
        pos++;
      }
      if (!negative && v == Long.MIN_VALUE) {
        throw new BencodeException("integer overflow at " + start);
      }
      int digits = pos - digitsStart;
      if (digits == 0
          || (digits > 1 && data[digitsStart] == '0')
          || (negative && (v == 0 || terminator == ':'))) {
        throw new BencodeException("malformed integer at " + start);
      }
      pos++;
      return negative ? v : -v;
    }
  }
}
