package network.shaga.wallet.verify;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import network.shaga.wallet.tx.Programs;
import network.shaga.wallet.tx.TokenAccounts;
import network.shaga.wallet.verify.TransactionView.Ix;
import org.p2p.solanaj.core.PublicKey;

/** The rules of DESIGN §6 applied to one parsed transaction; pure, so every rule is testable. */
final class PaymentRules {
  /** Token-2022 TransferFeeExtension: its TransferCheckedWithFee also moves tokens. */
  private static final int TOKEN_2022_TRANSFER_FEE_EXTENSION = 26;
  /** Programs whose top-level use cannot hide a token transfer, so no inner-instruction record is needed. */
  private static final Set<PublicKey> INERT_PROGRAMS = Set.of(Programs.MEMO_V2, Programs.MEMO_V1,
      Programs.COMPUTE_BUDGET, Programs.SYSTEM);

  private final Duration clockSkew;

  PaymentRules(Duration clockSkew) {
    this.clockSkew = clockSkew;
  }

  private record Transfer(int topIndex, boolean inner, Ix ix) {}

  Verification check(TransactionView tx, ExpectedPayment expected, String signature) {
    if (!tx.signatures().get(0).equals(signature)) {
      return reject(Reason.MALFORMED, "the node returned a different transaction than the one asked for");
    }
    if (tx.err().isPresent()) {
      return reject(Reason.TX_FAILED, "the transaction failed on chain: " + tx.err().get());
    }
    if (tx.innerInstructions().isEmpty()) {
      for (Ix ix : tx.instructions()) {
        if (!INERT_PROGRAMS.contains(ix.programId()) && !isTokenProgram(ix.programId()) && !isAtaCreate(ix)) {
          return reject(Reason.MALFORMED, "the node did not report inner instructions, so program "
              + ix.programId() + " could hide a transfer");
        }
      }
    }

    List<Transfer> transfers = transfers(tx);
    if (transfers.isEmpty()) {
      return reject(Reason.NO_TRANSFER, "no token transfer in the transaction");
    }
    if (transfers.size() > 1) {
      return reject(Reason.MULTIPLE_TRANSFERS, transfers.size() + " token transfers in one transaction");
    }
    Transfer transfer = transfers.get(0);
    Ix ix = transfer.ix();
    if (!ix.programId().equals(Programs.TOKEN)) {
      return reject(Reason.WRONG_TOKEN_PROGRAM, "the transfer runs under " + ix.programId()
          + ", not the SPL Token program");
    }
    if (transfer.inner()) {
      return reject(Reason.NO_TRANSFER, "the only transfer is hidden inside instruction " + transfer.topIndex());
    }
    byte[] data = ix.data();
    if ((data[0] & 0xff) != Programs.TOKEN_TRANSFER_CHECKED) {
      return reject(Reason.NO_TRANSFER, "a plain transfer, not transferChecked");
    }
    if (data.length < 10 || ix.accounts().size() < 4) {
      return reject(Reason.MALFORMED, "transferChecked with too little data or too few accounts");
    }
    long amount = ByteBuffer.wrap(data, 1, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    int decimals = data[9] & 0xff;
    PublicKey source = ix.accounts().get(0);
    PublicKey mint = ix.accounts().get(1);
    PublicKey destination = ix.accounts().get(2);
    PublicKey authority = ix.accounts().get(3);

    if (!mint.equals(expected.mint())) {
      return reject(Reason.WRONG_MINT, "the transfer moves mint " + mint + ", expected " + expected.mint());
    }
    if (decimals != Programs.USDC_DECIMALS) {
      return reject(Reason.WRONG_MINT, "the transfer claims " + decimals + " decimals, USDC has "
          + Programs.USDC_DECIMALS);
    }
    PublicKey hostAta = TokenAccounts.associated(expected.recipient(), expected.mint());
    if (!destination.equals(hostAta)) {
      return reject(Reason.WRONG_RECIPIENT, "the transfer pays " + destination + ", not the host's account " + hostAta);
    }
    if (!authority.equals(expected.player())) {
      return reject(Reason.WRONG_PAYER, "the transfer is authorised by " + authority + ", not the session's player");
    }
    int authorityIndex = tx.accountKeys().indexOf(authority);
    if (authorityIndex < 0 || authorityIndex >= tx.requiredSignatures()) {
      return reject(Reason.WRONG_PAYER, "the player did not sign the transaction");
    }
    if (Long.compareUnsigned(amount, expected.amount()) < 0) {
      return reject(Reason.AMOUNT_TOO_LOW, "paid " + Long.toUnsignedString(amount) + ", the quote is " + expected.amount());
    }
    if (!ix.accounts().subList(4, ix.accounts().size()).contains(expected.reference())) {
      return reject(Reason.REFERENCE_MISSING, "the quote's reference " + expected.reference()
          + " is not among the transfer's accounts");
    }
    Optional<Verification> memo = checkMemo(tx.instructions().subList(0, transfer.topIndex()), expected.memo());
    if (memo.isPresent()) {
      return memo.get();
    }
    Optional<Verification> delta = checkDelta(tx, expected, hostAta, source);
    if (delta.isPresent()) {
      return delta.get();
    }
    if (tx.blockTime().isEmpty()) {
      return reject(Reason.OUTSIDE_QUOTE_WINDOW, "the node reports no block time for the transaction");
    }
    Instant blockTime = Instant.ofEpochSecond(tx.blockTime().get());
    if (blockTime.isBefore(expected.notBefore().minus(clockSkew)) || blockTime.isAfter(expected.notAfter())) {
      return reject(Reason.OUTSIDE_QUOTE_WINDOW, "block time " + blockTime + " is outside the quote window "
          + expected.notBefore() + " .. " + expected.notAfter());
    }
    return new Verification.Accepted(signature, authority.toBase58(), amount, tx.slot(), blockTime);
  }

  private static List<Transfer> transfers(TransactionView tx) {
    List<Transfer> out = new ArrayList<>();
    for (int i = 0; i < tx.instructions().size(); i++) {
      if (movesTokens(tx.instructions().get(i))) {
        out.add(new Transfer(i, false, tx.instructions().get(i)));
      }
      if (tx.innerInstructions().isPresent()) {
        for (Ix inner : tx.innerInstructions().get().get(i)) {
          if (movesTokens(inner)) {
            out.add(new Transfer(i, true, inner));
          }
        }
      }
    }
    return out;
  }

  private static boolean movesTokens(Ix ix) {
    if (!isTokenProgram(ix.programId()) || ix.data().length == 0) {
      return false;
    }
    int tag = ix.data()[0] & 0xff;
    return tag == Programs.TOKEN_TRANSFER || tag == Programs.TOKEN_TRANSFER_CHECKED
        || (ix.programId().equals(Programs.TOKEN_2022) && tag == TOKEN_2022_TRANSFER_FEE_EXTENSION);
  }

  private static boolean isTokenProgram(PublicKey program) {
    return program.equals(Programs.TOKEN) || program.equals(Programs.TOKEN_2022);
  }

  private static boolean isAtaCreate(Ix ix) {
    byte[] data = ix.data();
    return ix.programId().equals(Programs.ASSOCIATED_TOKEN) && (data.length == 0 || data[0] == 0 || data[0] == 1);
  }

  /** Exactly one top-level Memo v2 before the transfer, with exactly the quote's text. */
  private static Optional<Verification> checkMemo(List<Ix> before, String expectedMemo) {
    List<Ix> memos = before.stream().filter(ix -> ix.programId().equals(Programs.MEMO_V2)).toList();
    if (memos.isEmpty()) {
      return Optional.of(reject(Reason.MEMO_MISSING, "no Memo v2 instruction before the transfer"));
    }
    if (memos.size() > 1) {
      return Optional.of(reject(Reason.MEMO_MISMATCH, memos.size() + " memos before the transfer, expected one"));
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(memos.get(0).data())).toString();
    } catch (CharacterCodingException e) {
      return Optional.of(reject(Reason.MEMO_MISMATCH, "the memo is not valid UTF-8"));
    }
    if (!text.equals(expectedMemo)) {
      return Optional.of(reject(Reason.MEMO_MISMATCH, "memo \"" + text + "\" is not \"" + expectedMemo + "\""));
    }
    return Optional.empty();
  }

  /** The host's token balance must grow by at least the quote, measured by the node, not the instruction. */
  private static Optional<Verification> checkDelta(TransactionView tx, ExpectedPayment expected, PublicKey hostAta,
      PublicKey source) {
    if (source.equals(hostAta)) {
      return Optional.of(reject(Reason.BALANCE_DELTA_TOO_LOW, "the transfer moves the host's tokens to itself"));
    }
    int index = tx.accountKeys().indexOf(hostAta);
    Optional<TransactionView.TokenBalance> pre = balanceAt(tx.preTokenBalances(), index);
    Optional<TransactionView.TokenBalance> post = balanceAt(tx.postTokenBalances(), index);
    if (post.isEmpty()) {
      return Optional.of(reject(Reason.BALANCE_DELTA_TOO_LOW, "the node reports no balance for the host's account"));
    }
    for (TransactionView.TokenBalance b : pre.isPresent() ? List.of(pre.get(), post.get()) : List.of(post.get())) {
      if (!b.mint().equals(expected.mint().toBase58())) {
        return Optional.of(reject(Reason.WRONG_MINT, "the host's account holds mint " + b.mint()));
      }
      if (b.owner().isPresent() && !b.owner().get().equals(expected.recipient().toBase58())) {
        return Optional.of(reject(Reason.WRONG_RECIPIENT, "the host's account is owned by " + b.owner().get()));
      }
      if (b.programId().isPresent() && !b.programId().get().equals(Programs.TOKEN.toBase58())) {
        return Optional.of(reject(Reason.WRONG_TOKEN_PROGRAM, "the host's account belongs to " + b.programId().get()));
      }
    }
    long before = pre.map(TransactionView.TokenBalance::amount).orElse(0L);
    long delta = post.get().amount() - before;
    if (delta < expected.amount()) {
      return Optional.of(reject(Reason.BALANCE_DELTA_TOO_LOW, "the host's balance grew by " + delta
          + ", the quote is " + expected.amount()));
    }
    return Optional.empty();
  }

  private static Optional<TransactionView.TokenBalance> balanceAt(List<TransactionView.TokenBalance> list, int index) {
    return index < 0 ? Optional.empty() : list.stream().filter(b -> b.accountIndex() == index).findFirst();
  }

  private static Verification reject(Reason reason, String detail) {
    return new Verification.Rejected(reason, detail);
  }
}
