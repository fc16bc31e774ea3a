package network.shaga.wallet.localnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.programs.SystemProgram;
import org.p2p.solanaj.rpc.RpcApi;
import org.p2p.solanaj.rpc.RpcClient;
import org.p2p.solanaj.rpc.RpcException;
import org.p2p.solanaj.rpc.types.SignatureStatuses;
import org.p2p.solanaj.rpc.types.config.Commitment;

/** The solanaj RPC API the wallet uses parses this server's answers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SolanajCompatibilityTest {
    private static Localnet localnet;
    private static RpcApi api;

    @BeforeAll
    static void start() {
        localnet = TestLocalnets.start(LocalnetOptions.fast());
        api = new RpcClient(localnet.rpcUrl()).getApi();
    }

    @AfterAll
    static void stop() {
        if (localnet != null) {
            localnet.close();
        }
    }

    @Test
    void airdropSendAndStatusThroughSolanaj() throws RpcException {
        Account payer = new Account();
        PublicKey recipient = new Account().getPublicKey();
        String airdrop = api.requestAirdrop(payer.getPublicKey(), 3_000_000_000L);
        assertThat(localnet.awaitCommitment(airdrop, "confirmed", Duration.ofSeconds(15))).isTrue();
        assertThat(api.getBalance(payer.getPublicKey(), Commitment.CONFIRMED)).isEqualTo(3_000_000_000L);

        Transaction tx = new Transaction();
        tx.addInstruction(SystemProgram.transfer(payer.getPublicKey(), recipient, 1_000_000L));
        String signature = api.sendTransaction(tx, payer);

        assertThat(localnet.awaitCommitment(signature, "confirmed", Duration.ofSeconds(15))).isTrue();
        SignatureStatuses statuses = api.getSignatureStatuses(List.of(signature), true);
        assertThat(statuses.getValue()).hasSize(1);
        assertThat(statuses.getValue().get(0).getConfirmationStatus()).isIn("confirmed", "finalized");
        assertThat(api.getBalance(recipient)).isEqualTo(1_000_000L);
    }

    @Test
    void tokenAndClusterQueriesThroughSolanaj() throws RpcException {
        Account owner = new Account();
        FundedTokens funded = localnet.fundUsdc(owner.getPublicKeyBase58(), 4_200_000);

        var amount = api.getTokenAccountBalance(new PublicKey(funded.tokenAccount()));
        assertThat(amount.getAmount()).isEqualTo("4200000");
        assertThat(amount.getDecimals()).isEqualTo(6);
        assertThat(api.getMinimumBalanceForRentExemption(165)).isEqualTo(2_039_280L);
        String blockhash = api.getLatestBlockhash().getValue().getBlockhash();
        assertThat(api.isBlockhashValid(blockhash)).isTrue();
        assertThat(api.getSlot()).isPositive();
        assertThat(api.getBlockHeight()).isPositive();
        assertThat(api.getHealth()).isTrue();
        assertThat(api.getGenesisHash()).isNotBlank();
        assertThat(api.getEpochInfo().getAbsoluteSlot()).isPositive();
        assertThat(api.getVersion().getSolanaCore()).isNotBlank();
    }
}
