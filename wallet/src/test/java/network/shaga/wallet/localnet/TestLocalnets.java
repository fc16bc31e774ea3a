package network.shaga.wallet.localnet;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Starts localnets for tests, skipping only outside CI when Node.js or the npm packages are absent. */
final class TestLocalnets {
    private TestLocalnets() {
    }

    /** Fails in CI (which installs Node.js and runs npm ci), skips with the reason elsewhere. */
    static void requireInstall() {
        LocalnetInstall.Status status = LocalnetInstall.ofThisProcess().check(LocalnetOptions.fast());
        if (status instanceof LocalnetInstall.Missing missing) {
            if ("true".equals(System.getenv("CI"))) {
                fail("localnet tests must run in CI: " + missing.reason());
            }
            assumeTrue(false, "localnet tests skipped: " + missing.reason());
        }
    }

    static Localnet start(LocalnetOptions options) {
        requireInstall();
        return Localnet.start(options);
    }
}
