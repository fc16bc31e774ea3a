package network.shaga.wallet.tx;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.shaga.wallet.keys.WalletKey;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.utils.Base58;

/**
 * A compiled legacy Solana message and, once signed, its wire bytes. Compiling ourselves keeps the
 * message bytes stable between fee estimation, signing and resending (solanaj's Transaction.sign
 * appends signatures on every call, FINDINGS).
 */
public final class LegacyTransaction {
  private final byte[] message;
  private final List<PublicKey> signers;
  private final String blockhash;

  private LegacyTransaction(byte[] message, List<PublicKey> signers, String blockhash) {
    this.message = message;
    this.signers = signers;
    this.blockhash = blockhash;
  }

  /** Compiles {@code instructions} with {@code feePayer} first and the given recent blockhash. */
  public static LegacyTransaction compile(PublicKey feePayer, List<Instruction> instructions, String recentBlockhash) {
    Map<PublicKey, boolean[]> flags = new LinkedHashMap<>();
    flags.put(feePayer, new boolean[] {true, true});
    for (Instruction ix : instructions) {
      for (Instruction.AccountMeta m : ix.accounts()) {
        boolean[] f = flags.computeIfAbsent(m.key(), k -> new boolean[2]);
        f[0] |= m.signer();
        f[1] |= m.writable();
      }
      flags.computeIfAbsent(ix.programId(), k -> new boolean[2]);
    }
    List<PublicKey> keys = new ArrayList<>();
    // Order required by the runtime: signer+writable, signer+readonly, writable, readonly.
    for (int group = 0; group < 4; group++) {
      for (Map.Entry<PublicKey, boolean[]> e : flags.entrySet()) {
        boolean signer = e.getValue()[0];
        boolean writable = e.getValue()[1];
        int g = signer ? (writable ? 0 : 1) : (writable ? 2 : 3);
        if (g == group) {
          keys.add(e.getKey());
        }
      }
    }
    int numSigners = (int) flags.values().stream().filter(f -> f[0]).count();
    int readonlySigned = (int) flags.values().stream().filter(f -> f[0] && !f[1]).count();
    int readonlyUnsigned = (int) flags.values().stream().filter(f -> !f[0] && !f[1]).count();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(numSigners);
    out.write(readonlySigned);
    out.write(readonlyUnsigned);
    ShortVec.write(out, keys.size());
    keys.forEach(k -> out.writeBytes(k.toByteArray()));
    byte[] hash = Base58.decode(recentBlockhash);
    if (hash.length != 32) {
      throw new IllegalArgumentException("a blockhash is 32 bytes");
    }
    out.writeBytes(hash);
    ShortVec.write(out, instructions.size());
    for (Instruction ix : instructions) {
      out.write(keys.indexOf(ix.programId()));
      ShortVec.write(out, ix.accounts().size());
      ix.accounts().forEach(m -> out.write(keys.indexOf(m.key())));
      byte[] data = ix.data();
      ShortVec.write(out, data.length);
      out.writeBytes(data);
    }
    return new LegacyTransaction(out.toByteArray(), List.copyOf(keys.subList(0, numSigners)), recentBlockhash);
  }

  /** The serialized message, what signers sign and getFeeForMessage prices. */
  public byte[] message() {
    return message.clone();
  }

  public String messageBase64() {
    return Base64.getEncoder().encodeToString(message);
  }

  public String recentBlockhash() {
    return blockhash;
  }

  /** Signs with {@code keys} (one per required signer, any order) and returns the signed transaction. */
  public Signed sign(List<WalletKey> keys) {
    List<byte[]> signatures = new ArrayList<>();
    for (PublicKey signer : signers) {
      WalletKey key = keys.stream().filter(k -> k.publicKey().equals(signer)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("missing signer " + signer));
      signatures.add(key.sign(message));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ShortVec.write(out, signatures.size());
    signatures.forEach(out::writeBytes);
    out.writeBytes(message);
    return new Signed(Base58.encode(signatures.get(0)), out.toByteArray());
  }

  /** A signed transaction: its id (the first signature, base58) and exact wire bytes. */
  public record Signed(String signature, byte[] wire) {
    public Signed {
      wire = wire.clone();
    }

    @Override
    public byte[] wire() {
      return wire.clone();
    }

    public String base64() {
      return Base64.getEncoder().encodeToString(wire);
    }
  }
}
