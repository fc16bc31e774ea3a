package network.shaga.wallet.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/** BIP39 recovery phrases with the English wordlist: generation, validation and seed derivation. */
public final class Bip39 {
  private static final String WORDLIST_RESOURCE = "/network/shaga/wallet/bip39-english.txt";
  /** SHA-256 of the official english.txt: a damaged resource must never yield wrong keys. */
  private static final String WORDLIST_SHA256 =
      "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda";
  private static final List<String> WORDS = loadWordlist();
  private static final Map<String, Integer> INDEX = indexOf(WORDS);

  private Bip39() {}

  /** Why a phrase was refused. */
  public enum Problem {
    WRONG_WORD_COUNT,
    UNKNOWN_WORD,
    BAD_CHECKSUM
  }

  /** A refused phrase: what is wrong and, for an unknown word, which position (1-based). */
  public record Rejection(Problem problem, int position, String message) {}

  /** A fresh phrase of 12 or 24 words from {@code random}. */
  public static List<String> generate(int wordCount, SecureRandom random) {
    if (wordCount != 12 && wordCount != 24) {
      throw new IllegalArgumentException("phrases have 12 or 24 words");
    }
    byte[] entropy = new byte[wordCount * 4 / 3];
    random.nextBytes(entropy);
    return fromEntropy(entropy);
  }

  /** The phrase encoding {@code entropy} (16–32 bytes, a multiple of 4). */
  public static List<String> fromEntropy(byte[] entropy) {
    if (entropy.length < 16 || entropy.length > 32 || entropy.length % 4 != 0) {
      throw new IllegalArgumentException("entropy must be 16..32 bytes, a multiple of 4");
    }
    int entropyBits = entropy.length * 8;
    int checksumBits = entropyBits / 32;
    byte[] hash = sha256(entropy);
    List<String> words = new ArrayList<>();
    for (int w = 0; w < (entropyBits + checksumBits) / 11; w++) {
      int index = 0;
      for (int b = 0; b < 11; b++) {
        int bit = w * 11 + b;
        index = (index << 1) | bitAt(bit < entropyBits ? entropy : hash, bit < entropyBits ? bit : bit - entropyBits);
      }
      words.add(WORDS.get(index));
    }
    return List.copyOf(words);
  }

  /** Splits and normalises a typed phrase (NFKD, lower case, any whitespace). */
  public static List<String> normalise(String phrase) {
    String nfkd = Normalizer.normalize(phrase, Normalizer.Form.NFKD).strip().toLowerCase(java.util.Locale.ROOT);
    return nfkd.isEmpty() ? List.of() : List.of(nfkd.split("\\s+"));
  }

  /** Checks word count, words and checksum; empty when the phrase is valid. */
  public static Optional<Rejection> validate(List<String> words) {
    int n = words.size();
    if (n < 12 || n > 24 || n % 3 != 0) {
      return Optional.of(new Rejection(Problem.WRONG_WORD_COUNT, 0,
          "a recovery phrase has 12, 15, 18, 21 or 24 words, this one has " + n));
    }
    int totalBits = n * 11;
    int checksumBits = totalBits / 33;
    int entropyBits = totalBits - checksumBits;
    byte[] bits = new byte[(totalBits + 7) / 8];
    for (int w = 0; w < n; w++) {
      Integer index = INDEX.get(words.get(w));
      if (index == null) {
        return Optional.of(new Rejection(Problem.UNKNOWN_WORD, w + 1,
            "word " + (w + 1) + " is not in the BIP39 English wordlist"));
      }
      for (int b = 0; b < 11; b++) {
        if (((index >> (10 - b)) & 1) == 1) {
          int bit = w * 11 + b;
          bits[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
      }
    }
    byte[] entropy = java.util.Arrays.copyOf(bits, entropyBits / 8);
    byte[] hash = sha256(entropy);
    for (int c = 0; c < checksumBits; c++) {
      if (bitAt(bits, entropyBits + c) != bitAt(hash, c)) {
        return Optional.of(new Rejection(Problem.BAD_CHECKSUM, 0,
            "the phrase's checksum does not match: a word is probably mistyped or out of order"));
      }
    }
    return Optional.empty();
  }

  /** The 64-byte BIP39 seed (PBKDF2-HMAC-SHA512, 2048 rounds) of a validated phrase. */
  public static byte[] seed(List<String> words, String passphrase) {
    String mnemonic = Normalizer.normalize(String.join(" ", words), Normalizer.Form.NFKD);
    String salt = Normalizer.normalize("mnemonic" + passphrase, Normalizer.Form.NFKD);
    PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA512Digest());
    generator.init(mnemonic.getBytes(StandardCharsets.UTF_8), salt.getBytes(StandardCharsets.UTF_8), 2048);
    return ((KeyParameter) generator.generateDerivedParameters(512)).getKey();
  }

  private static int bitAt(byte[] data, int bit) {
    return (data[bit / 8] >> (7 - bit % 8)) & 1;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  private static List<String> loadWordlist() {
    try (InputStream in = Bip39.class.getResourceAsStream(WORDLIST_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + WORDLIST_RESOURCE);
      }
      byte[] raw = in.readAllBytes();
      if (!HexFormat.of().formatHex(sha256(raw)).equals(WORDLIST_SHA256)) {
        throw new IllegalStateException("the BIP39 wordlist resource is damaged");
      }
      List<String> words = List.of(new String(raw, StandardCharsets.UTF_8).split("\n"));
      if (words.size() != 2048) {
        throw new IllegalStateException("the BIP39 wordlist must have 2048 words");
      }
      return words;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + WORDLIST_RESOURCE, e);
    }
  }

  private static Map<String, Integer> indexOf(List<String> words) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < words.size(); i++) {
      index.put(words.get(i), i);
    }
    return Map.copyOf(index);
  }
}
