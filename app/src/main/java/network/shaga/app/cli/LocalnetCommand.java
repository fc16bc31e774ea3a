package network.shaga.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga localnet}: a local Solana cluster (the real SVM) with a test USDC mint and faucet, until stopped. */
@Command(name = "localnet", mixinStandardHelpOptions = true,
        description = {"Run a local Solana JSON-RPC node (LiteSVM: real SVM execution and SPL programs) with a 6-decimal",
            "test USDC mint and a faucet, until stopped. Prints the RPC URL and the mint."})
final class LocalnetCommand implements Callable<Integer> {
    @ParentCommand
    ShagaCommand root;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8899", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--state", paramLabel = "FILE", description = "Keep the chain in FILE across restarts (default: start empty).")
    Path state;

    @Option(names = "--slot-ms", paramLabel = "MS", defaultValue = "400",
            description = "Milliseconds per slot; a transaction is confirmed one slot after it lands (default: ${DEFAULT-VALUE}, like Solana).")
    int slotMillis;

    @Option(names = "--json", description = "Print one JSON object: rpc, mint, faucet.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0-65535");
        }
        if (slotMillis < 1 || slotMillis > 10_000) {
            throw new IllegalArgumentException("--slot-ms must be 1..10000");
        }
        LocalnetOptions options = LocalnetOptions.defaults().withPort(port).withSlot(java.time.Duration.ofMillis(slotMillis));
        if (state != null) {
            options = options.withState(state.toAbsolutePath());
        }
        Localnet localnet = Localnet.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            localnet.close();
            stopped.countDown();
        }, "shaga-localnet-shutdown"));
        if (json) {
            root.out().println(new ObjectMapper().createObjectNode().put("rpc", localnet.rpcUrl()).put("mint", localnet.usdcMint())
                    .put("faucet", localnet.faucet()).put("pid", localnet.pid()).toString());
        } else {
            root.out().println("localnet RPC " + localnet.rpcUrl());
            root.out().println("USDC mint   " + localnet.usdcMint());
            root.out().println("faucet      " + localnet.faucet() + " (shaga wallet fund)");
        }
        stopped.await();
        return ShagaCommand.EXIT_OK;
    }
}
