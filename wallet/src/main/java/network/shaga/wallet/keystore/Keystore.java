package network.shaga.wallet.keystore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import network.shaga.wallet.keys.WalletKey;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password-protected key file: Argon2id derives the keys, AES-256-GCM encrypts the content with
 * the whole header as associated data, and writes are atomic with owner-only permissions.
 */
public final class Keystore {
  static final String FORMAT = "shaga-keystore";
  static final int VERSION = 1;
  private static final int SALT_BYTES = 16;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final System.Logger LOG = System.getLogger(Keystore.class.getName());

  private final KdfParams kdf;
  private final SecureRandom random;

  public Keystore(KdfParams kdf, SecureRandom random) {
    this.kdf = kdf;
    this.random = random;
  }

  /** A keystore with the default Argon2id cost. */
  public static Keystore withDefaults() {
    return new Keystore(KdfParams.DEFAULT, new SecureRandom());
  }

  /** Encrypts {@code content} under {@code password} and atomically replaces {@code file}. */
  public void save(Path file, char[] password, KeystoreContent content) throws KeystoreException {
    byte[] salt = randomBytes(SALT_BYTES);
    byte[] nonce = randomBytes(NONCE_BYTES);
    ObjectNode header = JSON.createObjectNode();
    header.put("format", FORMAT);
    header.put("version", VERSION);
    header.put("address", content.key().address());
    ObjectNode kdfNode = header.putObject("kdf");
    kdfNode.put("name", "argon2id");
    kdfNode.put("memoryKiB", kdf.memoryKiB());
    kdfNode.put("iterations", kdf.iterations());
    kdfNode.put("parallelism", kdf.parallelism());
    kdfNode.put("salt", b64(salt));
    ObjectNode cipherNode = header.putObject("cipher");
    cipherNode.put("name", "aes-256-gcm");
    cipherNode.put("nonce", b64(nonce));

    DerivedKeys keys = derive(password, salt, kdf);
    header.put("check", b64(keys.check()));
    byte[] plaintext = plaintext(content);
    byte[] ciphertext;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.aes(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(header));
      ciphertext = cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required by every JDK", e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
      keys.wipe();
    }
    ObjectNode file0 = header.deepCopy();
    file0.put("ciphertext", b64(ciphertext));
    writeAtomically(file, toBytes(file0));
  }

  /** Decrypts {@code file}; the reason of a failure tells wrong password from damage. */
  public KeystoreContent load(Path file, char[] password) throws KeystoreException {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new KeystoreException(KeystoreException.Reason.NOT_FOUND, "no keystore at " + file, e);
    } catch (IOException e) {
      throw new KeystoreException(KeystoreException.Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
    ObjectNode root = parseHeader(raw);
    KdfParams params;
    byte[] salt;
    byte[] nonce;
    byte[] check;
    byte[] ciphertext;
    try {
      JsonNode k = root.required("kdf");
      JsonNode c = root.required("cipher");
      if (!"argon2id".equals(k.required("name").asText()) || !"aes-256-gcm".equals(c.required("name").asText())) {
        throw damaged("unknown algorithm names in the header");
      }
      params = new KdfParams(k.required("memoryKiB").intValue(), k.required("iterations").intValue(),
          k.required("parallelism").intValue());
      salt = unb64(k.required("salt"));
      nonce = unb64(c.required("nonce"));
      check = unb64(root.required("check"));
      ciphertext = unb64(root.required("ciphertext"));
      if (salt.length < SALT_BYTES || nonce.length != NONCE_BYTES || check.length != 32) {
        throw damaged("wrong field sizes in the header");
      }
    } catch (IllegalArgumentException e) {
      throw damaged("the header is incomplete or malformed");
    }
    DerivedKeys keys = derive(password, salt, params);
    try {
      if (!MessageDigest.isEqual(keys.check(), check)) {
        throw new KeystoreException(KeystoreException.Reason.WRONG_PASSWORD,
            "wrong password for this keystore");
      }
      ObjectNode header = root.deepCopy();
      header.remove("ciphertext");
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.aes(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData(header));
      byte[] plaintext = cipher.doFinal(ciphertext);
      try {
        KeystoreContent content = parseContent(plaintext);
        if (!content.key().address().equals(root.path("address").asText())) {
          throw damaged("the stored address does not match the stored key");
        }
        return content;
      } finally {
        Arrays.fill(plaintext, (byte) 0);
      }
    } catch (AEADBadTagException e) {
      // The password is right (the check matched), so the content or header was altered.
      throw new KeystoreException(KeystoreException.Reason.DAMAGED,
          "the keystore is damaged: its content fails authentication; restore it from a backup", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is required by every JDK", e);
    } finally {
      keys.wipe();
    }
  }

  /** The address stored in the header, readable without the password. */
  public static String peekAddress(Path file) throws KeystoreException {
    try {
      return parseHeader(Files.readAllBytes(file)).path("address").asText();
    } catch (NoSuchFileException e) {
      throw new KeystoreException(KeystoreException.Reason.NOT_FOUND, "no keystore at " + file, e);
    } catch (IOException e) {
      throw new KeystoreException(KeystoreException.Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static ObjectNode parseHeader(byte[] raw) throws KeystoreException {
    JsonNode root;
    try {
      root = JSON.readTree(raw);
    } catch (IOException e) {
      throw damaged("the file is not valid JSON");
    }
    if (!(root instanceof ObjectNode obj) || !FORMAT.equals(root.path("format").asText())) {
      throw damaged("the file is not a Shaga keystore");
    }
    JsonNode version = root.path("version");
    if (!version.isInt()) {
      throw damaged("the keystore has no version");
    }
    if (version.intValue() != VERSION) {
      throw new KeystoreException(KeystoreException.Reason.UNSUPPORTED_VERSION,
          "keystore version " + version.intValue() + " is not supported by this Shaga (it reads version "
              + VERSION + "); update Shaga to open it");
    }
    return obj;
  }

  private static KeystoreContent parseContent(byte[] plaintext) throws KeystoreException {
    try {
      JsonNode node = JSON.readTree(plaintext);
      byte[] seed = unb64(node.required("seed"));
      WalletKey key = WalletKey.fromSeed(seed);
      Arrays.fill(seed, (byte) 0);
      Map<String, String> secrets = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : node.path("secrets").properties()) {
        secrets.put(e.getKey(), e.getValue().asText());
      }
      return new KeystoreContent(key, secrets);
    } catch (IOException | IllegalArgumentException e) {
      throw damaged("the decrypted content is malformed");
    }
  }

  private static byte[] plaintext(KeystoreContent content) {
    ObjectNode node = JSON.createObjectNode();
    byte[] seed = content.key().seed();
    node.put("seed", b64(seed));
    Arrays.fill(seed, (byte) 0);
    ObjectNode secrets = node.putObject("secrets");
    new TreeMap<>(content.secrets()).forEach(secrets::put);
    return toBytes(node);
  }

  /** Canonical bytes of the header: key order is fixed by sorting, so any edit breaks the tag. */
  private static byte[] associatedData(ObjectNode header) {
    return toBytes(sorted(header));
  }

  private static JsonNode sorted(JsonNode node) {
    if (!node.isObject()) {
      return node;
    }
    ObjectNode out = JSON.createObjectNode();
    new TreeMap<String, JsonNode>(toMap(node)).forEach((k, v) -> out.set(k, sorted(v)));
    return out;
  }

  private static Map<String, JsonNode> toMap(JsonNode node) {
    Map<String, JsonNode> map = new TreeMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
    return map;
  }

  private record DerivedKeys(byte[] aes, byte[] check) {
    void wipe() {
      Arrays.fill(aes, (byte) 0);
      Arrays.fill(check, (byte) 0);
    }
  }

  /** One Argon2id run yields the AES key and a password check value that reveals nothing of it. */
  private static DerivedKeys derive(char[] password, byte[] salt, KdfParams params) {
    Argon2Parameters argon = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withSalt(salt)
        .withMemoryAsKB(params.memoryKiB())
        .withIterations(params.iterations())
        .withParallelism(params.parallelism())
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(argon);
    byte[] pw = utf8(password);
    byte[] master = new byte[32];
    generator.generateBytes(pw, master);
    Arrays.fill(pw, (byte) 0);
    try {
      byte[] aes = hmac(master, "shaga-keystore/aes");
      byte[] check = hmac(master, "shaga-keystore/check");
      return new DerivedKeys(aes, check);
    } finally {
      Arrays.fill(master, (byte) 0);
    }
  }

  private static byte[] hmac(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    if (buf.hasArray()) {
      Arrays.fill(buf.array(), (byte) 0);
    }
    return out;
  }

  /** Temp file in the same directory, fsync, atomic rename, fsync of the directory. */
  static void writeAtomically(Path file, byte[] data) throws KeystoreException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + file.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
    try {
      Files.createDirectories(dir);
      boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
      if (posix) {
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } else {
        Files.createFile(tmp);
      }
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new KeystoreException(KeystoreException.Reason.IO,
            "the file system of " + dir + " cannot replace files atomically", e);
      }
      syncDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw new KeystoreException(KeystoreException.Reason.IO, "temporary file collision in " + dir, e);
    } catch (IOException e) {
      throw new KeystoreException(KeystoreException.Reason.IO, "cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "could not remove temporary file " + tmp, e);
      }
    }
  }

  private static void syncDirectory(Path dir) {
    // Makes the rename durable on Linux; other systems may refuse to open a directory.
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "directory fsync not supported for " + dir);
    }
  }

  private byte[] randomBytes(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  private static KeystoreException damaged(String why) {
    return new KeystoreException(KeystoreException.Reason.DAMAGED, "the keystore is damaged: " + why);
  }

  private static String b64(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }

  private static byte[] unb64(JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("expected base64 text");
    }
    return Base64.getDecoder().decode(node.asText());
  }

  private static byte[] toBytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }
}
