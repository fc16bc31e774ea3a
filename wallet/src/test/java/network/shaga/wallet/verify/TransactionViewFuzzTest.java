package network.shaga.wallet.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.tx.Programs;
import network.shaga.wallet.tx.TokenAccounts;
import org.p2p.solanaj.core.PublicKey;

/** Random damage to a node's answer: parsing and rules fail with a reason, never with a crash. */
class TransactionViewFuzzTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long BLOCK_TIME = 1_800_000_000L;
  private static final WalletKey PLAYER = WalletKey.generate(RANDOM);
  private static final PublicKey HOST = WalletKey.generate(RANDOM).publicKey();
  private static final PublicKey MINT = WalletKey.generate(RANDOM).publicKey();
  private static final PublicKey REFERENCE = WalletKey.generate(RANDOM).publicKey();
  private static final ExpectedPayment EXPECTED = new ExpectedPayment(PLAYER.publicKey(), HOST, MINT, 1000, REFERENCE,
      "shaga:f", Instant.ofEpochSecond(BLOCK_TIME - 10), Instant.ofEpochSecond(BLOCK_TIME + 600));
  private static final ObjectNode VALID = valid();

  private static ObjectNode valid() {
    PublicKey source = TokenAccounts.associated(PLAYER.publicKey(), MINT);
    PublicKey hostAta = TokenAccounts.associated(HOST, MINT);
    byte[] data = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 12).putLong(1000).put((byte) 6).array();
    return new SyntheticTx().signer(PLAYER).writable(source).writable(hostAta)
        .readonly(Programs.MEMO_V2).readonly(Programs.TOKEN).readonly(MINT).readonly(REFERENCE)
        .ix(Programs.MEMO_V2, List.of(), "shaga:f".getBytes(StandardCharsets.UTF_8))
        .ix(Programs.TOKEN, List.of(source, MINT, hostAta, PLAYER.publicKey(), REFERENCE), data)
        .balance(true, hostAta, MINT, HOST, 0).balance(false, hostAta, MINT, HOST, 1000)
        .answer(3, BLOCK_TIME);
  }

  @Provide
  Arbitrary<List<Tuple3<Integer, Integer, Long>>> mutations() {
    return Arbitraries.integers().between(0, 10_000).flatMap(node -> Arbitraries.integers().between(0, 6)
        .flatMap(op -> Arbitraries.longs().map(value -> Tuple.of(node, op, value)))).list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 400)
  void damagedAnswersNeverCrashTheVerifier(@ForAll("mutations") List<Tuple3<Integer, Integer, Long>> mutations) {
    ObjectNode answer = VALID.deepCopy();
    for (Tuple3<Integer, Integer, Long> m : mutations) {
      mutate(answer, m.get1(), m.get2(), m.get3());
    }
    PaymentRules rules = new PaymentRules(Duration.ofSeconds(60));
    try {
      Verification v = rules.check(TransactionView.parse(answer), EXPECTED, SyntheticTx.signatureOf(VALID));
      assertThat(v).isNotNull();
    } catch (TransactionView.MalformedException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  /** Replaces, removes or retypes the {@code pick}-th node of the tree. */
  private static void mutate(ObjectNode root, int pick, int op, long value) {
    List<JsonNode[]> slots = new ArrayList<>();
    collect(root, slots);
    JsonNode[] slot = slots.get(pick % slots.size());
    JsonNode parent = slot[0];
    String field = slot[1].asText();
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonNode replacement = switch (op) {
      case 0 -> f.nullNode();
      case 1 -> f.numberNode(value);
      case 2 -> f.textNode(Long.toString(value, 36));
      case 3 -> f.arrayNode();
      case 4 -> f.objectNode();
      case 5 -> f.numberNode(value & 0xff);
      default -> null;
    };
    if (parent instanceof ObjectNode obj) {
      if (replacement == null) {
        obj.remove(field);
      } else {
        obj.set(field, replacement);
      }
    } else if (parent instanceof ArrayNode arr) {
      int i = Integer.parseInt(field);
      if (replacement == null) {
        arr.remove(i);
      } else {
        arr.set(i, replacement);
      }
    }
  }

  private static void collect(JsonNode node, List<JsonNode[]> out) {
    if (node instanceof ObjectNode obj) {
      obj.fieldNames().forEachRemaining(name -> {
        out.add(new JsonNode[] {obj, JsonNodeFactory.instance.textNode(name)});
        collect(obj.get(name), out);
      });
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        out.add(new JsonNode[] {arr, JsonNodeFactory.instance.textNode(Integer.toString(i))});
        collect(arr.get(i), out);
      }
    }
  }
}
