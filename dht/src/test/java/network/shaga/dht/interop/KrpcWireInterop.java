package network.shaga.dht.interop;

import static network.shaga.dht.interop.Bep44Check.ascii;
import static network.shaga.dht.interop.Bep44Check.mutableTarget;
import static network.shaga.dht.interop.Bep44Check.randomBytes;
import static network.shaga.dht.interop.Bep44Check.sha1;
import static network.shaga.dht.interop.Bep44Check.signatureValid;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.NodeId;
import network.shaga.dht.krpc.KrpcError;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.NodeInfo;
import network.shaga.dht.krpc.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Our KRPC codec against a real third-party node, packet by packet: every query is encoded by
 * {@code KrpcCodec}, sent from a bare socket, and the third party's reply decoded by it. Each store
 * is then read back through the third party's own API, and each of its stores through ours.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class KrpcWireInterop {

  private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(20);

  private final ThirdPartyImplementation implementation;
  protected ThirdPartyDht dht;
  protected KrpcProbe probe;

  KrpcWireInterop(ThirdPartyImplementation implementation) {
    this.implementation = implementation;
  }

  @BeforeAll
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void startThirdParty() throws IOException, InterruptedException {
    dht = ThirdPartyDht.start(implementation, 2, List.of());
    dht.awaitTables(1, BOOTSTRAP_TIMEOUT);
    probe = new KrpcProbe(new SecureRandom());
  }

  @AfterAll
  void stopThirdParty() {
    if (probe != null) {
      probe.close();
    }
    if (dht != null) {
      dht.close();
    }
  }

  @Test
  void pingIsAnswered() throws IOException {
    KrpcResponse pong = probe.response(dht.node(0), new Request.Ping());

    assertThat(pong.sender()).isNotNull().isNotEqualTo(probe.id());
  }

  @Test
  void findNodeReturnsTheirOtherNodeInCompactForm() throws IOException {
    KrpcResponse found =
        probe.response(dht.node(0), new Request.FindNode(NodeId.random(new SecureRandom())));

    assertThat(found.nodes()).extracting(NodeInfo::address).contains(dht.node(1));
  }

  @Test
  void getPeersReturnsThePeerTheyAnnounced() throws IOException {
    byte[] infohash = randomBytes(20);
    ThirdPartyDht.Announced announced = dht.announce(1, infohash, 0);

    Set<InetSocketAddress> peers = new HashSet<>();
    for (InetSocketAddress node : dht.nodes()) {
      KrpcResponse reply = probe.response(node, new Request.GetPeers(NodeId.of(infohash)));
      assertThat(reply.token()).as("write token from %s", node).isNotEmpty();
      peers.addAll(reply.values());
    }

    assertThat(announced.stored()).isPositive();
    assertThat(peers).contains(new InetSocketAddress("127.0.0.1", announced.port()));
  }

  @Test
  void announceFromUsIsServedByThem() throws IOException {
    byte[] infohash = randomBytes(20);
    int peerPort = 20_000 + (infohash[0] & 0xff);
    byte[] token = probe.response(dht.node(0), new Request.GetPeers(NodeId.of(infohash))).token();

    probe.response(
        dht.node(0),
        new Request.AnnouncePeer(NodeId.of(infohash), peerPort, false, token, null, null));

    assertThat(dht.getPeers(1, infohash)).contains(new InetSocketAddress("127.0.0.1", peerPort));
  }

  @Test
  void immutablePutFromUsIsReadByThem() throws IOException {
    byte[] value = ascii("d4:from4:ours5:nonce20:" + hexNonce() + "e");
    byte[] target = sha1(value);
    byte[] token = probe.response(dht.node(0), new Request.Get(NodeId.of(target), null)).token();

    probe.response(dht.node(0), new Request.Put(token, value, null, null, null, null, null, null));

    assertThat(dht.getImmutable(1, target)).hasValue(value);
  }

  @Test
  void immutablePutByThemIsDecodedByUs() throws IOException {
    byte[] value = ascii("l6:theirs20:" + hexNonce() + "i-42ee");
    ThirdPartyDht.ImmutablePut put = dht.putImmutable(1, value);

    Optional<byte[]> read = Optional.empty();
    for (InetSocketAddress node : dht.nodes()) {
      KrpcResponse reply = probe.response(node, new Request.Get(NodeId.of(put.target()), null));
      if (reply.value() != null) {
        read = Optional.of(reply.value());
      }
    }

    assertThat(put.target()).isEqualTo(sha1(value));
    assertThat(read).hasValue(value);
  }

  @Test
  void mutablePutFromUsIsReadByThem() throws IOException {
    Bep44Check.Signer signer = Bep44Check.Signer.fromSeed(randomBytes(32));
    byte[] salt = ascii("shaga/host/v1");
    long seq = 1_764_201_600_123L;
    byte[] value = ascii("d5:nonce20:" + hexNonce() + "2:st9:available2:ts10:1764201600e");
    byte[] target = mutableTarget(signer.publicKey(), salt);
    byte[] token = probe.response(dht.node(0), new Request.Get(NodeId.of(target), null)).token();

    probe.response(
        dht.node(0),
        new Request.Put(
            token,
            value,
            signer.publicKey(),
            salt,
            seq,
            signer.sign(salt, seq, value),
            null,
            null));

    ThirdPartyDht.MutableValue read = dht.getMutable(1, signer.publicKey(), salt).orElseThrow();
    assertThat(read.bencodedValue()).isEqualTo(value);
    assertThat(read.seq()).isEqualTo(seq);
  }

  @Test
  void mutablePutByThemIsDecodedAndVerifiedByUs() throws IOException {
    byte[] seed = randomBytes(32);
    byte[] salt = randomBytes(12);
    byte[] value = ascii("20:" + hexNonce());
    ThirdPartyDht.MutablePut put = dht.putMutable(1, seed, salt, OptionalLong.empty(), value);

    KrpcResponse found = null;
    for (InetSocketAddress node : dht.nodes()) {
      KrpcResponse reply = probe.response(node, new Request.Get(NodeId.of(put.target()), null));
      if (reply.value() != null) {
        found = reply;
      }
    }

    assertThat(put.publicKey()).isEqualTo(Bep44Check.Signer.fromSeed(seed).publicKey());
    assertThat(found).as("a node that stored the item").isNotNull();
    assertThat(found.value()).isEqualTo(value);
    assertThat(found.key()).isEqualTo(put.publicKey());
    assertThat(found.seq()).isEqualTo(put.seq());
    assertThat(signatureValid(found.key(), salt, found.seq(), found.value(), found.signature()))
        .isTrue();
  }

  @Test
  void stalePutIsRefusedWithAnErrorOurCodecDecodes() throws IOException {
    Bep44Check.Signer signer = Bep44Check.Signer.fromSeed(randomBytes(32));
    byte[] salt = ascii("seq-test");
    byte[] target = mutableTarget(signer.publicKey(), salt);
    byte[] token = probe.response(dht.node(0), new Request.Get(NodeId.of(target), null)).token();
    byte[] newer = ascii("5:newer");
    byte[] older = ascii("5:older");
    probe.response(
        dht.node(0),
        new Request.Put(
            token, newer, signer.publicKey(), salt, 5L, signer.sign(salt, 5, newer), null, null));

    KrpcError refused =
        probe.error(
            dht.node(0),
            new Request.Put(
                token,
                older,
                signer.publicKey(),
                salt,
                4L,
                signer.sign(salt, 4, older),
                null,
                null));

    assertThat(refused.code()).isEqualTo(KrpcError.SEQ_TOO_LOW);
    assertThat(dht.getMutable(1, signer.publicKey(), salt))
        .map(ThirdPartyDht.MutableValue::seq)
        .hasValue(5L);
  }

  private static String hexNonce() {
    return HexFormat.of().formatHex(randomBytes(10));
  }
}
