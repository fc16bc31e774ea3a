package network.shaga.dht.krpc;

import java.net.InetSocketAddress;
import network.shaga.dht.NodeId;

/** The method-specific arguments of a KRPC query. */
public sealed interface Request {
  /** The KRPC method name. */
  String method();

  /** BEP 5 {@code ping}. */
  record Ping() implements Request {
    @Override
    public String method() {
      return "ping";
    }
  }

  /** BEP 5 {@code find_node}. */
  record FindNode(NodeId target) implements Request {
    @Override
    public String method() {
      return "find_node";
    }
  }

  /**
   * BEP 5 {@code get_peers}, plus the Shaga extension {@code pg}: when set, the responder
   * returns page {@code page} of its peer list in a stable order and says how many peers it has
   * ({@code np}), so a querier can read a large list page by page. Other nodes ignore it.
   */
  record GetPeers(NodeId infohash, Integer page) implements Request {
    /** Highest page a querier may ask for. */
    public static final int MAX_PAGE = 1_000;

    /** A plain BEP 5 query. */
    public GetPeers(NodeId infohash) {
      this(infohash, null);
    }

    @Override
    public String method() {
      return "get_peers";
    }
  }

  /**
   * BEP 5 {@code announce_peer} plus the Shaga extensions: {@code ttl} in seconds (0 removes the
   * peer) and {@code peer}, an explicit peer address used only when our nodes re-replicate an
   * entry they store (then {@code ttl} is the entry's remaining lifetime).
   */
  record AnnouncePeer(
      NodeId infohash, int port, boolean impliedPort, byte[] token, Long ttl, InetSocketAddress peer)
      implements Request {
    @Override
    public String method() {
      return "announce_peer";
    }
  }

  /** BEP 44 {@code get}; {@code seq} (optional) asks to omit values not newer than it. */
  record Get(NodeId target, Long seq) implements Request {
    @Override
    public String method() {
      return "get";
    }
  }

  /**
   * BEP 44 {@code put}. Immutable when {@code key} is null; {@code value} is the bencoded
   * {@code v}. {@code ttl} (seconds) is the Shaga extension.
   */
  record Put(
      byte[] token,
      byte[] value,
      byte[] key,
      byte[] salt,
      Long seq,
      byte[] signature,
      Long cas,
      Long ttl)
      implements Request {
    @Override
    public String method() {
      return "put";
    }

    /** True for a BEP 44 mutable item. */
    public boolean mutable() {
      return key != null;
    }
  }
}
