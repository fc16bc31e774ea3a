package network.shaga.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import network.shaga.app.RequiresLocalnet;
import network.shaga.wallet.keys.KeyImport;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code shaga wallet|pay|verify} against the local Solana server (real SVM). */
@Timeout(180)
class WalletCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Localnet localnet;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        RequiresLocalnet.check();
        localnet = Localnet.start(LocalnetOptions.fast());
    }

    @AfterAll
    static void stop() {
        if (localnet != null) {
            localnet.close();
        }
    }

    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private Run shaga(String... args) throws Exception {
        Path password = dir.resolve("password");
        if (!Files.exists(password)) {
            Files.writeString(password, "correct horse battery\n");
        }
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ShagaCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String[] wallet(String keystore, String... rest) {
        List<String> args = new ArrayList<>(List.of(rest));
        args.addAll(List.of("--keystore", dir.resolve(keystore).toString(), "--password-file", dir.resolve("password").toString(),
                "--rpc", localnet.rpcUrl()));
        return args.toArray(String[]::new);
    }

    @Test
    void createFundPayAndVerifyOnceOnly() throws Exception {
        Run created = shaga(wallet("player.json", "wallet", "create", "--json"));
        assertThat(created.code()).as(created.err()).isZero();
        String player = created.json().get("address").asText();
        assertThat(created.json().get("recovery_phrase")).hasSize(24);
        assertThat(shaga(wallet("player.json", "wallet", "address")).out().strip()).isEqualTo(player);
        assertThat(shaga(wallet("player.json", "wallet", "create")).err()).contains("already exists");

        WalletKey hostKey = WalletKey.generate(new SecureRandom());
        Path keypair = Files.writeString(dir.resolve("host-keypair.json"), KeyImport.toKeypairJson(hostKey));
        Run imported = shaga(wallet("host.json", "wallet", "import", "--keypair", keypair.toString(), "--json"));
        assertThat(imported.json().get("address").asText()).isEqualTo(hostKey.address());

        assertThat(shaga(wallet("player.json", "wallet", "fund", "--sol", "1", "--usdc", "10")).code()).isZero();
        JsonNode balance = shaga(wallet("player.json", "wallet", "balance", "--json")).json();
        assertThat(balance.get("usdc_micro").asLong()).isEqualTo(10_000_000);

        String reference = WalletKey.generate(new SecureRandom()).address();
        Run paid = shaga(wallet("player.json", "pay", "--to", hostKey.address(), "--amount", "2.5", "--reference", reference,
                "--memo", "shaga:cli-test", "--json"));
        assertThat(paid.code()).as(paid.out() + paid.err()).isZero();
        JsonNode payment = paid.json();
        assertThat(payment.get("status").asText()).isEqualTo("confirmed");
        assertThat(payment.get("fee_lamports").asLong()).isPositive();
        assertThat(payment.has("confirmed_ms")).isTrue();
        String signature = payment.get("signature").asText();

        Path ledger = dir.resolve("host-ledger.db");
        String[] verify = {"verify", "--rpc", localnet.rpcUrl(), "--signature", signature, "--recipient", hostKey.address(),
            "--payer", player, "--amount", "2.5", "--reference", reference, "--memo", "shaga:cli-test", "--ledger", ledger.toString(), "--json"};
        Run first = shaga(verify);
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        assertThat(first.json().get("ok").asBoolean()).isTrue();
        Run again = shaga(verify);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.json().get("reason").asText()).isEqualTo("SIGNATURE_REUSED");

        Run wrongMemo = shaga("verify", "--rpc", localnet.rpcUrl(), "--signature", signature, "--recipient", hostKey.address(), "--payer",
                player, "--amount", "2.5", "--reference", reference, "--memo", "shaga:other", "--json");
        assertThat(wrongMemo.code()).isEqualTo(1);
        assertThat(wrongMemo.json().get("reason").asText()).isEqualTo("MEMO_MISMATCH");
        Run tooMuch = shaga("verify", "--rpc", localnet.rpcUrl(), "--signature", signature, "--recipient", hostKey.address(), "--payer",
                player, "--amount", "3", "--reference", reference, "--memo", "shaga:cli-test", "--json");
        assertThat(tooMuch.json().get("reason").asText()).isEqualTo("AMOUNT_TOO_LOW");

        JsonNode history = shaga(wallet("player.json", "wallet", "history", "--json")).json();
        assertThat(history.get("transactions").toString()).contains(signature);
    }

    @Test
    void badInputIsRefusedClearly() throws Exception {
        assertThat(shaga("pay", "--to", "x").code()).isEqualTo(2);
        Run badKey = shaga(wallet("none.json", "pay", "--to", "not-base58!", "--amount", "1", "--reference",
                WalletKey.generate(new SecureRandom()).address(), "--memo", "m"));
        assertThat(badKey.code()).isEqualTo(1);
        assertThat(badKey.err()).contains("--to must be a base58 Solana address");
        Run badAmount = shaga("verify", "--signature", "1".repeat(88), "--recipient", "a", "--payer", "b", "--amount", "1.0000001",
                "--reference", "c", "--memo", "m");
        assertThat(badAmount.err()).contains("6 decimals");
    }
}
