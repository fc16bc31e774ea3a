package network.shaga.dht.krpc;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import network.shaga.dht.Bencode;
import network.shaga.dht.BencodeException;
import network.shaga.dht.NodeId;

/** Encodes and decodes KRPC messages; decoding never throws, it returns a {@link ParseResult}. */
public final class KrpcCodec {
  /** Longest transaction id echoed back; longer ones would let a querier inflate our replies. */
  public static final int MAX_TRANSACTION_ID = 16;
  /** Depth limit for whole packets (the BEP 44 value nests inside the packet). */
  public static final int MAX_DEPTH = 24;
  /** Largest datagram parsed. */
  public static final int MAX_PACKET = 8 * 1024;

  private KrpcCodec() {}

  /**
   * Bencodes a message, field by field in key order (top level: a, e, ip, q, r, ro, t, v, y),
   * straight into the encoder's buffer: a node encodes one for every datagram it sends.
   */
  public static byte[] encode(KrpcMessage message) {
    return Bencode.build(w -> write(message, w));
  }

  /**
   * Encodes the message into the thread's scratch buffer and hands it to {@code emit} (valid only
   * during that call): for a datagram sent at once, without a copy on the heap.
   */
  public static void encode(KrpcMessage message, Bencode.Emit emit) {
    Bencode.build(w -> write(message, w), emit);
  }

  private static void write(KrpcMessage message, Bencode.Writer w) {
    w.dict();
    if (message instanceof KrpcQuery q) {
      w.key("a");
      writeArguments(q, w);
      w.key("q").ascii(q.request().method());
      if (q.readOnly()) {
        w.key("ro").integer(1);
      }
      w.key("t").bytes(message.transactionId());
      w.optional("v", q.client());
      w.key("y").ascii("q");
    } else if (message instanceof KrpcResponse r) {
      if (r.requester() != null) {
        w.key("ip").bytes(compactAddress(r.requester()));
      }
      w.key("r");
      writeResponse(r, w);
      w.key("t").bytes(message.transactionId());
      w.optional("v", r.client());
      w.key("y").ascii("r");
    } else if (message instanceof KrpcError e) {
      w.key("e").list().integer(e.code());
      w.bytes((e.message() == null ? "" : e.message()).getBytes(StandardCharsets.UTF_8)).end();
      w.key("t").bytes(message.transactionId());
      w.key("y").ascii("e");
    }
    w.end();
  }

  /** The query's arguments dictionary, keys in order. */
  private static void writeArguments(KrpcQuery q, Bencode.Writer w) {
    w.dict();
    Request request = q.request();
    if (request instanceof Request.Put p) {
      w.optional("cas", p.cas());
    }
    w.key("id").id(q.sender());
    if (request instanceof Request.FindNode f) {
      w.key("target").id(f.target());
    } else if (request instanceof Request.GetPeers g) {
      w.key("info_hash").id(g.infohash());
      if (g.page() != null) {
        w.key("pg").integer(g.page());
      }
    } else if (request instanceof Request.AnnouncePeer ap) {
      if (ap.impliedPort()) {
        w.key("implied_port").integer(1);
      }
      w.key("info_hash").id(ap.infohash());
      if (ap.peer() != null) {
        w.key("peer").bytes(compactAddress(ap.peer()));
      }
      w.key("port").integer(ap.port());
      w.optional("token", ap.token());
      w.optional("ttl", ap.ttl());
    } else if (request instanceof Request.Get g) {
      w.optional("seq", g.seq());
      w.key("target").id(g.target());
    } else if (request instanceof Request.Put p) {
      w.optional("k", p.key());
      w.optional("salt", p.salt() == null || p.salt().length == 0 ? null : p.salt());
      w.optional("seq", p.seq());
      w.optional("sig", p.signature());
      w.optional("token", p.token());
      w.optional("ttl", p.ttl());
      if (p.value() != null) {
        w.key("v").raw(p.value());
      }
    }
    w.end();
  }

  /** The response dictionary, keys in order. */
  private static void writeResponse(KrpcResponse r, Bencode.Writer w) {
    w.dict();
    w.key("id").id(r.sender());
    w.optional("k", r.key());
    int v6 = 0;
    for (NodeInfo n : r.nodes()) {
      v6 += n.address().getAddress() instanceof Inet6Address ? 1 : 0;
    }
    if (r.nodes().size() > v6) {
      compactNodes(w.key("nodes"), r.nodes(), 4, r.nodes().size() - v6);
    }
    if (v6 > 0) {
      compactNodes(w.key("nodes6"), r.nodes(), 16, v6);
    }
    if (r.peerCount() != null) {
      w.key("np").integer(r.peerCount());
    }
    if (r.removed()) {
      w.key("removed").integer(1);
    }
    w.optional("seq", r.seq());
    w.optional("sig", r.signature());
    w.optional("token", r.token());
    if (r.value() != null) {
      w.key("v").raw(r.value());
    }
    if (!r.values().isEmpty()) {
      w.key("values").list();
      for (InetSocketAddress peer : r.values()) {
        w.bytes(compactAddress(peer));
      }
      w.end();
    }
    w.end();
  }

  /** Decodes one datagram. */
  public static ParseResult decode(byte[] packet) {
    Object decoded;
    try {
      decoded = Bencode.decode(packet, MAX_DEPTH, MAX_PACKET);
    } catch (BencodeException e) {
      return new ParseResult.Malformed(null, KrpcError.PROTOCOL, "bencode: " + e.getMessage());
    }
    if (!(decoded instanceof Map<?, ?> raw)) {
      return new ParseResult.Malformed(null, KrpcError.PROTOCOL, "not a dictionary");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> top = (Map<String, Object>) raw;
    if (!(top.get("t") instanceof byte[] tid) || tid.length > MAX_TRANSACTION_ID) {
      return new ParseResult.Malformed(null, KrpcError.PROTOCOL, "bad transaction id");
    }
    String y = top.get("y") instanceof byte[] b ? Bencode.key(b) : "";
    try {
      return switch (y) {
        case "q" -> new ParseResult.Parsed(decodeQuery(tid, top));
        case "r" -> new ParseResult.Parsed(decodeResponse(tid, top));
        case "e" -> new ParseResult.Parsed(decodeError(tid, top));
        default -> new ParseResult.Malformed(null, KrpcError.PROTOCOL, "bad message type");
      };
    } catch (BadField e) {
      byte[] replyTid = "q".equals(y) ? tid : null;
      return new ParseResult.Malformed(replyTid, e.code, e.getMessage());
    } catch (BencodeException | IllegalArgumentException e) {
      byte[] replyTid = "q".equals(y) ? tid : null;
      return new ParseResult.Malformed(replyTid, KrpcError.PROTOCOL, e.getMessage());
    }
  }

  private static KrpcQuery decodeQuery(byte[] tid, Map<String, Object> top) {
    String method = Bencode.key(bytes(top, "q", true));
    Map<String, Object> a = dict(top, "a");
    NodeId sender = id(a, "id");
    boolean readOnly = Long.valueOf(1).equals(longValue(top, "ro"));
    byte[] client = bytes(top, "v", false);
    Request request =
        switch (method) {
          case "ping" -> new Request.Ping();
          case "find_node" -> new Request.FindNode(id(a, "target"));
          case "get_peers" -> new Request.GetPeers(id(a, "info_hash"), page(a));
          case "announce_peer" -> announce(a);
          case "get" -> new Request.Get(id(a, "target"), longValue(a, "seq"));
          case "put" -> put(a);
          default -> throw new BadField(KrpcError.METHOD_UNKNOWN, "method unknown");
        };
    return new KrpcQuery(tid, sender, readOnly, client, request);
  }

  /** The optional {@code pg} of a get_peers query; out-of-range values are refused. */
  private static Integer page(Map<String, Object> a) {
    Long page = longValue(a, "pg");
    if (page == null) {
      return null;
    }
    if (page < 0 || page > Request.GetPeers.MAX_PAGE) {
      throw new BadField(KrpcError.PROTOCOL, "bad pg");
    }
    return page.intValue();
  }

  private static Request.AnnouncePeer announce(Map<String, Object> a) {
    Long port = longValue(a, "port");
    boolean implied = Long.valueOf(1).equals(longValue(a, "implied_port"));
    if (!implied && (port == null || port < 1 || port > 65535)) {
      throw new BadField(KrpcError.PROTOCOL, "bad port");
    }
    byte[] peer = bytes(a, "peer", false);
    return new Request.AnnouncePeer(
        id(a, "info_hash"),
        port == null ? 0 : (int) (port & 0xffff),
        implied,
        bytes(a, "token", true),
        longValue(a, "ttl"),
        peer == null ? null : address(peer));
  }

  private static Request.Put put(Map<String, Object> a) {
    Object v = a.get("v");
    if (v == null) {
      throw new BadField(KrpcError.PROTOCOL, "missing v");
    }
    return new Request.Put(
        bytes(a, "token", true),
        Bencode.encode(v),
        bytes(a, "k", false),
        bytes(a, "salt", false),
        longValue(a, "seq"),
        bytes(a, "sig", false),
        longValue(a, "cas"),
        longValue(a, "ttl"));
  }

  /** The optional {@code np}; anything but a non-negative integer is ignored. */
  private static Integer peerCount(Object np) {
    return np instanceof Long n && n >= 0 ? (int) Math.min(n, Integer.MAX_VALUE) : null;
  }

  private static KrpcResponse decodeResponse(byte[] tid, Map<String, Object> top) {
    Map<String, Object> r = dict(top, "r");
    List<NodeInfo> nodes = new ArrayList<>();
    byte[] n4 = bytes(r, "nodes", false);
    if (n4 != null) {
      nodes.addAll(nodes(n4, 4));
    }
    byte[] n6 = bytes(r, "nodes6", false);
    if (n6 != null) {
      nodes.addAll(nodes(n6, 16));
    }
    List<InetSocketAddress> values = new ArrayList<>();
    if (r.get("values") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof byte[] b && (b.length == 6 || b.length == 18)) {
          values.add(address(b));
        }
      }
    }
    Object v = r.get("v");
    byte[] ip = bytes(top, "ip", false);
    return new KrpcResponse(
        tid,
        id(r, "id"),
        bytes(top, "v", false),
        ip != null && (ip.length == 6 || ip.length == 18) ? address(ip) : null,
        nodes,
        values,
        bytes(r, "token", false),
        v == null ? null : Bencode.encode(v),
        bytes(r, "k", false),
        bytes(r, "sig", false),
        longValue(r, "seq"),
        Long.valueOf(1).equals(longValue(r, "removed")),
        peerCount(r.get("np")));
  }

  private static KrpcError decodeError(byte[] tid, Map<String, Object> top) {
    if (!(top.get("e") instanceof List<?> e) || e.size() < 2 || !(e.get(0) instanceof Long code)) {
      throw new BadField(KrpcError.PROTOCOL, "bad error list");
    }
    String message = e.get(1) instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : "";
    return new KrpcError(tid, (int) Math.max(0, Math.min(Integer.MAX_VALUE, code)), message);
  }

  /** Compact peer info: 4 or 16 address bytes then the big-endian port. */
  public static byte[] compactAddress(InetSocketAddress address) {
    byte[] ip = address.getAddress().getAddress();
    byte[] out = new byte[ip.length + 2];
    putCompact(ip, address.getPort(), out, 0);
    return out;
  }

  /** Writes the address bytes then the big-endian port at {@code off}. */
  private static void putCompact(byte[] ip, int port, byte[] out, int off) {
    System.arraycopy(ip, 0, out, off, ip.length);
    out[off + ip.length] = (byte) (port >>> 8);
    out[off + ip.length + 1] = (byte) port;
  }

  /** Reads compact peer info (6 or 18 bytes). */
  public static InetSocketAddress address(byte[] compact) {
    return address(compact, 0, compact.length - 2);
  }

  private static InetSocketAddress address(byte[] b, int off, int ipLength) {
    if (ipLength != 4 && ipLength != 16) {
      throw new BadField(KrpcError.PROTOCOL, "bad compact address");
    }
    try {
      InetAddress ip = InetAddress.getByAddress(Arrays.copyOfRange(b, off, off + ipLength));
      int port = ((b[off + ipLength] & 0xff) << 8) | (b[off + ipLength + 1] & 0xff);
      return new InetSocketAddress(ip, port);
    } catch (UnknownHostException e) {
      throw new BadField(KrpcError.PROTOCOL, "bad compact address");
    }
  }

  /**
   * The {@code count} nodes of one address family ({@code ipLength} 4 or 16), compact, written
   * straight into the message.
   */
  private static void compactNodes(Bencode.Writer w, List<NodeInfo> nodes, int ipLength,
      int count) {
    w.stringHeader(count * (NodeId.LENGTH + ipLength + 2));
    byte[] node = new byte[NodeId.LENGTH + ipLength + 2];
    for (NodeInfo n : nodes) {
      byte[] ip = n.address().getAddress().getAddress();
      if (ip.length != ipLength) {
        continue;
      }
      n.id().writeTo(node, 0);
      putCompact(ip, n.address().getPort(), node, NodeId.LENGTH);
      w.piece(node, 0, node.length);
    }
  }

  private static List<NodeInfo> nodes(byte[] compact, int ipLength) {
    int size = NodeId.LENGTH + ipLength + 2;
    if (compact.length % size != 0) {
      throw new BadField(KrpcError.PROTOCOL, "bad compact nodes");
    }
    List<NodeInfo> out = new ArrayList<>(compact.length / size);
    for (int off = 0; off < compact.length; off += size) {
      NodeInfo node = CONTACTS.get(compact, off, size);
      if (node == null) {
        NodeId id = NodeId.of(compact, off);
        InetSocketAddress address = address(compact, off + NodeId.LENGTH, ipLength);
        node = new NodeInfo(id, address);
        CONTACTS.put(compact, off, size, node);
      }
      if (node.address().getPort() != 0) {
        out.add(node);
      }
    }
    return out;
  }

  private static final ContactCache CONTACTS = new ContactCache();

  /**
   * Contacts decoded lately, by their compact bytes. Every response to a lookup carries 8 of them and
   * the same contacts come back again and again; decoding one anew costs six objects (the id, the
   * address and its holders, a copy of its bytes), about a fifth of what a busy node allocated. One
   * cache serves every node of the process; it is direct-mapped (a slot holds the last contact
   * hashed to it), and its entries are immutable, so a read without a lock sees a whole entry or
   * none, and a lost race only costs a decode.
   */
  static final class ContactCache {
    private static final int SLOTS = 1 << 13;

    private record Entry(byte[] compact, NodeInfo node) {}

    private final Entry[] slots = new Entry[SLOTS];

    /** The contact whose compact form is {@code b[off, off + length)}, if it is cached. */
    NodeInfo get(byte[] b, int off, int length) {
      Entry e = slots[slot(b, off, length)];
      return e != null && Arrays.equals(e.compact, 0, e.compact.length, b, off, off + length)
          ? e.node : null;
    }

    void put(byte[] b, int off, int length, NodeInfo node) {
      slots[slot(b, off, length)] = new Entry(Arrays.copyOfRange(b, off, off + length), node);
    }

    private static int slot(byte[] b, int off, int length) {
      int h = 1;
      for (int i = off; i < off + length; i++) {
        h = 31 * h + b[i];
      }
      h ^= h >>> 16;
      return h & (SLOTS - 1);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dict(Map<String, Object> m, String key) {
    if (m.get(key) instanceof Map<?, ?> d) {
      return (Map<String, Object>) d;
    }
    throw new BadField(KrpcError.PROTOCOL, "missing " + key);
  }

  private static byte[] bytes(Map<String, Object> m, String key, boolean required) {
    Object o = m.get(key);
    if (o instanceof byte[] b) {
      return b;
    }
    if (o == null && !required) {
      return null;
    }
    throw new BadField(KrpcError.PROTOCOL, (o == null ? "missing " : "bad ") + key);
  }

  private static Long longValue(Map<String, Object> m, String key) {
    Object o = m.get(key);
    if (o == null || o instanceof Long) {
      return (Long) o;
    }
    throw new BadField(KrpcError.PROTOCOL, "bad " + key);
  }

  private static NodeId id(Map<String, Object> m, String key) {
    byte[] b = bytes(m, key, true);
    if (b.length != NodeId.LENGTH) {
      throw new BadField(KrpcError.PROTOCOL, "bad " + key);
    }
    return NodeId.of(b);
  }

  /** A field failed validation; carries the KRPC error code to answer with. */
  private static final class BadField extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    BadField(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
