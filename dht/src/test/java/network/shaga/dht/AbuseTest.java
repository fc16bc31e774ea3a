package network.shaga.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcError;
import network.shaga.dht.krpc.KrpcMessage;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.ParseResult;
import network.shaga.dht.krpc.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AbuseTest {

  private static int errorCode(Optional<KrpcMessage> reply) {
    assertThat(reply).isPresent();
    assertThat(reply.get()).isInstanceOf(KrpcError.class);
    return ((KrpcError) reply.get()).code();
  }

  private static byte[] token(RawClient client, InetSocketAddress node, NodeId target)
      throws Exception {
    KrpcResponse r = (KrpcResponse) client.query(node, new Request.Get(target, null), 2000)
        .orElseThrow();
    return r.token();
  }

  @Test
  void storesNeedAValidTokenAndRespectBep44Limits() throws Exception {
    try (LocalSwarm swarm = new LocalSwarm(1).start(1, b -> b);
        RawClient client = new RawClient()) {
      InetSocketAddress node = swarm.get(0).localAddress();
      byte[] value = Bencode.encode("v");
      Request.Put noToken = new Request.Put(new byte[8], value, null, null, null, null, null,
          null);
      assertThat(errorCode(client.query(node, noToken, 2000))).isEqualTo(KrpcError.PROTOCOL);

      byte[] token = token(client, node, NodeId.sha1(value));
      Optional<KrpcMessage> ok = client.query(node,
          new Request.Put(token, value, null, null, null, null, null, null), 2000);
      assertThat(ok).containsInstanceOf(KrpcResponse.class);

      byte[] big = Bencode.encode(new byte[1200]);
      assertThat(errorCode(client.query(node,
          new Request.Put(token, big, null, null, null, null, null, null), 2000)))
          .isEqualTo(KrpcError.VALUE_TOO_BIG);

      Ed25519KeyPair key = Ed25519KeyPair.generate();
      MutableItem item = MutableItem.sign(key, null, 3, value);
      assertThat(errorCode(client.query(node, new Request.Put(token, value, item.publicKey(),
          new byte[65], 3L, item.signature(), null, null), 2000)))
          .isEqualTo(KrpcError.SALT_TOO_BIG);
      assertThat(errorCode(client.query(node, new Request.Put(token, value, item.publicKey(),
          null, 4L, item.signature(), null, null), 2000)))
          .isEqualTo(KrpcError.INVALID_SIGNATURE);
      assertThat(client.query(node, new Request.Put(token, value, item.publicKey(), null, 3L,
          item.signature(), null, null), 2000)).containsInstanceOf(KrpcResponse.class);
      assertThat(errorCode(client.query(node, new Request.Put(token, value, item.publicKey(),
          null, 3L, item.signature(), 1L, null), 2000))).isEqualTo(KrpcError.CAS_MISMATCH);

      // A replicated peer entry (explicit peer address) is only taken from our own nodes.
      NodeId infohash = NodeId.sha1(new byte[] {9});
      byte[] peerToken = ((KrpcResponse) client.query(node, new Request.GetPeers(infohash), 2000)
          .orElseThrow()).token();
      assertThat(errorCode(client.query(node, new Request.AnnouncePeer(infohash, 1, false,
          peerToken, 60L, new InetSocketAddress("192.0.2.1", 80)), 2000)))
          .isEqualTo(KrpcError.PROTOCOL);
    }
  }

  @Test
  void repliesAreSmallAndFloodsAreRateLimited() throws Exception {
    try (LocalSwarm swarm = new LocalSwarm(1).start(30, b -> b);
        RawClient client = new RawClient()) {
      // All loopback nodes share one IP, so only this node limits, not the swarm around it.
      DhtNode target = DhtNode.create(LocalSwarm.testConfig().rateLimit(20, 20)
          .bootstrap(List.of(swarm.get(0).localAddress())).build(), swarm.network);
      target.start().get(10, TimeUnit.SECONDS);
      Thread.sleep(1500);
      InetSocketAddress node = target.localAddress();
      byte[] query = KrpcCodec.encode(new KrpcQuery(new byte[] {1, 2}, NodeId.sha1(new byte[1]),
          false, null, new Request.FindNode(NodeId.sha1(new byte[2]))));
      KrpcResponse reply = (KrpcResponse) client.query(node,
          new Request.FindNode(NodeId.sha1(new byte[2])), 2000).orElseThrow();
      int replySize = KrpcCodec.encode(reply).length;
      assertThat(reply.nodes()).hasSizeLessThanOrEqualTo(8);
      // K compact nodes plus framing: bounded, so a small query buys a bounded reply.
      assertThat(replySize).isLessThan(query.length + 8 * 26 + 64);

      // Our own nodes (client tag SG) get up to twice K contacts from a node that knows that
      // many that answered it (here one of the swarm, not the rate-limited node): still bounded.
      int most = 0;
      long until = System.nanoTime() + 10_000_000_000L;
      while (most <= 8 && System.nanoTime() < until) {
        KrpcResponse toOurs = (KrpcResponse) client.query(swarm.get(1).localAddress(),
            new Request.FindNode(NodeId.sha1(new byte[2])), true, new byte[] {'S', 'G', 0, 1}, 2000)
            .orElseThrow();
        assertThat(toOurs.nodes()).hasSizeLessThanOrEqualTo(16);
        most = Math.max(most, toOurs.nodes().size());
        Thread.sleep(100);
      }
      assertThat(most).isGreaterThan(8);
      long limitedBefore = target.stats().droppedRateLimited();
      for (int i = 0; i < 200; i++) {
        client.sendRaw(node, query);
      }
      long deadline = System.nanoTime() + 3_000_000_000L;
      while (target.stats().droppedRateLimited() - limitedBefore < 150
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(target.stats().droppedRateLimited() - limitedBefore).isGreaterThanOrEqualTo(150);
      // The bucket refills: after a pause the same source is served again.
      Thread.sleep(300);
      assertThat(client.query(node, new Request.Ping(), 2000)).isPresent();
      assertThat(swarm.get(0).ping(node).get(5, TimeUnit.SECONDS))
          .isLessThan(Duration.ofSeconds(1));
      target.close();
    }
  }

  @Test
  void contactsThatNeverAnsweredAreNotHandedOut() throws Exception {
    try (LocalSwarm swarm = new LocalSwarm(1).start(10, b -> b);
        RawClient silent = new RawClient();
        RawClient asker = new RawClient()) {
      InetSocketAddress node = swarm.get(5).localAddress();
      // The silent client queries (so the node adds it) but never answers the node's ping.
      silent.query(node, new Request.Ping(), false, 2000).orElseThrow();
      Thread.sleep(300);
      KrpcResponse r = (KrpcResponse) asker.query(node, new Request.FindNode(silent.id()), 2000)
          .orElseThrow();
      assertThat(r.nodes()).isNotEmpty();
      assertThat(r.nodes()).noneMatch(n -> n.id().equals(silent.id()));
    }
  }

  @Test
  void errorRepliesToJunkQueriesAreNoLargerThanTheQuery() throws Exception {
    try (LocalSwarm swarm = new LocalSwarm(1).start(1, b -> b);
        RawClient client = new RawClient()) {
      InetSocketAddress node = swarm.get(0).localAddress();
      for (String junk : List.of(
          "d1:ad2:id20:abcdefghij0123456789e1:q9:find_node1:t2:aa1:y1:qe",
          "d1:ad2:id3:abce1:q4:ping1:t1:a1:y1:qe",
          "d1:q3:foo1:t1:a1:y1:qe")) {
        byte[] query = junk.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        client.sendRaw(node, query);
        Optional<byte[]> reply = client.receiveRaw(500);
        if (reply.isPresent()) {
          assertThat(reply.get().length).as(junk).isLessThanOrEqualTo(query.length);
          assertThat(KrpcCodec.decode(reply.get())).isInstanceOf(ParseResult.Parsed.class);
        }
      }
      // A malformed query long enough to answer gets its error.
      byte[] findNode = "d1:ad2:id20:abcdefghij0123456789e1:q9:find_node1:t2:aa1:y1:qe"
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      client.sendRaw(node, findNode);
      ParseResult parsed = KrpcCodec.decode(client.receiveRaw(2000).orElseThrow());
      assertThat(((ParseResult.Parsed) parsed).message()).isInstanceOf(KrpcError.class);
      // Junk without a transaction id gets no reply at all.
      client.sendRaw(node, "d1:y1:q1:q4:pinge".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      assertThat(client.receiveRaw(300)).isEmpty();
    }
  }
}
