package network.shaga.wallet.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import network.shaga.wallet.keys.WalletKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class KeystoreTest {
  private static final KdfParams FAST = new KdfParams(1024, 1, 1);
  private static final char[] PASSWORD = "correct horse".toCharArray();

  @TempDir Path dir;
  private final Keystore keystore = new Keystore(FAST, new SecureRandom());
  private final WalletKey key = WalletKey.generate(new SecureRandom());

  @Test
  void roundTripsKeyAndSecretsWithOwnerOnlyPermissions() throws Exception {
    Path file = dir.resolve("wallet.json");
    keystore.save(file, PASSWORD, KeystoreContent.of(key).withSecret("sunshine.password", "s3cret"));
    KeystoreContent back = keystore.load(file, PASSWORD);
    assertThat(back.key().address()).isEqualTo(key.address());
    assertThat(back.secrets()).containsEntry("sunshine.password", "s3cret");
    assertThat(Keystore.peekAddress(file)).isEqualTo(key.address());
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.readString(file)).doesNotContain("s3cret");
  }

  @Test
  void wrongPasswordIsReportedAsSuch() throws Exception {
    Path file = dir.resolve("wallet.json");
    keystore.save(file, PASSWORD, KeystoreContent.of(key));
    assertThatThrownBy(() -> keystore.load(file, "wrong".toCharArray()))
        .isInstanceOfSatisfying(KeystoreException.class,
            e -> assertThat(e.reason()).isEqualTo(KeystoreException.Reason.WRONG_PASSWORD));
  }

  @Test
  void alteredCiphertextOrHeaderIsDamage() throws Exception {
    Path file = dir.resolve("wallet.json");
    keystore.save(file, PASSWORD, KeystoreContent.of(key));
    String original = Files.readString(file);

    String ct = original.replaceAll(".*\"ciphertext\":\"([^\"]+)\".*", "$1");
    char flipped = ct.charAt(5) == 'A' ? 'B' : 'A';
    Files.writeString(file, original.replace(ct, ct.substring(0, 5) + flipped + ct.substring(6)));
    assertReason(file, KeystoreException.Reason.DAMAGED);

    // The address is in the header, which the GCM tag authenticates.
    Files.writeString(file, original.replace(key.address(), WalletKey.generate(new SecureRandom()).address()));
    assertReason(file, KeystoreException.Reason.DAMAGED);

    Files.writeString(file, original.substring(0, original.length() / 2));
    assertReason(file, KeystoreException.Reason.DAMAGED);

    Files.write(file, new byte[] {0, 1, 2});
    assertReason(file, KeystoreException.Reason.DAMAGED);

    Files.writeString(file, original.replace("\"salt\"", "\"pepper\""));
    assertReason(file, KeystoreException.Reason.DAMAGED);

    // A header demanding absurd Argon2 memory is refused before any allocation.
    Files.writeString(file, original.replace("\"memoryKiB\":1024", "\"memoryKiB\":2000000000"));
    assertReason(file, KeystoreException.Reason.DAMAGED);
  }

  @Test
  void newerVersionIsUnsupportedAndMissingFileIsNotFound() throws Exception {
    Path file = dir.resolve("wallet.json");
    keystore.save(file, PASSWORD, KeystoreContent.of(key));
    Files.writeString(file, Files.readString(file).replace("\"version\":1", "\"version\":2"));
    assertReason(file, KeystoreException.Reason.UNSUPPORTED_VERSION);
    assertReason(dir.resolve("absent.json"), KeystoreException.Reason.NOT_FOUND);
  }

  @Test
  void saveReplacesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("wallet.json");
    keystore.save(file, PASSWORD, KeystoreContent.of(key));
    WalletKey other = WalletKey.generate(new SecureRandom());
    keystore.save(file, PASSWORD, KeystoreContent.of(other).withSecret("a", "b"));
    assertThat(keystore.load(file, PASSWORD).key().address()).isEqualTo(other.address());
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("wallet.json");
    }
  }

  @Test
  void failedWriteKeepsThePreviousFileIntact() throws Exception {
    Path file = dir.resolve("wallet.json");
    keystore.save(file, PASSWORD, KeystoreContent.of(key));
    byte[] before = Files.readAllBytes(file);
    // A directory in place of the target makes the final rename fail after the temp file is written.
    Path blocked = dir.resolve("blocked.json");
    Files.createDirectory(blocked);
    Files.writeString(blocked.resolve("x"), "occupied");
    assertThatThrownBy(() -> keystore.save(blocked, PASSWORD, KeystoreContent.of(key)))
        .isInstanceOfSatisfying(KeystoreException.class,
            e -> assertThat(e.reason()).isEqualTo(KeystoreException.Reason.IO));
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("wallet.json", "blocked.json");
    }
  }

  @Test
  void defaultCostRoundTripsAndRecordsItsCost() throws Exception {
    Keystore strong = Keystore.withDefaults();
    Path file = dir.resolve("strong.json");
    strong.save(file, PASSWORD, KeystoreContent.of(key));
    long[] ms = new long[5];
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      assertThat(strong.load(file, PASSWORD).key().address()).isEqualTo(key.address());
      ms[i] = (System.nanoTime() - start) / 1_000_000;
    }
    java.util.Arrays.sort(ms);
    System.getLogger(KeystoreTest.class.getName()).log(System.Logger.Level.INFO,
        "keystore unlock (Argon2id 64 MiB, t=3, p=1): median " + ms[2] + " ms, min " + ms[0] + " ms, max " + ms[4] + " ms");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("\"memoryKiB\":65536");
  }

  private void assertReason(Path file, KeystoreException.Reason reason) {
    assertThatThrownBy(() -> keystore.load(file, PASSWORD))
        .isInstanceOfSatisfying(KeystoreException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
