package network.shaga.wallet.localnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.programs.SystemProgram;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalnetTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long SOL = 1_000_000_000L;

    private static Localnet localnet;

    @BeforeAll
    static void startLocalnet() {
        localnet = TestLocalnets.start(LocalnetOptions.fast());
    }

    @AfterAll
    static void stopLocalnet() {
        if (localnet != null) {
            localnet.close();
        }
    }

    @Test
    void servesTheUsdcMintWithTheFaucetAsMintAuthority() {
        assertThat(localnet.rpcUrl()).startsWith("http://127.0.0.1:");
        assertThat(localnet.call("getHealth").asText()).isEqualTo("ok");

        JsonNode mint = localnet.call("getAccountInfo", localnet.usdcMint(), Map.of("encoding", "jsonParsed"))
                .path("value");
        assertThat(mint.path("owner").asText()).isEqualTo(TokenProgram.SPL_TOKEN.programId());
        JsonNode info = mint.path("data").path("parsed").path("info");
        assertThat(mint.path("data").path("parsed").path("type").asText()).isEqualTo("mint");
        assertThat(info.path("decimals").asInt()).isEqualTo(6);
        assertThat(info.path("mintAuthority").asText()).isEqualTo(localnet.faucet());
    }

    @Test
    void airdropCreditsLamportsThroughARealTransaction() {
        Account owner = new Account();
        String signature = localnet.airdrop(owner.getPublicKeyBase58(), 2 * SOL);

        assertThat(balance(owner.getPublicKey())).isEqualTo(2 * SOL);
        assertThat(localnet.awaitCommitment(signature, "confirmed", WAIT)).isTrue();
        JsonNode tx = localnet.call("getTransaction", signature, Map.of("commitment", "confirmed"));
        List<String> keys = texts(tx.path("transaction").path("message").path("accountKeys"));
        int index = keys.indexOf(owner.getPublicKeyBase58());
        assertThat(tx.path("meta").path("preBalances").path(index).asLong()).isZero();
        assertThat(tx.path("meta").path("postBalances").path(index).asLong()).isEqualTo(2 * SOL);
        assertThat(keys.get(0)).isEqualTo(localnet.faucet());
    }

    @Test
    void paymentShowsTokenBalancesMemoAndReference() {
        Account player = fundedPlayer(10_000_000);
        Account host = new Account();
        PublicKey reference = new Account().getPublicKey();
        PublicKey mint = new PublicKey(localnet.usdcMint());

        String signature = send(Payments.payment(player, host.getPublicKey(), mint, 2_500_000, "shaga:s1",
                reference, blockhash()), false);
        JsonNode tx = awaitTransaction(signature, "json");

        JsonNode meta = tx.path("meta");
        assertThat(meta.path("err").isNull()).isTrue();
        assertThat(meta.path("status").has("Ok")).isTrue();
        assertThat(meta.path("fee").asLong()).isEqualTo(5000);
        assertThat(tx.path("blockTime").asLong()).isBetween(
                Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);
        List<String> keys = texts(tx.path("transaction").path("message").path("accountKeys"));
        assertThat(keys).contains(reference.toBase58(), Payments.MEMO_V2.toBase58());
        assertThat(texts(tx.path("transaction").path("signatures"))).containsExactly(signature);

        String playerAta = Payments.ata(player.getPublicKey(), mint).toBase58();
        String hostAta = Payments.ata(host.getPublicKey(), mint).toBase58();
        JsonNode pre = meta.path("preTokenBalances");
        JsonNode post = meta.path("postTokenBalances");
        assertThat(tokenBalance(pre, keys, hostAta)).as("host ATA did not exist before").isNull();
        assertThat(tokenBalance(pre, keys, playerAta).path("uiTokenAmount").path("amount").asText())
                .isEqualTo("10000000");
        assertThat(tokenBalance(post, keys, playerAta).path("uiTokenAmount").path("amount").asText())
                .isEqualTo("7500000");
        JsonNode hostPost = tokenBalance(post, keys, hostAta);
        assertThat(hostPost.path("mint").asText()).isEqualTo(localnet.usdcMint());
        assertThat(hostPost.path("owner").asText()).isEqualTo(host.getPublicKeyBase58());
        assertThat(hostPost.path("programId").asText()).isEqualTo(TokenProgram.SPL_TOKEN.programId());
        JsonNode amount = hostPost.path("uiTokenAmount");
        assertThat(amount.path("amount").asText()).isEqualTo("2500000");
        assertThat(amount.path("decimals").asInt()).isEqualTo(6);
        assertThat(amount.path("uiAmount").asDouble()).isEqualTo(2.5);
        assertThat(amount.path("uiAmountString").asText()).isEqualTo("2.5");
        assertThat(texts(meta.path("logMessages")))
                .contains("Program " + Payments.MEMO_V2.toBase58() + " invoke [1]", "Program log: Memo (len 8)");

        JsonNode transfer = tx.path("transaction").path("message").path("instructions").path(2);
        assertThat(keys.get(transfer.path("programIdIndex").asInt())).isEqualTo(TokenProgram.SPL_TOKEN.programId());
        List<String> transferAccounts = new ArrayList<>();
        transfer.path("accounts").forEach(i -> transferAccounts.add(keys.get(i.asInt())));
        assertThat(transferAccounts).containsExactly(playerAta, localnet.usdcMint(), hostAta,
                player.getPublicKeyBase58(), reference.toBase58());

        assertThat(localnet.call("getTokenAccountBalance", hostAta).path("value").path("amount").asText())
                .isEqualTo("2500000");
        JsonNode listed = localnet.call("getSignaturesForAddress", reference.toBase58(),
                Map.of("commitment", "confirmed"));
        assertThat(listed).hasSize(1);
        assertThat(listed.path(0).path("signature").asText()).isEqualTo(signature);
        assertThat(listed.path(0).path("memo").asText()).isEqualTo("[8] shaga:s1");
    }

    @Test
    void jsonParsedShowsMemoAndTransferCheckedAsValidatorsDo() {
        Account player = fundedPlayer(3_000_000);
        Account host = new Account();
        PublicKey reference = new Account().getPublicKey();
        PublicKey mint = new PublicKey(localnet.usdcMint());
        String signature = send(Payments.payment(player, host.getPublicKey(), mint, 1_250_000, "shaga:parsed",
                reference, blockhash()), false);

        JsonNode tx = awaitTransaction(signature, "jsonParsed");
        JsonNode instructions = tx.path("transaction").path("message").path("instructions");
        assertThat(instructions.path(0).path("parsed").path("type").asText()).isEqualTo("createIdempotent");
        assertThat(instructions.path(1).path("program").asText()).isEqualTo("spl-memo");
        assertThat(instructions.path(1).path("parsed").asText()).isEqualTo("shaga:parsed");
        JsonNode transfer = instructions.path(2).path("parsed");
        assertThat(transfer.path("type").asText()).isEqualTo("transferChecked");
        JsonNode info = transfer.path("info");
        assertThat(info.path("tokenAmount").path("amount").asText()).isEqualTo("1250000");
        assertThat(info.path("mint").asText()).isEqualTo(localnet.usdcMint());
        // An appended reference makes the validator's parser read the authority as a multisig.
        assertThat(info.path("multisigAuthority").asText()).isEqualTo(player.getPublicKeyBase58());
        assertThat(texts(info.path("signers"))).containsExactly(reference.toBase58());
        JsonNode firstKey = tx.path("transaction").path("message").path("accountKeys").path(0);
        assertThat(firstKey.path("pubkey").asText()).isEqualTo(player.getPublicKeyBase58());
        assertThat(firstKey.path("signer").asBoolean()).isTrue();
        assertThat(firstKey.path("writable").asBoolean()).isTrue();
    }

    @Test
    void transactionFailingWhileRunningIsKeptWithMetaErr() {
        Account player = fundedPlayer(1_000_000);
        Account host = new Account();
        PublicKey mint = new PublicKey(localnet.usdcMint());

        String signature = send(Payments.payment(player, host.getPublicKey(), mint, 5_000_000, "shaga:poor",
                null, blockhash()), true);
        JsonNode tx = awaitTransaction(signature, "json");

        JsonNode expectedErr = JSON.createObjectNode().set("InstructionError",
                JSON.createArrayNode().add(2).add(JSON.createObjectNode().put("Custom", 1)));
        assertThat(tx.path("meta").path("err")).isEqualTo(expectedErr);
        assertThat(tx.path("meta").path("status").path("Err")).isEqualTo(expectedErr);
        JsonNode meta = tx.path("meta");
        assertThat(meta.path("preBalances").path(0).asLong() - meta.path("postBalances").path(0).asLong())
                .as("only the fee is charged; the ATA creation is rolled back").isEqualTo(5000);
        JsonNode status = localnet.call("getSignatureStatuses", List.of(signature)).path("value").path(0);
        assertThat(status.path("err")).isEqualTo(expectedErr);

        String withPreflight = Payments.payment(player, host.getPublicKey(), mint, 4_000_000, "shaga:poor",
                null, blockhash());
        assertThatThrownBy(() -> send(withPreflight, false))
                .isInstanceOfSatisfying(LocalnetException.class,
                        e -> assertThat(e.rpcCode()).hasValue(-32002))
                .hasMessageContaining("Error processing Instruction 2: custom program error: 0x1");
    }

    @Test
    void duplicateTransactionIsRefused() {
        Account player = fundedPlayer(2_000_000);
        PublicKey reference = new Account().getPublicKey();
        String payment = Payments.payment(player, new Account().getPublicKey(),
                new PublicKey(localnet.usdcMint()), 1_000_000, "shaga:dup", reference, blockhash());

        String signature = send(payment, false);
        assertThatThrownBy(() -> send(payment, false))
                .isInstanceOfSatisfying(LocalnetException.class, e -> assertThat(e.rpcCode()).hasValue(-32002))
                .hasMessageContaining("This transaction has already been processed");
        assertThat(send(payment, true)).as("a resend without preflight is dropped, not run").isEqualTo(signature);

        assertThat(localnet.awaitCommitment(signature, "confirmed", WAIT)).isTrue();
        assertThat(localnet.call("getSignaturesForAddress", reference.toBase58(), Map.of("commitment", "confirmed")))
                .hasSize(1);
        assertThat(localnet.call("getTokenAccountBalance",
                Payments.ata(player.getPublicKey(), new PublicKey(localnet.usdcMint())).toBase58())
                .path("value").path("amount").asText()).isEqualTo("1000000");
    }

    @Test
    void identicalInstructionsWithANewerBlockhashAreADifferentTransaction() throws InterruptedException {
        Account payer = new Account();
        localnet.airdrop(payer.getPublicKeyBase58(), SOL);
        PublicKey to = new Account().getPublicKey();
        String first = send(transfer(payer, to, 1_000_000, blockhash()), false);
        String firstHash = blockhash();
        String secondHash = firstHash;
        for (int i = 0; i < 100 && secondHash.equals(firstHash); i++) {
            Thread.sleep(localnet.options().slot().toMillis());
            secondHash = blockhash();
        }
        assertThat(secondHash).isNotEqualTo(firstHash);

        String second = send(transfer(payer, to, 1_000_000, secondHash), false);
        assertThat(second).isNotEqualTo(first);
        assertThat(balance(to)).isEqualTo(2_000_000);
    }

    @Test
    void feeForMessageMatchesTheFeeCharged() {
        Account payer = new Account();
        localnet.airdrop(payer.getPublicKeyBase58(), SOL);
        byte[] wire = Base64.getDecoder().decode(transfer(payer, new Account().getPublicKey(), 1_000_000, blockhash()));
        // One signature: the message follows the compact length byte and the 64-byte signature.
        String message = Base64.getEncoder().encodeToString(Arrays.copyOfRange(wire, 65, wire.length));

        long quoted = localnet.call("getFeeForMessage", message, Map.of("commitment", "confirmed"))
                .path("value").asLong();
        String signature = send(Base64.getEncoder().encodeToString(wire), false);
        assertThat(quoted).isEqualTo(5000);
        assertThat(awaitTransaction(signature, "json").path("meta").path("fee").asLong()).isEqualTo(quoted);
    }

    @Test
    void secondMintAndToken2022MintServeWrongMintTests() {
        String otherMint = localnet.createMint(TokenProgram.SPL_TOKEN, 6);
        String token2022Mint = localnet.createMint(TokenProgram.TOKEN_2022, 6);
        assertThat(otherMint).isNotEqualTo(localnet.usdcMint());
        assertThat(localnet.call("getAccountInfo", token2022Mint).path("value").path("owner").asText())
                .isEqualTo(TokenProgram.TOKEN_2022.programId());

        Account owner = new Account();
        FundedTokens funded = localnet.fundToken(token2022Mint, owner.getPublicKeyBase58(), 1_000_000);
        PublicKey expectedAta = Payments.ata(owner.getPublicKey(), new PublicKey(token2022Mint),
                new PublicKey(TokenProgram.TOKEN_2022.programId()));
        assertThat(funded.tokenAccount()).isEqualTo(expectedAta.toBase58());
        JsonNode accounts = localnet.call("getTokenAccountsByOwner", owner.getPublicKeyBase58(),
                Map.of("programId", TokenProgram.TOKEN_2022.programId()), Map.of("encoding", "jsonParsed"))
                .path("value");
        assertThat(accounts).hasSize(1);
        JsonNode parsed = accounts.path(0).path("account").path("data");
        assertThat(parsed.path("program").asText()).isEqualTo("spl-token-2022");
        assertThat(parsed.path("parsed").path("info").path("tokenAmount").path("amount").asText())
                .isEqualTo("1000000");
        assertThat(localnet.call("getTokenAccountsByOwner", owner.getPublicKeyBase58(),
                Map.of("mint", localnet.usdcMint())).path("value")).isEmpty();
    }

    @Test
    void batchRequestsAnswerEachCallWithJsonRpcErrors() {
        var batch = JSON.createArrayNode();
        batch.addObject().put("jsonrpc", "2.0").put("id", 1).put("method", "getSlot");
        batch.addObject().put("jsonrpc", "2.0").put("id", 2).put("method", "noSuchMethod");
        batch.addObject().put("jsonrpc", "2.0").put("id", 3).put("method", "getBalance")
                .putArray("params").add("not-a-key");

        JsonNode responses = localnet.post(batch);
        assertThat(responses).hasSize(3);
        assertThat(responses.path(0).path("result").isIntegralNumber()).isTrue();
        assertThat(responses.path(1).path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(responses.path(2).path("error").path("code").asInt()).isEqualTo(-32602);
        assertThat(responses.path(2).path("id").asInt()).isEqualTo(3);
    }

    private static Account fundedPlayer(long microUsdc) {
        Account player = new Account();
        localnet.airdrop(player.getPublicKeyBase58(), SOL);
        localnet.fundUsdc(player.getPublicKeyBase58(), microUsdc);
        return player;
    }

    private static String transfer(Account from, PublicKey to, long lamports, String blockhash) {
        Transaction tx = new Transaction();
        tx.addInstruction(SystemProgram.transfer(from.getPublicKey(), to, lamports));
        return Payments.sign(tx, from, blockhash);
    }

    static String blockhash() {
        return localnet.call("getLatestBlockhash").path("value").path("blockhash").asText();
    }

    static String send(String base64, boolean skipPreflight) {
        return localnet.call("sendTransaction", base64,
                Map.of("encoding", "base64", "skipPreflight", skipPreflight)).asText();
    }

    private static long balance(PublicKey key) {
        return localnet.call("getBalance", key.toBase58()).path("value").asLong();
    }

    private static JsonNode awaitTransaction(String signature, String encoding) {
        assertThat(localnet.awaitCommitment(signature, "confirmed", WAIT)).isTrue();
        JsonNode tx = localnet.call("getTransaction", signature,
                Map.of("encoding", encoding, "commitment", "confirmed"));
        assertThat(tx.isObject()).as("getTransaction result").isTrue();
        return tx;
    }

    private static JsonNode tokenBalance(JsonNode balances, List<String> keys, String account) {
        for (JsonNode balance : balances) {
            if (keys.get(balance.path("accountIndex").asInt()).equals(account)) {
                return balance;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
