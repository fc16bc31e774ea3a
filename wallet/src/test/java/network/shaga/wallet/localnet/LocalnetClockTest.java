package network.shaga.wallet.localnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.programs.SystemProgram;

/** Slots, commitment levels and blockhash lifetimes follow the configured wall-clock timing. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalnetClockTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void transactionMovesFromProcessedToConfirmedToFinalized() throws InterruptedException {
        // Wide gaps (1 s to confirmed, 2 s to finalized) keep the observations stable on a busy machine.
        LocalnetOptions options = LocalnetOptions.defaults()
                .withSlot(Duration.ofMillis(200))
                .withCommitmentSlots(5, 10);
        try (Localnet localnet = TestLocalnets.start(options)) {
            String signature = localnet.airdrop(new Account().getPublicKeyBase58(), 1_000_000_000L);

            JsonNode status = status(localnet, signature);
            assertThat(status.path("confirmationStatus").asText()).isEqualTo("processed");
            assertThat(status.path("confirmations").asInt()).isBetween(0, 4);
            assertThat(transaction(localnet, signature, "confirmed").isNull()).isTrue();
            assertThatThrownBy(() -> transaction(localnet, signature, "processed"))
                    .isInstanceOfSatisfying(LocalnetException.class, e -> assertThat(e.rpcCode()).hasValue(-32602));

            assertThat(localnet.awaitCommitment(signature, "confirmed", WAIT)).isTrue();
            assertThat(transaction(localnet, signature, "confirmed").path("slot").asLong())
                    .isEqualTo(status.path("slot").asLong());
            assertThat(transaction(localnet, signature, "finalized").isNull())
                    .as("finalized lags confirmed").isTrue();

            assertThat(localnet.awaitCommitment(signature, "finalized", WAIT)).isTrue();
            assertThat(transaction(localnet, signature, "finalized").isObject()).isTrue();
            JsonNode finalized = status(localnet, signature);
            assertThat(finalized.path("confirmations").isNull()).isTrue();
            assertThat(localnet.call("getSignaturesForAddress", localnet.faucet()).path(0).path("signature").asText())
                    .isEqualTo(signature);
        }
    }

    @Test
    void blockhashExpiresAfterItsValidSlots() throws InterruptedException {
        LocalnetOptions options = LocalnetOptions.fast().withSlot(Duration.ofMillis(40)).withBlockhashValidSlots(3);
        try (Localnet localnet = TestLocalnets.start(options)) {
            Account payer = new Account();
            localnet.airdrop(payer.getPublicKeyBase58(), 1_000_000_000L);
            JsonNode latest = localnet.call("getLatestBlockhash");
            String blockhash = latest.path("value").path("blockhash").asText();
            long lastValid = latest.path("value").path("lastValidBlockHeight").asLong();
            assertThat(lastValid).isEqualTo(latest.path("context").path("slot").asLong() + 3);

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (localnet.call("getBlockHeight").asLong() <= lastValid && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(localnet.call("isBlockhashValid", blockhash).path("value").asBoolean()).isFalse();

            Transaction stale = new Transaction();
            stale.addInstruction(SystemProgram.transfer(payer.getPublicKey(), new Account().getPublicKey(), 1_000_000));
            String wire = Payments.sign(stale, payer, blockhash);
            assertThatThrownBy(() -> localnet.call("sendTransaction", wire, Map.of("encoding", "base64")))
                    .isInstanceOfSatisfying(LocalnetException.class, e -> assertThat(e.rpcCode()).hasValue(-32002))
                    .hasMessageContaining("Blockhash not found");
            assertThat(localnet.call("getFeeForMessage", messageOf(wire)).path("value").isNull())
                    .as("no fee quote for an expired blockhash").isTrue();
        }
    }

    private static String messageOf(String base64Wire) {
        byte[] wire = Base64.getDecoder().decode(base64Wire);
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(wire, 65, wire.length));
    }

    private static JsonNode status(Localnet localnet, String signature) {
        return localnet.call("getSignatureStatuses", List.of(signature)).path("value").path(0);
    }

    private static JsonNode transaction(Localnet localnet, String signature, String commitment) {
        return localnet.call("getTransaction", signature, Map.of("commitment", commitment));
    }
}
