package network.shaga.wallet.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.tx.ShortVec;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.utils.Base58;

/**
 * A transaction as returned by {@code getTransaction} ("json" encoding), parsed strictly: account
 * indexes resolved (including address-lookup-table keys), and signatures checked against the
 * message bytes rebuilt from the answer, so a node cannot pass off one transaction as another.
 */
record TransactionView(
    List<String> signatures,
    int requiredSignatures,
    List<PublicKey> accountKeys,
    List<Ix> instructions,
    Optional<List<List<Ix>>> innerInstructions,
    Optional<JsonNode> err,
    List<TokenBalance> preTokenBalances,
    List<TokenBalance> postTokenBalances,
    Optional<Long> blockTime,
    long slot) {

  /** An instruction with its program and accounts resolved to keys. */
  record Ix(PublicKey programId, List<PublicKey> accounts, byte[] data) {}

  /** One token balance entry of {@code meta}. */
  record TokenBalance(int accountIndex, String mint, Optional<String> owner, Optional<String> programId, long amount) {}

  /** The answer does not have the shape of a Solana transaction. */
  static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  static TransactionView parse(JsonNode root) throws MalformedException {
    JsonNode tx = object(root, "transaction");
    JsonNode meta = object(root, "meta");
    JsonNode message = object(tx, "message");
    JsonNode header = object(message, "header");
    int required = smallInt(header, "numRequiredSignatures", 255);
    int readonlySigned = smallInt(header, "numReadonlySignedAccounts", 255);
    int readonlyUnsigned = smallInt(header, "numReadonlyUnsignedAccounts", 255);

    List<String> signatures = new ArrayList<>();
    for (JsonNode s : array(tx, "signatures")) {
      signatures.add(text(s, "signature"));
    }
    List<PublicKey> staticKeys = new ArrayList<>();
    for (JsonNode k : array(message, "accountKeys")) {
      staticKeys.add(key(k));
    }
    if (required < 1 || signatures.size() != required || required > staticKeys.size()
        || readonlySigned >= required || readonlyUnsigned > staticKeys.size() - required) {
      throw new MalformedException("inconsistent message header");
    }
    String blockhash = text(message.get("recentBlockhash"), "recentBlockhash");

    Object version = versionOf(root);
    List<PublicKey> keys = new ArrayList<>(staticKeys);
    JsonNode lookups = message.get("addressTableLookups");
    boolean hasLookups = lookups != null && !lookups.isNull() && lookups.size() > 0;
    if (hasLookups && !Integer.valueOf(0).equals(version)) {
      throw new MalformedException("address table lookups in a legacy transaction");
    }
    if (hasLookups) {
      JsonNode loaded = object(meta, "loadedAddresses");
      for (JsonNode k : array(loaded, "writable")) {
        keys.add(key(k));
      }
      for (JsonNode k : array(loaded, "readonly")) {
        keys.add(key(k));
      }
    }
    Set<PublicKey> unique = new HashSet<>(keys);
    if (unique.size() != keys.size()) {
      throw new MalformedException("an account appears twice in the account list");
    }

    List<Ix> instructions = new ArrayList<>();
    ByteArrayOutputStream rebuilt = new ByteArrayOutputStream();
    if (Integer.valueOf(0).equals(version)) {
      rebuilt.write(0x80);
    }
    rebuilt.write(required);
    rebuilt.write(readonlySigned);
    rebuilt.write(readonlyUnsigned);
    ShortVec.write(rebuilt, staticKeys.size());
    staticKeys.forEach(k -> rebuilt.writeBytes(k.toByteArray()));
    byte[] hash = base58(blockhash, "recentBlockhash");
    if (hash.length != 32) {
      throw new MalformedException("recentBlockhash is not 32 bytes");
    }
    rebuilt.writeBytes(hash);
    JsonNode ixs = array(message, "instructions");
    ShortVec.write(rebuilt, ixs.size());
    for (JsonNode ix : ixs) {
      Ix parsed = instruction(ix, keys);
      instructions.add(parsed);
      rebuilt.write(ix.get("programIdIndex").intValue());
      JsonNode accounts = ix.get("accounts");
      ShortVec.write(rebuilt, accounts.size());
      accounts.forEach(a -> rebuilt.write(a.intValue()));
      ShortVec.write(rebuilt, parsed.data().length);
      rebuilt.writeBytes(parsed.data());
    }
    if (Integer.valueOf(0).equals(version)) {
      JsonNode list = lookups == null || lookups.isNull() ? null : lookups;
      ShortVec.write(rebuilt, list == null ? 0 : list.size());
      if (list != null) {
        for (JsonNode l : list) {
          rebuilt.writeBytes(key(l.get("accountKey")).toByteArray());
          for (String part : List.of("writableIndexes", "readonlyIndexes")) {
            JsonNode idx = array(l, part);
            ShortVec.write(rebuilt, idx.size());
            for (JsonNode i : idx) {
              rebuilt.write(u8(i));
            }
          }
        }
      }
    }
    byte[] messageBytes = rebuilt.toByteArray();
    for (int i = 0; i < required; i++) {
      byte[] sig = base58(signatures.get(i), "signature");
      if (!WalletKey.verify(staticKeys.get(i), messageBytes, sig)) {
        throw new MalformedException("signature " + i + " does not sign this message");
      }
    }

    Optional<List<List<Ix>>> inner = Optional.empty();
    JsonNode innerNode = meta.get("innerInstructions");
    if (innerNode != null && !innerNode.isNull()) {
      List<List<Ix>> groups = new ArrayList<>();
      for (int i = 0; i < instructions.size(); i++) {
        groups.add(new ArrayList<>());
      }
      for (JsonNode group : array(meta, "innerInstructions")) {
        int index = smallInt(group, "index", instructions.size() - 1);
        for (JsonNode ix : array(group, "instructions")) {
          groups.get(index).add(instruction(ix, keys));
        }
      }
      inner = Optional.of(groups.stream().map(List::copyOf).toList());
    }

    JsonNode err = meta.get("err");
    JsonNode blockTime = root.get("blockTime");
    JsonNode slot = root.get("slot");
    if (slot == null || !slot.isIntegralNumber()) {
      throw new MalformedException("no slot");
    }
    return new TransactionView(List.copyOf(signatures), required, List.copyOf(keys), List.copyOf(instructions), inner,
        err == null || err.isNull() ? Optional.empty() : Optional.of(err),
        balances(meta, "preTokenBalances", keys.size()), balances(meta, "postTokenBalances", keys.size()),
        blockTime == null || blockTime.isNull() ? Optional.empty() : Optional.of(unixTime(blockTime)),
        slot.asLong());
  }

  private static Object versionOf(JsonNode root) throws MalformedException {
    JsonNode v = root.get("version");
    if (v == null || v.isNull() || (v.isTextual() && v.asText().equals("legacy"))) {
      return "legacy";
    }
    if (v.isIntegralNumber() && v.asInt() == 0) {
      return 0;
    }
    throw new MalformedException("unsupported transaction version " + v);
  }

  private static Ix instruction(JsonNode ix, List<PublicKey> keys) throws MalformedException {
    int program = smallInt(ix, "programIdIndex", keys.size() - 1);
    List<PublicKey> accounts = new ArrayList<>();
    for (JsonNode a : array(ix, "accounts")) {
      int i = u8(a);
      if (i >= keys.size()) {
        throw new MalformedException("account index out of range");
      }
      accounts.add(keys.get(i));
    }
    byte[] data = base58(text(ix.get("data"), "data"), "instruction data");
    return new Ix(keys.get(program), List.copyOf(accounts), data);
  }

  private static List<TokenBalance> balances(JsonNode meta, String field, int keyCount) throws MalformedException {
    JsonNode node = meta.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<TokenBalance> out = new ArrayList<>();
    Set<Integer> seen = new HashSet<>();
    for (JsonNode b : array(meta, field)) {
      int index = smallInt(b, "accountIndex", keyCount - 1);
      if (!seen.add(index)) {
        throw new MalformedException(field + " lists account " + index + " twice");
      }
      JsonNode amount = object(b, "uiTokenAmount").get("amount");
      long raw;
      try {
        raw = Long.parseLong(text(amount, "amount"));
      } catch (NumberFormatException e) {
        throw new MalformedException(field + " amount is not an integer");
      }
      if (raw < 0) {
        throw new MalformedException(field + " amount is negative");
      }
      out.add(new TokenBalance(index, text(b.get("mint"), "mint"), optionalText(b, "owner"),
          optionalText(b, "programId"), raw));
    }
    return List.copyOf(out);
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() ? Optional.empty() : Optional.of(v.asText());
  }

  private static JsonNode object(JsonNode node, String field) throws MalformedException {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || !v.isObject()) {
      throw new MalformedException("missing object " + field);
    }
    return v;
  }

  private static JsonNode array(JsonNode node, String field) throws MalformedException {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new MalformedException("missing array " + field);
    }
    return v;
  }

  private static String text(JsonNode v, String what) throws MalformedException {
    if (v == null || !v.isTextual()) {
      throw new MalformedException("missing text " + what);
    }
    return v.asText();
  }

  private static int smallInt(JsonNode node, String field, int max) throws MalformedException {
    JsonNode v = node.get(field);
    if (v == null || !v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > max) {
      throw new MalformedException("bad " + field);
    }
    return v.asInt();
  }

  private static long integral(JsonNode v, String what) throws MalformedException {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new MalformedException("bad " + what);
    }
    return v.asLong();
  }

  /** A block time in seconds since 1970, up to the year 9999. */
  private static long unixTime(JsonNode v) throws MalformedException {
    long t = integral(v, "blockTime");
    if (t < 0 || t > 253_402_300_799L) {
      throw new MalformedException("blockTime out of range");
    }
    return t;
  }

  private static int u8(JsonNode v) throws MalformedException {
    if (!v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > 255) {
      throw new MalformedException("bad account index");
    }
    return v.asInt();
  }

  private static PublicKey key(JsonNode v) throws MalformedException {
    byte[] raw = base58(text(v, "account key"), "account key");
    if (raw.length != 32) {
      throw new MalformedException("an account key is not 32 bytes");
    }
    return new PublicKey(raw);
  }

  private static byte[] base58(String s, String what) throws MalformedException {
    try {
      return Base58.decode(s);
    } catch (RuntimeException e) {
      throw new MalformedException(what + " is not base58");
    }
  }
}
