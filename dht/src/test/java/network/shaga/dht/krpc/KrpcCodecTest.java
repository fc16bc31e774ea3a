package network.shaga.dht.krpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import network.shaga.dht.Bencode;
import network.shaga.dht.NodeId;
import org.junit.jupiter.api.Test;

class KrpcCodecTest {

  static Arbitrary<byte[]> bytes(int min, int max) {
    return Arbitraries.bytes().array(byte[].class).ofMinSize(min).ofMaxSize(max);
  }

  static Arbitrary<NodeId> ids() {
    return bytes(20, 20).map(NodeId::of);
  }

  static Arbitrary<InetSocketAddress> addresses() {
    Arbitrary<byte[]> ip = Arbitraries.oneOf(bytes(4, 4), bytes(16, 16));
    return Combinators.combine(ip, Arbitraries.integers().between(1, 65535))
        .as(
            (b, port) -> {
              try {
                return new InetSocketAddress(InetAddress.getByAddress(b), port);
              } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
              }
            })
        // IPv4-mapped IPv6 bytes come back as IPv4; keep only addresses that keep their family.
        .filter(a -> a.getAddress().getAddress().length == 4 || a.getAddress() instanceof java.net.Inet6Address);
  }

  static Arbitrary<Long> optionalLong() {
    return Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.4);
  }

  static Arbitrary<byte[]> bencodedValue() {
    return Arbitraries.oneOf(
        bytes(0, 60).map(Bencode::encode),
        Arbitraries.longs().map(Bencode::encode),
        Arbitraries.strings().ofMaxLength(10).list().ofMaxSize(3).map(Bencode::encode));
  }

  static Arbitrary<Request> requests() {
    return Arbitraries.oneOf(
        Arbitraries.just(new Request.Ping()),
        ids().map(Request.FindNode::new),
        ids().map(Request.GetPeers::new),
        Combinators.combine(ids(), Arbitraries.integers().between(0, Request.GetPeers.MAX_PAGE))
            .as(Request.GetPeers::new),
        Combinators.combine(
                ids(),
                Arbitraries.integers().between(1, 65535),
                Arbitraries.of(true, false),
                bytes(1, 20),
                optionalLong(),
                addresses().injectNull(0.5))
            .as(Request.AnnouncePeer::new),
        Combinators.combine(ids(), optionalLong()).as(Request.Get::new),
        Combinators.combine(
                bytes(1, 20),
                bencodedValue(),
                bytes(32, 32).injectNull(0.3),
                bytes(1, 64).injectNull(0.5),
                optionalLong(),
                bytes(64, 64).injectNull(0.3),
                optionalLong(),
                optionalLong())
            .as(Request.Put::new));
  }

  /** The Shaga response extensions. */
  record Extras(boolean removed, Integer peerCount) {}

  @Provide
  Arbitrary<KrpcMessage> messages() {
    Arbitrary<KrpcMessage> queries =
        Combinators.combine(
                bytes(1, 16), ids(), Arbitraries.of(true, false), bytes(4, 4).injectNull(0.3), requests())
            .as(KrpcQuery::new);
    Arbitrary<KrpcMessage> responses =
        Combinators.combine(
                bytes(1, 16),
                ids(),
                addresses().injectNull(0.3),
                Combinators.combine(ids(), addresses()).as(NodeInfo::new).list().ofMaxSize(8),
                addresses().list().ofMaxSize(8),
                bytes(1, 20).injectNull(0.5),
                bencodedValue().injectNull(0.5),
                Combinators.combine(Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 100_000).injectNull(0.5))
                    .as(Extras::new))
            .as(
                (tid, id, ip, nodes, values, token, v, extras) ->
                    new KrpcResponse(
                        tid, id, null, ip, nodes, values, token, v,
                        v == null ? null : new byte[32], v == null ? null : new byte[64],
                        v == null ? null : 7L, extras.removed(), extras.peerCount()));
    Arbitrary<KrpcMessage> errors =
        Combinators.combine(bytes(1, 16), Arbitraries.integers().between(201, 302),
                Arbitraries.strings().alpha().ofMaxLength(20))
            .as(KrpcError::new);
    return Arbitraries.oneOf(queries, responses, errors);
  }

  @Property(tries = 1000)
  void everyMessageRoundTrips(@ForAll("messages") KrpcMessage message) {
    byte[] encoded = KrpcCodec.encode(message);
    // Canonical bencode: re-encoding the generic decoding (keys sorted) changes nothing.
    assertThat(Bencode.encode(Bencode.decode(encoded, KrpcCodec.MAX_DEPTH, KrpcCodec.MAX_PACKET)))
        .isEqualTo(encoded);
    ParseResult result = KrpcCodec.decode(encoded);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    KrpcMessage decoded = ((ParseResult.Parsed) result).message();
    assertThat(decoded.getClass()).isEqualTo(message.getClass());
    assertThat(KrpcCodec.encode(decoded)).isEqualTo(encoded);
    if (message instanceof KrpcResponse r) {
      KrpcResponse d = (KrpcResponse) decoded;
      assertThat(d.nodes()).containsExactlyInAnyOrderElementsOf(r.nodes());
      assertThat(d.values()).containsExactlyElementsOf(r.values());
      assertThat(d.requester()).isEqualTo(r.requester());
    }
    if (message instanceof KrpcQuery q) {
      assertThat(((KrpcQuery) decoded).request().method()).isEqualTo(q.request().method());
      if (q.request() instanceof Request.GetPeers g) {
        assertThat(((KrpcQuery) decoded).request()).isEqualTo(g);
      }
    }
    if (message instanceof KrpcResponse r) {
      assertThat(((KrpcResponse) decoded).peerCount()).isEqualTo(r.peerCount());
    }
  }

  @Property(tries = 1000)
  void randomBytesNeverThrow(@ForAll byte[] junk) {
    assertThat(KrpcCodec.decode(junk)).isNotNull();
  }

  @Test
  void aPageOutOfRangeIsAProtocolError() {
    byte[] query = ("d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234562:pgi1001e"
        + "e1:q9:get_peers1:t2:aa1:y1:qe").getBytes();
    assertThat(KrpcCodec.decode(query)).isInstanceOf(ParseResult.Malformed.class);
  }

  @Test
  void decodesTheBep5ExamplePing() {
    byte[] ping = "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe".getBytes();
    ParseResult result = KrpcCodec.decode(ping);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    KrpcQuery q = (KrpcQuery) ((ParseResult.Parsed) result).message();
    assertThat(q.request()).isInstanceOf(Request.Ping.class);
    assertThat(new String(q.sender().toBytes())).isEqualTo("abcdefghij0123456789");
    assertThat(KrpcCodec.encode(q)).isEqualTo(ping);
  }

  @Test
  void malformedQueriesKeepTheirTransactionIdForTheErrorReply() {
    byte[] noTarget = "d1:ad2:id20:abcdefghij0123456789e1:q9:find_node1:t2:aa1:y1:qe".getBytes();
    ParseResult result = KrpcCodec.decode(noTarget);
    assertThat(result).isInstanceOf(ParseResult.Malformed.class);
    ParseResult.Malformed m = (ParseResult.Malformed) result;
    assertThat(m.transactionId()).isEqualTo("aa".getBytes());
    assertThat(m.errorCode()).isEqualTo(KrpcError.PROTOCOL);

    byte[] unknown = "d1:ad2:id20:abcdefghij0123456789e1:q3:foo1:t2:bb1:y1:qe".getBytes();
    assertThat(((ParseResult.Malformed) KrpcCodec.decode(unknown)).errorCode())
        .isEqualTo(KrpcError.METHOD_UNKNOWN);

    byte[] longTid = ("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t17:" + "x".repeat(17) + "1:y1:qe").getBytes();
    assertThat(((ParseResult.Malformed) KrpcCodec.decode(longTid)).transactionId()).isNull();
  }

  @Test
  void responsesSplitNodesByFamily() throws Exception {
    NodeInfo v4 = new NodeInfo(NodeId.ofHex("00".repeat(20)), new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 6881));
    NodeInfo v6 = new NodeInfo(NodeId.ofHex("11".repeat(20)), new InetSocketAddress(InetAddress.getByName("::1"), 6882));
    KrpcResponse r = new KrpcResponse(new byte[] {1}, NodeId.ofHex("22".repeat(20)), null, null,
        List.of(v4, v6), List.of(), null, null, null, null, null, false);
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> top = (java.util.Map<String, Object>) Bencode.decode(KrpcCodec.encode(r));
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> body = (java.util.Map<String, Object>) top.get("r");
    assertThat((byte[]) body.get("nodes")).hasSize(26);
    assertThat((byte[]) body.get("nodes6")).hasSize(38);
  }
}
