package network.shaga.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import network.shaga.app.core.Usdc;
import java.security.SecureRandom;
import network.shaga.wallet.WalletFile;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.rpc.SolanaRpc;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga wallet ...}: the in-app wallet from the command line. */
@Command(name = "wallet", mixinStandardHelpOptions = true, description = "Create, import and use the wallet: address, balance, faucet, history.",
        subcommands = {WalletCommand.Create.class, WalletCommand.Import.class, WalletCommand.Address.class, WalletCommand.Balance.class,
            WalletCommand.Fund.class, WalletCommand.History.class})
final class WalletCommand {

    @ParentCommand
    ShagaCommand root;

    /** What every wallet subcommand shares: the keystore, its password, the cluster, JSON output. */
    abstract static class Sub implements Callable<Integer> {
        @ParentCommand
        WalletCommand parent;

        @Option(names = "--keystore", paramLabel = "FILE", description = "Keystore file (default: wallet.json in the data folder).")
        Path keystore;

        @Mixin
        PasswordOptions passwords;

        @Mixin
        ClusterOptions cluster;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        Path keystore() throws IOException {
            return keystore != null ? keystore : WalletAccess.defaultPath(parent.root);
        }

        /** The wallet service on the chosen cluster (key commands need none: they use {@link #walletFile()}). */
        WalletService service() throws Exception {
            return cluster.wallet(keystore(), parent.root.dataDirectory().resolve("ledger.db"));
        }

        void print(ObjectNode object, String text) {
            parent.root.out().println(json ? object.toString() : text);
        }

        String address() throws Exception {
            return walletFile().address();
        }

        WalletFile walletFile() throws IOException {
            return new WalletFile(keystore(), Keystore.withDefaults(), new SecureRandom());
        }

        int report(WalletFile.KeyResult result) {
            if (result instanceof WalletFile.KeyRefused refused) {
                throw new IllegalArgumentException(refused.message());
            }
            WalletFile.KeyStored stored = (WalletFile.KeyStored) result;
            ObjectNode out = Json.mapper().createObjectNode().put("address", stored.address());
            ArrayNode words = out.putArray("recovery_phrase");
            stored.recoveryPhrase().forEach(words::add);
            print(out, "wallet " + stored.address() + (stored.recoveryPhrase().isEmpty() ? ""
                    : "\nWrite these 24 words down and keep them offline; they restore the wallet anywhere:\n  "
                    + String.join(" ", stored.recoveryPhrase())));
            return ShagaCommand.EXIT_OK;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a wallet with a new 24-word recovery phrase.")
    static final class Create extends Sub {
        @Override
        public Integer call() throws Exception {
            Path file = keystore();
            if (Files.exists(file)) {
                throw new IllegalStateException("a wallet already exists at " + file + "; move it away first");
            }
            char[] password = passwords.read("New wallet password: ");
            if (password.length < 8) {
                throw new IllegalArgumentException("choose a wallet password of at least 8 characters");
            }
            return report(walletFile().create(password));
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a 12/24-word recovery phrase (same address as Phantom/Solflare) or a Solana CLI keypair file.")
    static final class Import extends Sub {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        static final class Source {
            @Option(names = "--phrase-file", paramLabel = "FILE", description = "A file holding the recovery phrase.")
            Path phraseFile;

            @Option(names = "--phrase", description = "Type the recovery phrase at a prompt.")
            boolean phrasePrompt;

            @Option(names = "--keypair", paramLabel = "FILE", description = "A Solana CLI keypair file (JSON array of 64 numbers).")
            Path keypair;
        }

        @Option(names = "--passphrase-file", paramLabel = "FILE", description = "The phrase's optional BIP39 passphrase.")
        Path passphraseFile;

        @Override
        public Integer call() throws Exception {
            Path file = keystore();
            if (Files.exists(file)) {
                throw new IllegalStateException("a wallet already exists at " + file + "; move it away first");
            }
            WalletFile.KeyResult result;
            if (source.keypair != null) {
                String json = Files.readString(source.keypair, StandardCharsets.UTF_8);
                result = walletFile().importKeypairJson(json, passwords.read("New wallet password: "));
            } else {
                String phrase = source.phraseFile != null ? Files.readString(source.phraseFile, StandardCharsets.UTF_8) : promptPhrase();
                String passphrase = passphraseFile != null ? Files.readString(passphraseFile, StandardCharsets.UTF_8).strip() : "";
                result = walletFile().importPhrase(phrase, passphrase, passwords.read("New wallet password: "));
            }
            return report(result);
        }

        private static String promptPhrase() throws IOException {
            Console console = System.console();
            if (console == null) {
                throw new IOException("no terminal to type the phrase in: use --phrase-file FILE");
            }
            char[] phrase = console.readPassword("Recovery phrase: ");
            return phrase == null ? "" : new String(phrase);
        }
    }

    @Command(name = "address", mixinStandardHelpOptions = true, description = "Print the wallet's address (no password needed).")
    static final class Address extends Sub {
        @Override
        public Integer call() throws Exception {
            String address = address();
            print(Json.mapper().createObjectNode().put("address", address), address);
            return ShagaCommand.EXIT_OK;
        }
    }

    @Command(name = "balance", mixinStandardHelpOptions = true, description = "SOL and USDC held by the wallet (or --address).")
    static final class Balance extends Sub {
        @Option(names = "--address", paramLabel = "PUBKEY", description = "Another address to look at.")
        String other;

        @Override
        public Integer call() throws Exception {
            try (WalletService wallet = service()) {
                WalletService.Balances b = wallet.balance(other != null ? other : address());
                print(Json.mapper().createObjectNode().put("address", b.address()).put("lamports", b.lamports()).put("sol", b.lamports() / 1e9)
                        .put("usdc_micro", b.usdcMicro()).put("usdc", Usdc.toDouble(b.usdcMicro())).put("usdc_account", b.usdcAccount()),
                        String.format("%s%n  %s USDC%n  %.9f SOL", b.address(), Usdc.format(b.usdcMicro()), b.lamports() / 1e9));
            }
            return ShagaCommand.EXIT_OK;
        }
    }

    @Command(name = "fund", mixinStandardHelpOptions = true, description = "Ask the cluster's faucet for SOL and (localnet only) test USDC.")
    static final class Fund extends Sub {
        @Option(names = "--sol", paramLabel = "N", defaultValue = "1", description = "SOL to request (default: ${DEFAULT-VALUE}).")
        double sol;

        @Option(names = "--usdc", paramLabel = "N", defaultValue = "100", description = "Test USDC to request on localnet (default: ${DEFAULT-VALUE}).")
        String usdc;

        @Override
        public Integer call() throws Exception {
            if (sol < 0 || sol > 1000) {
                throw new IllegalArgumentException("--sol must be 0..1000");
            }
            long usdcMicro = "localnet".equals(cluster.network) ? Usdc.parseMicro(usdc) : 0;
            try (WalletService wallet = service()) {
                WalletService.Funded funded = wallet.fund(address(), Math.round(sol * 1e9), usdcMicro);
                print(Json.mapper().createObjectNode().put("sol_signature", funded.solSignature().orElse(null))
                        .put("usdc_signature", funded.usdcSignature().orElse(null)),
                        "funded: " + funded.solSignature().map(s -> sol + " SOL ").orElse("")
                                + funded.usdcSignature().map(s -> Usdc.format(usdcMicro) + " USDC").orElse(""));
            }
            return ShagaCommand.EXIT_OK;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Recent transactions of the wallet, newest first.")
    static final class History extends Sub {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() throws Exception {
            if (limit < 1 || limit > 1000) {
                throw new IllegalArgumentException("--limit must be 1..1000");
            }
            try (WalletService wallet = service()) {
                List<SolanaRpc.SignatureInfo> list = wallet.history(address(), limit);
                ObjectNode out = Json.mapper().createObjectNode();
                ArrayNode array = out.putArray("transactions");
                StringBuilder text = new StringBuilder();
                for (SolanaRpc.SignatureInfo info : list) {
                    array.addObject().put("signature", info.signature()).put("slot", info.slot())
                            .put("block_time", info.blockTime().orElse(null)).put("failed", info.failed()).put("memo", info.memo().orElse(null));
                    text.append(info.signature()).append("  slot ").append(info.slot()).append(info.failed() ? "  FAILED" : "")
                            .append(info.memo().map(m -> "  " + m).orElse("")).append('\n');
                }
                print(out, list.isEmpty() ? "no transactions" : text.toString().stripTrailing());
            }
            return ShagaCommand.EXIT_OK;
        }
    }
}
