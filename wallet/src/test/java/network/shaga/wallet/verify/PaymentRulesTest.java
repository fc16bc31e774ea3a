package network.shaga.wallet.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.tx.Programs;
import network.shaga.wallet.tx.TokenAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.utils.Base58;

/** Adversarial shapes of payment transactions, beyond what the localnet can produce. */
@Timeout(30)
class PaymentRulesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long PRICE = 2_500_000;
  private static final long BLOCK_TIME = 1_800_000_000L;

  private final WalletKey player = WalletKey.generate(RANDOM);
  private final PublicKey host = WalletKey.generate(RANDOM).publicKey();
  private final PublicKey mint = WalletKey.generate(RANDOM).publicKey();
  private final PublicKey reference = WalletKey.generate(RANDOM).publicKey();
  private final PublicKey source = TokenAccounts.associated(player.publicKey(), mint);
  private final PublicKey hostAta = TokenAccounts.associated(host, mint);
  private final PaymentRules rules = new PaymentRules(Duration.ofSeconds(60));
  private final ExpectedPayment expected = new ExpectedPayment(player.publicKey(), host, mint, PRICE, reference,
      "shaga:q", Instant.ofEpochSecond(BLOCK_TIME - 10), Instant.ofEpochSecond(BLOCK_TIME + 600));

  private static byte[] transferChecked(long amount, int decimals) {
    return ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 12).putLong(amount).put((byte) decimals).array();
  }

  private static byte[] plainTransfer(long amount) {
    return ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN).put((byte) 3).putLong(amount).array();
  }

  private static byte[] memo(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** A correct payment: memo, then transferChecked with the reference appended. */
  private SyntheticTx good() {
    return new SyntheticTx().signer(player).writable(source).writable(hostAta)
        .readonly(Programs.MEMO_V2).readonly(Programs.TOKEN).readonly(mint).readonly(reference)
        .ix(Programs.MEMO_V2, List.of(), memo("shaga:q"))
        .ix(Programs.TOKEN, List.of(source, mint, hostAta, player.publicKey(), reference), transferChecked(PRICE, 6))
        .balance(true, hostAta, mint, host, 0).balance(false, hostAta, mint, host, PRICE);
  }

  private Verification check(ObjectNode answer) throws Exception {
    return rules.check(TransactionView.parse(answer), expected, SyntheticTx.signatureOf(answer));
  }

  private Reason reasonOf(ObjectNode answer) throws Exception {
    Verification v;
    try {
      v = check(answer);
    } catch (TransactionView.MalformedException e) {
      return Reason.MALFORMED;
    }
    return v instanceof Verification.Rejected r ? r.reason() : null;
  }

  @Test
  void aCorrectPaymentIsAccepted() throws Exception {
    ObjectNode answer = good().answer(7, BLOCK_TIME);
    assertThat(check(answer)).isEqualTo(new Verification.Accepted(SyntheticTx.signatureOf(answer), player.address(), PRICE, 7,
        Instant.ofEpochSecond(BLOCK_TIME)));
  }

  @Test
  void anAnswerForAnotherSignatureIsMalformed() throws Exception {
    ObjectNode answer = good().answer(7, BLOCK_TIME);
    byte[] other = new byte[64];
    RANDOM.nextBytes(other);
    assertThat(rules.check(TransactionView.parse(answer), expected, Base58.encode(other)))
        .isInstanceOfSatisfying(Verification.Rejected.class, r -> assertThat(r.reason()).isEqualTo(Reason.MALFORMED));
  }

  @Test
  void aTamperedAnswerFailsTheSignatureCheck() throws Exception {
    // A lying node raises the amount in the instruction it reports: the signature no longer matches.
    ObjectNode answer = good().answer(7, BLOCK_TIME);
    ((ObjectNode) answer.path("transaction").path("message").path("instructions").get(1))
        .put("data", Base58.encode(transferChecked(PRICE * 10, 6)));
    assertThat(reasonOf(answer)).isEqualTo(Reason.MALFORMED);
    // Or swaps the destination key for the host's.
    ObjectNode swapped = good().answer(7, BLOCK_TIME);
    ((ArrayNode) swapped.path("transaction").path("message").path("accountKeys")).set(1,
        com.fasterxml.jackson.databind.node.TextNode.valueOf(WalletKey.generate(RANDOM).address()));
    assertThat(reasonOf(swapped)).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void aTransferHiddenInACpiIsNotAPayment() throws Exception {
    PublicKey program = WalletKey.generate(RANDOM).publicKey();
    SyntheticTx tx = new SyntheticTx().signer(player).writable(source).writable(hostAta)
        .readonly(Programs.MEMO_V2).readonly(Programs.TOKEN).readonly(mint).readonly(reference).readonly(program)
        .ix(Programs.MEMO_V2, List.of(), memo("shaga:q"))
        .ix(program, List.of(source, mint, hostAta, player.publicKey(), reference, Programs.TOKEN), new byte[] {1})
        .inner(1, Programs.TOKEN, List.of(source, mint, hostAta, player.publicKey(), reference), transferChecked(PRICE, 6))
        .balance(true, hostAta, mint, host, 0).balance(false, hostAta, mint, host, PRICE);
    assertThat(reasonOf(tx.answer(7, BLOCK_TIME))).isEqualTo(Reason.NO_TRANSFER);
  }

  @Test
  void anExtraTransferInACpiIsAMultipleTransfer() throws Exception {
    PublicKey program = WalletKey.generate(RANDOM).publicKey();
    PublicKey thief = TokenAccounts.associated(WalletKey.generate(RANDOM).publicKey(), mint);
    SyntheticTx tx = good().writable(thief).readonly(program)
        .ix(program, List.of(source, thief), new byte[] {7})
        .inner(2, Programs.TOKEN, List.of(source, mint, thief, player.publicKey()), transferChecked(1, 6));
    assertThat(reasonOf(tx.answer(7, BLOCK_TIME))).isEqualTo(Reason.MULTIPLE_TRANSFERS);
  }

  @Test
  void unknownProgramsNeedInnerInstructionRecords() throws Exception {
    PublicKey program = WalletKey.generate(RANDOM).publicKey();
    ObjectNode answer = good().readonly(program).ix(program, List.of(), new byte[] {0}).answer(7, BLOCK_TIME);
    assertThat(reasonOf(answer)).isNull();
    ((ObjectNode) answer.path("meta")).putNull("innerInstructions");
    assertThat(reasonOf(answer)).isEqualTo(Reason.MALFORMED);
    // Without unknown programs, a node that omits inner instructions is fine.
    ObjectNode plain = good().answer(7, BLOCK_TIME);
    ((ObjectNode) plain.path("meta")).remove("innerInstructions");
    assertThat(reasonOf(plain)).isNull();
  }

  @Test
  void v0WithTheDestinationFromALookupTableIsResolved() throws Exception {
    PublicKey table = WalletKey.generate(RANDOM).publicKey();
    SyntheticTx tx = new SyntheticTx().signer(player).writable(source)
        .readonly(Programs.MEMO_V2).readonly(Programs.TOKEN).readonly(mint).readonly(reference)
        .loadedWritable(table, hostAta)
        .ix(Programs.MEMO_V2, List.of(), memo("shaga:q"))
        .ix(Programs.TOKEN, List.of(source, mint, hostAta, player.publicKey(), reference), transferChecked(PRICE, 6))
        .balance(true, hostAta, mint, host, 0).balance(false, hostAta, mint, host, PRICE);
    ObjectNode answer = tx.answer(7, BLOCK_TIME);
    assertThat(reasonOf(answer)).isNull();
    ((ObjectNode) answer.path("meta")).remove("loadedAddresses");
    assertThat(reasonOf(answer)).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void unsupportedVersionsAreMalformed() throws Exception {
    ObjectNode answer = good().answer(7, BLOCK_TIME);
    answer.put("version", 1);
    assertThat(reasonOf(answer)).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void duplicateAccountsAreMalformed() throws Exception {
    assertThat(reasonOf(good().readonly(reference).answer(7, BLOCK_TIME))).isEqualTo(Reason.MALFORMED);
    ObjectNode answer = good().answer(7, BLOCK_TIME);
    ((ArrayNode) answer.path("meta").path("postTokenBalances")).add(answer.path("meta").path("postTokenBalances").get(0));
    assertThat(reasonOf(answer)).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void decimalsOtherThanUsdcAreAWrongMint() throws Exception {
    SyntheticTx tx = new SyntheticTx().signer(player).writable(source).writable(hostAta)
        .readonly(Programs.MEMO_V2).readonly(Programs.TOKEN).readonly(mint).readonly(reference)
        .ix(Programs.MEMO_V2, List.of(), memo("shaga:q"))
        .ix(Programs.TOKEN, List.of(source, mint, hostAta, player.publicKey(), reference), transferChecked(PRICE, 9))
        .balance(true, hostAta, mint, host, 0).balance(false, hostAta, mint, host, PRICE);
    assertThat(reasonOf(tx.answer(7, BLOCK_TIME))).isEqualTo(Reason.WRONG_MINT);
  }

  @Test
  void truncatedTransferDataIsMalformed() throws Exception {
    SyntheticTx tx = new SyntheticTx().signer(player).writable(source).writable(hostAta)
        .readonly(Programs.MEMO_V2).readonly(Programs.TOKEN).readonly(mint).readonly(reference)
        .ix(Programs.MEMO_V2, List.of(), memo("shaga:q"))
        .ix(Programs.TOKEN, List.of(source, mint, hostAta, player.publicKey(), reference), new byte[] {12, 1, 2})
        .balance(true, hostAta, mint, host, 0).balance(false, hostAta, mint, host, PRICE);
    assertThat(reasonOf(tx.answer(7, BLOCK_TIME))).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void plainTransferAndToken2022AreRefused() throws Exception {
    SyntheticTx plain = new SyntheticTx().signer(player).writable(source).writable(hostAta)
        .readonly(Programs.MEMO_V2).readonly(Programs.TOKEN).readonly(reference)
        .ix(Programs.MEMO_V2, List.of(), memo("shaga:q"))
        .ix(Programs.TOKEN, List.of(source, hostAta, player.publicKey(), reference), plainTransfer(PRICE));
    assertThat(reasonOf(plain.answer(7, BLOCK_TIME))).isEqualTo(Reason.NO_TRANSFER);
    SyntheticTx t22 = new SyntheticTx().signer(player).writable(source).writable(hostAta)
        .readonly(Programs.MEMO_V2).readonly(Programs.TOKEN_2022).readonly(mint).readonly(reference)
        .ix(Programs.MEMO_V2, List.of(), memo("shaga:q"))
        .ix(Programs.TOKEN_2022, List.of(source, mint, hostAta, player.publicKey(), reference), transferChecked(PRICE, 6));
    assertThat(reasonOf(t22.answer(7, BLOCK_TIME))).isEqualTo(Reason.WRONG_TOKEN_PROGRAM);
  }

  @Test
  void balancesMustAgreeWithTheInstruction() throws Exception {
    SyntheticTx small = good();
    ObjectNode answer = small.answer(7, BLOCK_TIME);
    ((ObjectNode) answer.path("meta").path("postTokenBalances").get(0).path("uiTokenAmount")).put("amount", "1");
    // Token balances are not signed, so editing them keeps the signature valid.
    assertThat(reasonOf(answer)).isEqualTo(Reason.BALANCE_DELTA_TOO_LOW);

    ObjectNode wrongOwner = good().answer(7, BLOCK_TIME);
    ((ObjectNode) wrongOwner.path("meta").path("postTokenBalances").get(0)).put("owner", player.address());
    assertThat(reasonOf(wrongOwner)).isEqualTo(Reason.WRONG_RECIPIENT);

    ObjectNode wrongMint = good().answer(7, BLOCK_TIME);
    ((ObjectNode) wrongMint.path("meta").path("postTokenBalances").get(0)).put("mint", reference.toBase58());
    assertThat(reasonOf(wrongMint)).isEqualTo(Reason.WRONG_MINT);

    ObjectNode missing = good().answer(7, BLOCK_TIME);
    ((ObjectNode) missing.path("meta")).putArray("postTokenBalances");
    assertThat(reasonOf(missing)).isEqualTo(Reason.BALANCE_DELTA_TOO_LOW);
  }

  @Test
  void memosMustBeTopLevelValidUtf8AndExact() throws Exception {
    SyntheticTx innerMemo = new SyntheticTx().signer(player).writable(source).writable(hostAta)
        .readonly(Programs.MEMO_V2).readonly(Programs.TOKEN).readonly(mint).readonly(reference)
        .ix(Programs.TOKEN, List.of(source, mint, hostAta, player.publicKey(), reference), transferChecked(PRICE, 6))
        .inner(0, Programs.MEMO_V2, List.of(), memo("shaga:q"))
        .balance(true, hostAta, mint, host, 0).balance(false, hostAta, mint, host, PRICE);
    assertThat(reasonOf(innerMemo.answer(7, BLOCK_TIME))).isEqualTo(Reason.MEMO_MISSING);

    SyntheticTx v1 = new SyntheticTx().signer(player).writable(source).writable(hostAta)
        .readonly(Programs.MEMO_V1).readonly(Programs.TOKEN).readonly(mint).readonly(reference)
        .ix(Programs.MEMO_V1, List.of(), memo("shaga:q"))
        .ix(Programs.TOKEN, List.of(source, mint, hostAta, player.publicKey(), reference), transferChecked(PRICE, 6))
        .balance(true, hostAta, mint, host, 0).balance(false, hostAta, mint, host, PRICE);
    assertThat(reasonOf(v1.answer(7, BLOCK_TIME))).isEqualTo(Reason.MEMO_MISSING);

    SyntheticTx badUtf8 = new SyntheticTx().signer(player).writable(source).writable(hostAta)
        .readonly(Programs.MEMO_V2).readonly(Programs.TOKEN).readonly(mint).readonly(reference)
        .ix(Programs.MEMO_V2, List.of(), new byte[] {'s', 'h', (byte) 0xC3})
        .ix(Programs.TOKEN, List.of(source, mint, hostAta, player.publicKey(), reference), transferChecked(PRICE, 6))
        .balance(true, hostAta, mint, host, 0).balance(false, hostAta, mint, host, PRICE);
    assertThat(reasonOf(badUtf8.answer(7, BLOCK_TIME))).isEqualTo(Reason.MEMO_MISMATCH);
  }

  @Test
  void referenceMustBeAnExtraAccountOfTheTransfer() throws Exception {
    // The reference elsewhere in the transaction (here: on the memo) does not tag the transfer.
    SyntheticTx tx = new SyntheticTx().signer(player).writable(source).writable(hostAta)
        .readonly(Programs.MEMO_V2).readonly(Programs.TOKEN).readonly(mint).readonly(reference)
        .ix(Programs.MEMO_V2, List.of(reference), memo("shaga:q"))
        .ix(Programs.TOKEN, List.of(source, mint, hostAta, player.publicKey()), transferChecked(PRICE, 6))
        .balance(true, hostAta, mint, host, 0).balance(false, hostAta, mint, host, PRICE);
    assertThat(reasonOf(tx.answer(7, BLOCK_TIME))).isEqualTo(Reason.REFERENCE_MISSING);
  }

  @Test
  void blockTimeMustBeKnownAndInsideTheWindow() throws Exception {
    assertThat(reasonOf(good().answer(7, null))).isEqualTo(Reason.OUTSIDE_QUOTE_WINDOW);
    assertThat(reasonOf(good().answer(7, BLOCK_TIME + 601))).isEqualTo(Reason.OUTSIDE_QUOTE_WINDOW);
    assertThat(reasonOf(good().answer(7, BLOCK_TIME - 71))).isEqualTo(Reason.OUTSIDE_QUOTE_WINDOW);
    assertThat(reasonOf(good().answer(7, BLOCK_TIME - 69))).isNull();
  }

  @Test
  void failedTransactionsAreRefusedFirst() throws Exception {
    ObjectNode answer = good().answer(7, BLOCK_TIME);
    ((ObjectNode) answer.path("meta")).putObject("err").putArray("InstructionError").add(1).addObject().put("Custom", 1);
    assertThat(reasonOf(answer)).isEqualTo(Reason.TX_FAILED);
  }

  @Test
  void garbageAnswersAreMalformedNotCrashes() throws Exception {
    ObjectNode answer = good().answer(7, BLOCK_TIME);
    for (String path : List.of("transaction", "meta", "slot")) {
      ObjectNode broken = answer.deepCopy();
      broken.remove(path);
      assertThat(reasonOf(broken)).as(path).isEqualTo(Reason.MALFORMED);
    }
    ObjectNode badIndex = answer.deepCopy();
    ((ObjectNode) badIndex.path("transaction").path("message").path("instructions").get(0)).put("programIdIndex", 99);
    assertThat(reasonOf(badIndex)).isEqualTo(Reason.MALFORMED);
    ObjectNode badAmount = answer.deepCopy();
    ((ObjectNode) badAmount.path("meta").path("postTokenBalances").get(0).path("uiTokenAmount")).put("amount", "1e9");
    assertThat(reasonOf(badAmount)).isEqualTo(Reason.MALFORMED);
    ObjectNode badInnerIndex = answer.deepCopy();
    ((ArrayNode) badInnerIndex.path("meta").path("innerInstructions")).addObject().put("index", 9).putArray("instructions");
    assertThat(reasonOf(badInnerIndex)).isEqualTo(Reason.MALFORMED);
  }
}
