package network.shaga.dht.interop;

import static network.shaga.dht.interop.Bep44Check.ascii;
import static network.shaga.dht.interop.Bep44Check.mutableTarget;
import static network.shaga.dht.interop.Bep44Check.randomBytes;
import static network.shaga.dht.interop.Bep44Check.sha1;
import static network.shaga.dht.interop.Bep44Check.signatureValid;
import static network.shaga.dht.interop.ThirdPartyImplementation.BITTORRENT_DHT;
import static network.shaga.dht.interop.ThirdPartyImplementation.LIBTORRENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Proves the harnesses on their own: npm bittorrent-dht and libtorrent nodes on loopback form one
 * network and exchange BEP 44 items and BEP 5 peers in both directions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ThirdPartyHarnessTest {

  private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofSeconds(20);
  private static final byte[] HOST_RECORD =
      ascii("d2:ip4:\u007f\u0000\u0000\u00014:porti47900e5:price7:25000002:st9:availablee");

  private ThirdPartyDht btdht;
  private ThirdPartyDht libtorrent;

  @BeforeAll
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void startMixedNetwork() throws InterruptedException {
    btdht = ThirdPartyDht.start(BITTORRENT_DHT, 3, List.of());
    libtorrent = ThirdPartyDht.start(LIBTORRENT, 2, btdht.nodes());
    for (InetSocketAddress node : libtorrent.nodes()) {
      assertThat(btdht.addNode(node)).as("bittorrent-dht nodes reached %s", node).isEqualTo(3);
    }
    libtorrent.awaitTables(3, BOOTSTRAP_TIMEOUT);
    btdht.awaitTables(3, BOOTSTRAP_TIMEOUT);
  }

  @AfterAll
  void stopNetwork() {
    if (libtorrent != null) {
      libtorrent.close();
    }
    if (btdht != null) {
      btdht.close();
    }
  }

  @Test
  void harnessesReportTheirPinnedVersions() {
    assertThat(btdht.version()).isEqualTo("11.0.12");
    assertThat(libtorrent.version()).startsWith("2.0.");
    assertThat(btdht.nodes())
        .hasSize(3)
        .allSatisfy(node -> assertThat(node.getHostString()).isEqualTo("127.0.0.1"));
    assertThat(libtorrent.nodes())
        .hasSize(2)
        .allSatisfy(node -> assertThat(node.getPort()).isPositive());
  }

  @Test
  void mutableDictPutByBittorrentDhtIsReadByLibtorrent() {
    byte[] seed = randomBytes(32);
    byte[] salt = ascii("shaga/host/v1");
    long seq = 1_764_201_600_000L;

    ThirdPartyDht.MutablePut put =
        btdht.putMutable(1, seed, salt, OptionalLong.of(seq), HOST_RECORD);

    assertThat(put.stored()).isPositive();
    assertThat(put.seq()).isEqualTo(seq);
    assertThat(put.target()).isEqualTo(mutableTarget(put.publicKey(), salt));
    ThirdPartyDht.MutableValue got = libtorrent.getMutable(0, put.publicKey(), salt).orElseThrow();
    assertThat(got.bencodedValue()).isEqualTo(HOST_RECORD);
    assertThat(got.seq()).isEqualTo(seq);
    assertThat(signatureValid(put.publicKey(), salt, seq, HOST_RECORD, got.signature())).isTrue();
  }

  @Test
  void mutablePutByLibtorrentIsReadByBittorrentDht() {
    byte[] seed = randomBytes(32);
    byte[] salt = randomBytes(16);
    byte[] value = ascii("13:written by lt");

    ThirdPartyDht.MutablePut put =
        libtorrent.putMutable(1, seed, salt, OptionalLong.empty(), value);

    assertThat(put.stored()).isPositive();
    assertThat(put.seq()).isEqualTo(1);
    ThirdPartyDht.MutableValue got = btdht.getMutable(2, put.publicKey(), salt).orElseThrow();
    assertThat(got.bencodedValue()).isEqualTo(value);
    assertThat(got.seq()).isEqualTo(1);
    assertThat(signatureValid(put.publicKey(), salt, 1, value, got.signature())).isTrue();
    assertThat(signatureValid(put.publicKey(), salt, 2, value, got.signature())).isFalse();
  }

  @Test
  void newerSeqFromOneImplementationReplacesTheOtherOnes() {
    byte[] seed = randomBytes(32);
    byte[] salt = randomBytes(8);
    ThirdPartyDht.MutablePut first =
        btdht.putMutable(0, seed, salt, OptionalLong.of(41), ascii("5:first"));

    ThirdPartyDht.MutablePut second =
        libtorrent.putMutable(0, seed, salt, OptionalLong.of(42), ascii("6:second"));

    assertThat(second.publicKey()).isEqualTo(first.publicKey());
    assertThat(second.seq()).isEqualTo(42);
    ThirdPartyDht.MutableValue got = btdht.getMutable(2, first.publicKey(), salt).orElseThrow();
    assertThat(got.seq()).isEqualTo(42);
    assertThat(got.bencodedValue()).isEqualTo(ascii("6:second"));
  }

  @Test
  void libtorrentRefusesASeqItCannotWrite() {
    byte[] seed = randomBytes(32);
    assertThatThrownBy(
            () -> libtorrent.putMutable(0, seed, randomBytes(8), OptionalLong.of(7), ascii("1:x")))
        .isInstanceOf(HarnessException.class)
        .hasMessageContaining("can only put seq 1");
  }

  @Test
  void immutableItemsTravelBothWays() {
    byte[] fromBtdht = ascii("d4:listl1:ai2ee4:spam4:eggse");
    byte[] fromLibtorrent = ascii("l5:shagai-3ed1:k1:vee");

    ThirdPartyDht.ImmutablePut putByBtdht = btdht.putImmutable(0, fromBtdht);
    ThirdPartyDht.ImmutablePut putByLibtorrent = libtorrent.putImmutable(1, fromLibtorrent);

    assertThat(putByBtdht.target()).isEqualTo(sha1(fromBtdht));
    assertThat(putByLibtorrent.target()).isEqualTo(sha1(fromLibtorrent));
    assertThat(putByBtdht.stored()).isPositive();
    assertThat(putByLibtorrent.stored()).isPositive();
    assertThat(libtorrent.getImmutable(0, putByBtdht.target())).hasValue(fromBtdht);
    assertThat(btdht.getImmutable(2, putByLibtorrent.target())).hasValue(fromLibtorrent);
  }

  @Test
  void announcesTravelBothWays() {
    byte[] infohash = sha1(ascii("shaga/cell/v1/u0"), randomBytes(8));
    int btdhtPeerPort = 40_000 + (infohash[0] & 0xff);

    ThirdPartyDht.Announced byBtdht = btdht.announce(2, infohash, btdhtPeerPort);
    ThirdPartyDht.Announced byLibtorrent = libtorrent.announce(1, infohash, 0);

    assertThat(byBtdht).isEqualTo(new ThirdPartyDht.Announced(btdhtPeerPort, byBtdht.stored()));
    assertThat(byBtdht.stored()).isPositive();
    assertThat(byLibtorrent.port()).isEqualTo(libtorrent.node(1).getPort());
    assertThat(byLibtorrent.stored()).isPositive();
    assertThat(libtorrent.getPeers(0, infohash))
        .contains(new InetSocketAddress("127.0.0.1", btdhtPeerPort));
    assertThat(btdht.getPeers(0, infohash))
        .contains(new InetSocketAddress("127.0.0.1", libtorrent.node(1).getPort()));
  }

  @Test
  void missingDataIsReportedAsNotFound() {
    byte[] unknown = randomBytes(20);
    for (ThirdPartyDht dht : List.of(btdht, libtorrent)) {
      assertThat(dht.getMutable(0, randomBytes(32), ascii("nobody")))
          .as(dht.implementation().id())
          .isEmpty();
      assertThat(dht.getImmutable(0, unknown)).as(dht.implementation().id()).isEmpty();
      assertThat(dht.getPeers(0, unknown)).as(dht.implementation().id()).isEmpty();
    }
  }

  @Test
  void malformedCommandsAreRefusedWithAReason() {
    for (ThirdPartyDht dht : List.of(btdht, libtorrent)) {
      assertThat(error(dht, ThirdPartyDht.command("no_such_op"))).contains("unknown op");
      assertThat(error(dht, ThirdPartyDht.command("get_immutable").put("target", "zz")))
          .contains("hex");
      assertThat(
              error(
                  dht,
                  ThirdPartyDht.command("put_immutable")
                      .put("v_hex", "64313a62693165313a6169326565")))
          .as("d1:bi1e1:ai2e has unsorted keys")
          .contains("canonical");
      assertThat(
              error(dht, ThirdPartyDht.command("get_peers").put("infohash", "00").put("node", 9)))
          .contains("node");
    }
  }

  private static String error(ThirdPartyDht dht, ObjectNode command) {
    JsonNode reply = dht.send(command).orTimeout(30, TimeUnit.SECONDS).join();
    assertThat(reply.path("ok").asBoolean())
        .as("%s reply %s", dht.implementation().id(), reply)
        .isFalse();
    return reply.path("error").asText();
  }
}
