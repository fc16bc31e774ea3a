package network.shaga.wallet.localnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.Account;

/** Starting, finding and stopping the server process. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalnetLifecycleTest {

    @Test
    void closeStopsTheServerProcess() {
        Localnet localnet = TestLocalnets.start(LocalnetOptions.fast());
        ProcessHandle handle = ProcessHandle.of(localnet.pid()).orElseThrow();
        assertThat(localnet.call("getHealth").asText()).isEqualTo("ok");

        localnet.close();

        assertThat(handle.isAlive()).isFalse();
        assertThat(localnet.isRunning()).isFalse();
        localnet.close();
    }

    @Test
    void serverExitsWhenItsParentClosesStdin() throws IOException, InterruptedException {
        TestLocalnets.requireInstall();
        LocalnetInstall.Ready install =
                (LocalnetInstall.Ready) LocalnetInstall.ofThisProcess().check(LocalnetOptions.fast());
        Process process = new ProcessBuilder(install.node(), install.script().toString(), "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            JsonNode ready = new ObjectMapper().readTree(stdout.readLine());
            assertThat(ready.path("rpc").asText()).startsWith("http://127.0.0.1:");
            assertThat(ready.path("mint").asText()).isNotBlank();
            assertThat(ready.path("faucet").asText()).isNotBlank();

            process.getOutputStream().close();

            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("exited after stdin closed").isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void stateFileKeepsMintFaucetAndBalancesAcrossRestarts(@TempDir Path dir) {
        LocalnetOptions options = LocalnetOptions.fast().withState(dir.resolve("chain.json"));
        String owner = new Account().getPublicKeyBase58();
        String mint;
        String faucet;
        String tokenAccount;
        try (Localnet first = TestLocalnets.start(options)) {
            mint = first.usdcMint();
            faucet = first.faucet();
            tokenAccount = first.fundUsdc(owner, 2_000_000).tokenAccount();
        }
        assertThat(dir.resolve("chain.json")).isRegularFile();

        try (Localnet second = TestLocalnets.start(options)) {
            assertThat(second.usdcMint()).isEqualTo(mint);
            assertThat(second.faucet()).isEqualTo(faucet);
            second.fundUsdc(owner, 500_000);
            assertThat(second.call("getTokenAccountBalance", tokenAccount).path("value").path("amount").asText())
                    .isEqualTo("2500000");
        }
    }

    @Test
    void missingNpmPackagesSayToRunNpmCi(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("server.mjs"), "// placeholder\n");

        assertThatThrownBy(() -> Localnet.start(LocalnetOptions.fast().withDirectory(dir)))
                .isInstanceOf(LocalnetException.class)
                .hasMessageContaining("npm ci")
                .hasMessageContaining(dir.toString());
    }

    @Test
    void missingNodeIsReportedWithTheSettingToFixIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("server.mjs"), "// placeholder\n");
        Files.createDirectories(dir.resolve("node_modules").resolve("litesvm"));
        LocalnetInstall install = new LocalnetInstall(key -> null, Map.of("PATH", dir.toString())::get, dir);

        LocalnetInstall.Status status = install.check(LocalnetOptions.fast().withDirectory(dir));

        assertThat(status).isInstanceOfSatisfying(LocalnetInstall.Missing.class,
                missing -> assertThat(missing.reason()).contains("Node.js").contains(LocalnetInstall.NODE_ENV));
    }

    @Test
    void findsTheServerFromTheModuleOrTheRepositoryRoot(@TempDir Path root) throws IOException {
        Path localnetDir = Files.createDirectories(root.resolve("wallet").resolve("localnet"));
        Files.writeString(localnetDir.resolve("server.mjs"), "// placeholder\n");
        Files.createDirectories(localnetDir.resolve("node_modules").resolve("litesvm"));
        Path nodeBin = Files.createDirectories(root.resolve("bin")).resolve("node");
        Files.writeString(nodeBin, "#!/bin/sh\n");
        assertThat(nodeBin.toFile().setExecutable(true)).isTrue();
        Map<String, String> env = Map.of("PATH", nodeBin.getParent().toString());

        Path appDir = Files.createDirectories(root.resolve("app"));
        for (Path workingDir : new Path[] {root, root.resolve("wallet"), appDir}) {
            LocalnetInstall.Status status = new LocalnetInstall(key -> null, env::get, workingDir)
                    .check(LocalnetOptions.fast());
            assertThat(status).as("from %s", workingDir).isInstanceOfSatisfying(LocalnetInstall.Ready.class,
                    ready -> assertThat(ready.script()).isEqualTo(localnetDir.resolve("server.mjs")));
        }
        LocalnetInstall.Status fromEnv = new LocalnetInstall(key -> null,
                Map.of("PATH", nodeBin.getParent().toString(), LocalnetInstall.DIR_ENV, localnetDir.toString())::get,
                Path.of("/")).check(LocalnetOptions.fast());
        assertThat(fromEnv).isInstanceOf(LocalnetInstall.Ready.class);
    }
}
