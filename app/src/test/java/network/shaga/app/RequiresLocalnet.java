package network.shaga.app;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import network.shaga.wallet.localnet.LocalnetInstall;
import network.shaga.wallet.localnet.LocalnetOptions;

/** For tests that run the local Solana server: they fail in CI without it, and skip with the reason elsewhere. */
public final class RequiresLocalnet {
    private RequiresLocalnet() {
    }

    public static void check() {
        if (LocalnetInstall.ofThisProcess().check(LocalnetOptions.defaults()) instanceof LocalnetInstall.Missing missing) {
            if ("true".equals(System.getenv("CI"))) {
                fail("these tests must run in CI, which installs the local Solana server: " + missing.reason());
            }
            assumeTrue(false, "skipped: " + missing.reason());
        }
    }
}
