package network.shaga.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Published test vectors of BEP 44 and BEP 42, and ed25519 key handling. */
class CryptoVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] BEP44_KEY =
      HEX.parseHex("77ff84905a91936367c01360803104f92432fcd904a43511876df5cdf3e7e548");
  private static final byte[] HELLO = "12:Hello World!".getBytes(StandardCharsets.US_ASCII);

  @Test
  void bep44MutableVectorWithSaltVerifies() {
    byte[] sig = HEX.parseHex("6834284b6b24c3204eb2fea824d82f88883a3d95e8b4a21b8c0ded553d17d17d"
        + "df9a8a7104b1258f30bed3787e6cb896fca78c58f8e03b5f18f14951a87d9a08");
    MutableItem item = new MutableItem(BEP44_KEY, "foobar".getBytes(StandardCharsets.US_ASCII), 1,
        HELLO, sig);
    assertThat(item.verify()).isTrue();
    assertThat(HEX.formatHex(item.target())).isEqualTo("411eba73b6f087ca51a3795d9c8c938d365e32c1");
    assertThat(new String(MutableItem.signedBytes(item.salt(), 1, HELLO), StandardCharsets.US_ASCII))
        .isEqualTo("4:salt6:foobar3:seqi1e1:v12:Hello World!");
  }

  @Test
  void bep44MutableVectorWithoutSaltVerifiesAndTamperingFails() {
    byte[] sig = HEX.parseHex("305ac8aeb6c9c151fa120f120ea2cfb923564e11552d06a5d856091e5e853cff"
        + "1260d3f39e4999684aa92eb73ffd136e6f4f3ecbfda0ce53a1608ecd7ae21f01");
    MutableItem item = new MutableItem(BEP44_KEY, null, 1, HELLO, sig);
    assertThat(item.verify()).isTrue();
    assertThat(HEX.formatHex(item.target())).isEqualTo("4a533d47ec9c7d95b1ad75f576cffc641853b750");
    assertThat(new MutableItem(BEP44_KEY, null, 2, HELLO, sig).verify()).isFalse();
    byte[] other = "12:Hello World?".getBytes(StandardCharsets.US_ASCII);
    assertThat(new MutableItem(BEP44_KEY, null, 1, other, sig).verify()).isFalse();
  }

  @Test
  void bep44ImmutableTargetIsSha1OfTheValue() {
    assertThat(NodeId.sha1(HELLO).toHex()).isEqualTo("e5f96f6f38320f0f33959cb4d3d656452117aadb");
  }

  @Test
  void keysFromTheSameSeedSignIdenticallyAndRoundTripTheRawPublicKey() {
    byte[] seed = new byte[32];
    new SplittableRandom(7).nextBytes(seed);
    Ed25519KeyPair a = Ed25519KeyPair.fromSeed(seed);
    Ed25519KeyPair b = Ed25519KeyPair.fromSeed(seed);
    assertThat(a.publicKey()).isEqualTo(b.publicKey());
    byte[] msg = "message".getBytes(StandardCharsets.US_ASCII);
    assertThat(a.sign(msg)).isEqualTo(b.sign(msg));
    assertThat(Ed25519KeyPair.verify(a.publicKey(), msg, a.sign(msg))).isTrue();
    assertThat(Ed25519KeyPair.verify(Ed25519KeyPair.generate().publicKey(), msg, a.sign(msg)))
        .isFalse();
    assertThat(a.toString()).doesNotContain(HEX.formatHex(seed));
    for (int i = 0; i < 50; i++) {
      Ed25519KeyPair k = Ed25519KeyPair.generate();
      MutableItem item = MutableItem.sign(k, new byte[] {(byte) i}, i, Bencode.encode(i));
      assertThat(item.verify()).isTrue();
    }
  }

  @Test
  void rfc8032TestVectorOneMatches() {
    Ed25519KeyPair key = Ed25519KeyPair.fromSeed(
        HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertThat(HEX.formatHex(key.publicKey()))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    assertThat(HEX.formatHex(key.sign(new byte[0]))).isEqualTo(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970"
            + "1cf9b46bd25bf5f0595bbe24655141438e7a100b");
  }

  @Test
  void bep42VectorsAreValidAndOthersAreNot() throws Exception {
    String[][] vectors = {
      {"124.31.75.21", "5fbfbf", "01"},
      {"21.75.31.124", "5a3ce9", "56"},
      {"65.23.51.170", "a5d432", "16"},
      {"84.124.73.14", "1b0321", "41"},
      {"43.213.53.83", "e56f6c", "5a"},
    };
    for (String[] v : vectors) {
      InetAddress ip = InetAddress.getByName(v[0]);
      NodeId id = NodeId.ofHex(v[1] + "00".repeat(16) + v[2]);
      assertThat(Bep42.isValid(id, ip)).as(v[0]).isTrue();
      NodeId wrong = NodeId.ofHex("00" + v[1].substring(2) + "00".repeat(16) + v[2]);
      assertThat(Bep42.isValid(wrong, ip)).as(v[0]).isFalse();
      assertThat(Bep42.isValid(Bep42.generate(ip, new SplittableRandom(1)), ip)).isTrue();
    }
    assertThat(Bep42.isValid(NodeId.ofHex("00".repeat(20)), InetAddress.getByName("127.0.0.1")))
        .isTrue();
    assertThat(Bep42.exempt(InetAddress.getByName("192.168.1.1"))).isTrue();
    assertThat(Bep42.exempt(InetAddress.getByName("8.8.8.8"))).isFalse();
  }
}
