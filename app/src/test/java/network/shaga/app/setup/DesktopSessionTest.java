package network.shaga.app.setup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import network.shaga.app.RequiresLocalnet;
import network.shaga.app.core.DataDirectory;
import network.shaga.app.player.PlayerServices;
import network.shaga.wallet.keystore.KeystoreException;
import network.shaga.wallet.localnet.Localnet;
import network.shaga.wallet.localnet.LocalnetOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Plain shaga's services without a screen: offline DHT bootstrap, unlock, wrong password, a cluster that is down. */
@Timeout(120)
class DesktopSessionTest {
    private static final char[] PASSWORD = "correct-Horse-42".toCharArray();
    private static final PublicDht.Resolver OFFLINE = host -> {
        throw new UnknownHostException(host);
    };
    private static Localnet localnet;
    private static final ExecutorService IO = Executors.newFixedThreadPool(2);

    @TempDir
    Path dir;

    @BeforeAll
    static void startLocalnet() {
        RequiresLocalnet.check();
        localnet = Localnet.start(LocalnetOptions.fast());
    }

    @AfterAll
    static void stop() {
        IO.shutdownNow();
        if (localnet != null) {
            localnet.close();
        }
    }

    private DesktopSession session(String rpcUrl) throws Exception {
        WalletSetup.inFolder(dir).storePhrase(String.join(" ", WalletSetup.newPhrase(new SecureRandom())), "", PASSWORD);
        AppSettings settings = new AppSettings("localnet", Optional.of(URI.create(rpcUrl)), false, false);
        return DesktopSession.start(new DataDirectory(dir), settings, network.shaga.app.net.DhtSettings.PUBLIC_BOOTSTRAP, OFFLINE, IO);
    }

    @Test
    void withoutResolvableBootstrapNodesTheAppStillUnlocksAndRunsItsNodeAlone() throws Exception {
        DesktopSession session = session(localnet.rpcUrl());
        try {
            PlayerServices player = session.unlock(PASSWORD).get(60, TimeUnit.SECONDS);
            try {
                assertThat(player.cluster().name()).isEqualTo("localnet");
                assertThat(player.key().address()).isEqualTo(network.shaga.wallet.keystore.Keystore.peekAddress(dir.resolve("wallet.json")));
                assertThat(player.node().stats().routingTableSize()).isZero();
                assertThat(player.wallet().usdcMint().toBase58()).isEqualTo(localnet.usdcMint());
                assertThat(dir.resolve("dht")).isDirectory();
            } finally {
                player.close();
            }
        } finally {
            session.close();
        }
    }

    @Test
    void aWrongPasswordFailsWithItsReason() throws Exception {
        DesktopSession session = session(localnet.rpcUrl());
        try {
            assertThatThrownBy(() -> session.unlock("guess".toCharArray()).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(((KeystoreException) e.getCause()).reason()).isEqualTo(KeystoreException.Reason.WRONG_PASSWORD));
        } finally {
            session.close();
        }
    }

    @Test
    void aLocalClusterThatIsDownIsNamed() throws Exception {
        DesktopSession session = session("http://127.0.0.1:9");
        try {
            assertThatThrownBy(() -> session.unlock(PASSWORD).get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("127.0.0.1:9");
        } finally {
            session.close();
        }
    }

    @Test
    void theUnlockingPasswordArrayIsLeftToTheCaller() throws Exception {
        DesktopSession session = session(localnet.rpcUrl());
        char[] typed = PASSWORD.clone();
        try {
            session.unlock(typed).get(60, TimeUnit.SECONDS).close();
            assertThat(typed).isEqualTo(PASSWORD);
        } finally {
            session.close();
        }
    }
}
