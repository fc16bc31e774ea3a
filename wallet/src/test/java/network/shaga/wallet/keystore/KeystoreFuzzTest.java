package network.shaga.wallet.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import network.shaga.wallet.keys.WalletKey;

/** Any single-byte change to a keystore file is refused with a reason, or is provably harmless. */
class KeystoreFuzzTest {
  private static final char[] PASSWORD = "pw".toCharArray();
  private static final Keystore KEYSTORE = new Keystore(new KdfParams(256, 1, 1), new SecureRandom());
  private static final WalletKey KEY = WalletKey.generate(new SecureRandom());

  @Property(tries = 150)
  void flippedBytesNeverYieldOtherContent(@ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) throws Exception {
    Path dir = Files.createTempDirectory("keystore-fuzz");
    try {
      Path file = dir.resolve("w.json");
      KeystoreContent content = KeystoreContent.of(KEY).withSecret("s", "v");
      KEYSTORE.save(file, PASSWORD, content);
      byte[] bytes = Files.readAllBytes(file);
      bytes[position % bytes.length] ^= (byte) xor;
      Files.write(file, bytes);
      try {
        KeystoreContent loaded = KEYSTORE.load(file, PASSWORD);
        // Only a change the decoders ignore (e.g. unused base64 padding bits) may still open.
        assertThat(loaded.key().address()).isEqualTo(KEY.address());
        assertThat(loaded.secrets()).isEqualTo(content.secrets());
      } catch (KeystoreException e) {
        assertThat(e.reason()).isIn(KeystoreException.Reason.DAMAGED, KeystoreException.Reason.WRONG_PASSWORD,
            KeystoreException.Reason.UNSUPPORTED_VERSION);
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
