package network.shaga.app.session;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetInstall;
import network.shaga.wallet.localnet.LocalnetOptions;

/** Shared pieces of the session tests: the localnet, a clock tests can move forward, the Moonlight stand-in. */
final class TestWorld {
    private TestWorld() {
    }

    /** Starts a localnet; skips (outside CI) only when Node.js or the localnet's npm packages are missing. */
    static Localnet localnet() {
        LocalnetInstall.Status status = LocalnetInstall.ofThisProcess().check(LocalnetOptions.fast());
        if (status instanceof LocalnetInstall.Missing missing) {
            if ("true".equals(System.getenv("CI"))) {
                fail("session tests must run in CI: " + missing.reason());
            }
            assumeTrue(false, "session tests skipped: " + missing.reason());
        }
        return Localnet.start(LocalnetOptions.fast());
    }

    /** The system clock plus an offset the test can advance (expiry without waiting for minutes). */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void reset() {
            offset = Duration.ZERO;
        }

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    /** Installs the Moonlight stand-in as an executable {@code moonlight} that keeps its state under {@code home}. */
    static Path moonlight(Path dir, Path home) throws IOException {
        Path script = dir.resolve("moonlight-standin.sh");
        try (InputStream in = TestWorld.class.getResourceAsStream("/network/shaga/app/stream/moonlight-standin.sh")) {
            Files.copy(in, script);
        }
        Path wrapper = dir.resolve("moonlight");
        Files.writeString(wrapper, "#!/bin/sh\nMOONLIGHT_STANDIN_HOME='" + home + "' exec '" + script + "' \"$@\"\n");
        if (!script.toFile().setExecutable(true) || !wrapper.toFile().setExecutable(true)) {
            throw new IOException("cannot make the Moonlight stand-in executable");
        }
        Files.createDirectories(home);
        return wrapper;
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void waitUntil(String what, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeout.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
