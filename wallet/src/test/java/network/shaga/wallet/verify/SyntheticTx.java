package network.shaga.wallet.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.shaga.wallet.keys.WalletKey;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.utils.Base58;

/**
 * Builds signed transactions and a node's {@code getTransaction} answer for them, including shapes
 * the localnet cannot produce (v0 with lookup tables, CPIs, missing metadata), so every verification
 * rule can be probed directly.
 */
final class SyntheticTx {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<WalletKey> signers = new ArrayList<>();
  private final List<PublicKey> writable = new ArrayList<>();
  private final List<PublicKey> readonly = new ArrayList<>();
  private final List<PublicKey> loadedWritable = new ArrayList<>();
  private final List<PublicKey> loadedReadonly = new ArrayList<>();
  private PublicKey lookupTable;
  private final List<Object[]> instructions = new ArrayList<>();
  private final Map<Integer, List<Object[]>> inner = new LinkedHashMap<>();
  private final List<Object[]> pre = new ArrayList<>();
  private final List<Object[]> post = new ArrayList<>();
  private final String blockhash = randomBlockhash();
  private boolean v0;

  private static String randomBlockhash() {
    byte[] hash = new byte[32];
    new java.security.SecureRandom().nextBytes(hash);
    return Base58.encode(hash);
  }

  SyntheticTx signer(WalletKey key) {
    signers.add(key);
    return this;
  }

  SyntheticTx writable(PublicKey key) {
    writable.add(key);
    return this;
  }

  SyntheticTx readonly(PublicKey key) {
    readonly.add(key);
    return this;
  }

  /** Makes this a v0 transaction whose {@code key} is loaded (writable) from a lookup table. */
  SyntheticTx loadedWritable(PublicKey table, PublicKey key) {
    v0 = true;
    lookupTable = table;
    loadedWritable.add(key);
    return this;
  }

  SyntheticTx ix(PublicKey program, List<PublicKey> accounts, byte[] data) {
    instructions.add(new Object[] {program, accounts, data});
    return this;
  }

  SyntheticTx inner(int topIndex, PublicKey program, List<PublicKey> accounts, byte[] data) {
    inner.computeIfAbsent(topIndex, k -> new ArrayList<>()).add(new Object[] {program, accounts, data});
    return this;
  }

  SyntheticTx balance(boolean before, PublicKey account, PublicKey mint, PublicKey owner, long amount) {
    (before ? pre : post).add(new Object[] {account, mint, owner, amount});
    return this;
  }

  private List<PublicKey> staticKeys() {
    List<PublicKey> keys = new ArrayList<>();
    signers.forEach(s -> keys.add(s.publicKey()));
    keys.addAll(writable);
    keys.addAll(readonly);
    return keys;
  }

  private List<PublicKey> allKeys() {
    List<PublicKey> keys = staticKeys();
    keys.addAll(loadedWritable);
    keys.addAll(loadedReadonly);
    return keys;
  }

  private static int index(List<PublicKey> keys, PublicKey key) {
    int i = keys.indexOf(key);
    if (i < 0) {
      throw new IllegalArgumentException("key not in the transaction: " + key);
    }
    return i;
  }

  /** The message bytes every signer signs. */
  byte[] message() {
    List<PublicKey> keys = allKeys();
    List<PublicKey> statics = staticKeys();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (v0) {
      out.write(0x80);
    }
    out.write(signers.size());
    out.write(0);
    out.write(readonly.size());
    out.write(statics.size());
    statics.forEach(k -> out.writeBytes(k.toByteArray()));
    out.writeBytes(Base58.decode(blockhash));
    out.write(instructions.size());
    for (Object[] ix : instructions) {
      out.write(index(keys, (PublicKey) ix[0]));
      @SuppressWarnings("unchecked")
      List<PublicKey> accounts = (List<PublicKey>) ix[1];
      out.write(accounts.size());
      accounts.forEach(a -> out.write(index(keys, a)));
      byte[] data = (byte[]) ix[2];
      out.write(data.length);
      out.writeBytes(data);
    }
    if (v0) {
      out.write(lookupTable == null ? 0 : 1);
      if (lookupTable != null) {
        out.writeBytes(lookupTable.toByteArray());
        out.write(loadedWritable.size());
        for (int i = 0; i < loadedWritable.size(); i++) {
          out.write(i);
        }
        out.write(0);
      }
    }
    return out.toByteArray();
  }

  /** The getTransaction ("json" encoding) answer a node would give for this transaction. */
  ObjectNode answer(long slot, Long blockTime) {
    List<PublicKey> keys = allKeys();
    byte[] message = message();
    ObjectNode root = JSON.createObjectNode();
    root.put("slot", slot);
    if (blockTime == null) {
      root.putNull("blockTime");
    } else {
      root.put("blockTime", blockTime);
    }
    if (v0) {
      root.put("version", 0);
    } else {
      root.put("version", "legacy");
    }
    ObjectNode tx = root.putObject("transaction");
    ArrayNode sigs = tx.putArray("signatures");
    signers.forEach(s -> sigs.add(Base58.encode(s.sign(message))));
    ObjectNode msg = tx.putObject("message");
    ObjectNode header = msg.putObject("header");
    header.put("numRequiredSignatures", signers.size());
    header.put("numReadonlySignedAccounts", 0);
    header.put("numReadonlyUnsignedAccounts", readonly.size());
    ArrayNode accountKeys = msg.putArray("accountKeys");
    staticKeys().forEach(k -> accountKeys.add(k.toBase58()));
    msg.put("recentBlockhash", blockhash);
    ArrayNode ixs = msg.putArray("instructions");
    instructions.forEach(ix -> ixs.add(instructionJson(keys, ix)));
    if (v0) {
      ArrayNode lookups = msg.putArray("addressTableLookups");
      if (lookupTable != null) {
        ObjectNode l = lookups.addObject();
        l.put("accountKey", lookupTable.toBase58());
        ArrayNode w = l.putArray("writableIndexes");
        for (int i = 0; i < loadedWritable.size(); i++) {
          w.add(i);
        }
        l.putArray("readonlyIndexes");
      }
    }
    ObjectNode meta = root.putObject("meta");
    meta.putNull("err");
    meta.put("fee", 5000);
    ArrayNode innerNode = meta.putArray("innerInstructions");
    inner.forEach((top, list) -> {
      ObjectNode group = innerNode.addObject();
      group.put("index", top);
      ArrayNode arr = group.putArray("instructions");
      list.forEach(ix -> arr.add(instructionJson(keys, ix)));
    });
    meta.set("preTokenBalances", balances(keys, pre));
    meta.set("postTokenBalances", balances(keys, post));
    if (v0) {
      ObjectNode loaded = meta.putObject("loadedAddresses");
      ArrayNode w = loaded.putArray("writable");
      loadedWritable.forEach(k -> w.add(k.toBase58()));
      ArrayNode r = loaded.putArray("readonly");
      loadedReadonly.forEach(k -> r.add(k.toBase58()));
    }
    return root;
  }

  private static ObjectNode instructionJson(List<PublicKey> keys, Object[] ix) {
    ObjectNode node = JSON.createObjectNode();
    node.put("programIdIndex", index(keys, (PublicKey) ix[0]));
    ArrayNode accounts = node.putArray("accounts");
    @SuppressWarnings("unchecked")
    List<PublicKey> list = (List<PublicKey>) ix[1];
    list.forEach(a -> accounts.add(index(keys, a)));
    node.put("data", Base58.encode((byte[]) ix[2]));
    return node;
  }

  private static ArrayNode balances(List<PublicKey> keys, List<Object[]> entries) {
    ArrayNode out = JSON.createArrayNode();
    for (Object[] e : entries) {
      ObjectNode b = out.addObject();
      b.put("accountIndex", index(keys, (PublicKey) e[0]));
      b.put("mint", ((PublicKey) e[1]).toBase58());
      b.put("owner", ((PublicKey) e[2]).toBase58());
      b.put("programId", "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA");
      ObjectNode amount = b.putObject("uiTokenAmount");
      amount.put("amount", Long.toString((Long) e[3]));
      amount.put("decimals", 6);
    }
    return out;
  }

  /** The first signature of the answer, i.e. the transaction id. */
  static String signatureOf(ObjectNode answer) {
    return answer.path("transaction").path("signatures").path(0).asText();
  }
}
