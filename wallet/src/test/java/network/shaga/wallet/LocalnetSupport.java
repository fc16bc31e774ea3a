package network.shaga.wallet;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetInstall;
import network.shaga.wallet.localnet.LocalnetOptions;

/**
 * Starts localnets for wallet tests. Without Node.js or the localnet's node_modules the tests are
 * skipped with the reason, except in CI (which installs both), where that is a failure.
 */
public final class LocalnetSupport {
  private LocalnetSupport() {}

  public static Localnet start(LocalnetOptions options) {
    LocalnetInstall.Status status = LocalnetInstall.ofThisProcess().check(options);
    if (status instanceof LocalnetInstall.Missing missing) {
      if ("true".equals(System.getenv("CI"))) {
        fail("localnet payment tests must run in CI: " + missing.reason());
      }
      assumeTrue(false, "localnet payment tests skipped: " + missing.reason());
    }
    return Localnet.start(options);
  }
}
