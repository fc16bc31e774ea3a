package network.shaga.wallet.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class KeyImportTest {
  private static final String ABANDON =
      "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

  @Test
  void knownPhraseGivesThePhantomAddress() {
    // Published vector: this phrase at m/44'/501'/0'/0' in Phantom, Solflare and @solana/web3.js tooling.
    var result = KeyImport.fromPhrase(ABANDON, "");
    assertThat(result).isInstanceOf(KeyImport.Imported.class);
    assertThat(((KeyImport.Imported) result).key().address()).isEqualTo("HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk");
  }

  @Test
  void bip39SeedMatchesTrezorVectors() {
    assertThat(HexFormat.of().formatHex(Bip39.seed(Bip39.normalise(ABANDON), "TREZOR"))).isEqualTo(
        "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04");
    assertThat(HexFormat.of().formatHex(Bip39.seed(Bip39.normalise(ABANDON), ""))).isEqualTo(
        "5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4");
  }

  @Test
  void entropyEncodesToTheStandardPhrases() {
    assertThat(String.join(" ", Bip39.fromEntropy(new byte[16]))).isEqualTo(ABANDON);
    byte[] ff = new byte[32];
    java.util.Arrays.fill(ff, (byte) 0xff);
    assertThat(String.join(" ", Bip39.fromEntropy(ff)))
        .isEqualTo("zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote");
  }

  @Test
  void slip10MatchesPublishedVector() {
    // SLIP-0010 test vector 1 for ed25519, chain m/0'/1'/2'/2'/1000000000'.
    byte[] seed = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    assertThat(HexFormat.of().formatHex(Slip10.derive(seed, 0, 1, 2, 2, 1000000000)))
        .isEqualTo("8f94d394a8e8fd6b1bc2f3f49f5c47e385281d5c17e65324b0f62483e37e8793");
  }

  @Test
  void refusesBadChecksumUnknownWordsAndWrongLength() {
    assertThat(KeyImport.fromPhrase(ABANDON.replace("about", "abandon"), ""))
        .isEqualTo(new KeyImport.Refused("the phrase's checksum does not match: a word is probably mistyped or out of order"));
    assertThat(KeyImport.fromPhrase(ABANDON.replace("about", "aboutt"), ""))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.type(KeyImport.Refused.class))
        .extracting(KeyImport.Refused::message).asString().contains("word 12");
    assertThat(KeyImport.fromPhrase("abandon abandon about", "")).isInstanceOf(KeyImport.Refused.class);
    assertThat(KeyImport.fromPhrase("", "")).isInstanceOf(KeyImport.Refused.class);
  }

  @Test
  void normalisesCaseWhitespaceAndUnicode() {
    var messy = "  ABANDON\tabandon abandon abandon  abandon abandon abandon abandon abandon abandon abandon about\n";
    assertThat(((KeyImport.Imported) KeyImport.fromPhrase(messy, "")).key().address())
        .isEqualTo("HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk");
    // A passphrase typed in composed form (é) and decomposed form (e + ◌́) is the same passphrase.
    var composed = ((KeyImport.Imported) KeyImport.fromPhrase(ABANDON, "caf\u00e9")).key().address();
    var decomposed = ((KeyImport.Imported) KeyImport.fromPhrase(ABANDON, "cafe\u0301")).key().address();
    assertThat(composed).isEqualTo(decomposed).isNotEqualTo("HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk");
  }

  @Test
  void generatedPhrasesValidateAndImport() {
    SecureRandom random = new SecureRandom();
    for (int n : List.of(12, 24)) {
      List<String> words = Bip39.generate(n, random);
      assertThat(words).hasSize(n);
      assertThat(Bip39.validate(words)).isEmpty();
      assertThat(KeyImport.fromPhrase(String.join(" ", words), "")).isInstanceOf(KeyImport.Imported.class);
    }
  }

  @Test
  void keypairJsonRoundTripsAndRejectsDamage() {
    WalletKey key = WalletKey.generate(new SecureRandom());
    String json = KeyImport.toKeypairJson(key);
    var back = (KeyImport.Imported) KeyImport.fromKeypairJson(json);
    assertThat(back.key().address()).isEqualTo(key.address());

    String[] parts = json.substring(1, json.length() - 1).split(",");
    parts[40] = String.valueOf((Integer.parseInt(parts[40]) + 1) % 256);
    assertThat(KeyImport.fromKeypairJson("[" + String.join(",", parts) + "]"))
        .isInstanceOf(KeyImport.Refused.class);
    assertThat(KeyImport.fromKeypairJson("[1,2,3]")).isInstanceOf(KeyImport.Refused.class);
    assertThat(KeyImport.fromKeypairJson("{\"a\":1}")).isInstanceOf(KeyImport.Refused.class);
    assertThat(KeyImport.fromKeypairJson("[" + "256,".repeat(63) + "1]")).isInstanceOf(KeyImport.Refused.class);
    assertThat(KeyImport.fromKeypairJson("not json")).isInstanceOf(KeyImport.Refused.class);
  }

  @Test
  void signaturesVerify() {
    WalletKey key = WalletKey.generate(new SecureRandom());
    byte[] msg = "hello".getBytes();
    byte[] sig = key.sign(msg);
    assertThat(WalletKey.verify(key.publicKey(), msg, sig)).isTrue();
    sig[0] ^= 1;
    assertThat(WalletKey.verify(key.publicKey(), msg, sig)).isFalse();
  }

  @Test
  void derivationAgreesWithSolanajsPhantomPath() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 5; i++) {
      List<String> words = Bip39.generate(i % 2 == 0 ? 12 : 24, random);
      String ours = ((KeyImport.Imported) KeyImport.fromPhrase(String.join(" ", words), "")).key().address();
      String theirs = org.p2p.solanaj.core.Account.fromBip44MnemonicWithChange(words, "").getPublicKeyBase58();
      assertThat(ours).isEqualTo(theirs);
    }
  }
}
