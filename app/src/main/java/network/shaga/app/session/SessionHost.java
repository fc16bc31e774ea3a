package network.shaga.app.session;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import network.shaga.app.host.HostRuntime;
import network.shaga.app.stream.SunshineClient;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keys.WalletKey;

/** Sessions switched on for a running host: the store, the state machine and its endpoints, wired to the runtime. */
public final class SessionHost implements AutoCloseable {
    public static final Duration EXPIRY_CHECK = Duration.ofSeconds(1);
    /** How often earnings whose payment reached {@code finalized} are marked settled (DESIGN.md §6). */
    public static final Duration SETTLE_EVERY = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(SessionHost.class.getName());

    private final SessionStore store;
    private final HostSessions sessions;
    private final ExecutorService work;
    private final ScheduledFuture<?> settling;

    private SessionHost(SessionStore store, HostSessions sessions, ExecutorService work, ScheduledFuture<?> settling) {
        this.store = store;
        this.sessions = sessions;
        this.work = work;
        this.settling = settling;
    }

    /**
     * Opens the session store at {@code storeFile}, resumes what it holds (after a restart), and serves the session
     * endpoints on {@code runtime}'s API.
     */
    public static SessionHost start(HostRuntime runtime, WalletService wallet, WalletKey key, SunshineClient sunshine,
            SessionSettings settings, Path storeFile, Clock clock, ScheduledExecutorService timer) throws SQLException {
        return start(runtime, wallet, key, sunshine, settings, storeFile, clock, timer, SETTLE_EVERY);
    }

    /** As {@link #start}, settling finalized earnings every {@code settleEvery}. */
    static SessionHost start(HostRuntime runtime, WalletService wallet, WalletKey key, SunshineClient sunshine,
            SessionSettings settings, Path storeFile, Clock clock, ScheduledExecutorService timer, Duration settleEvery)
            throws SQLException {
        SessionStore store = SessionStore.open(storeFile, clock);
        ExecutorService work = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "shaga-sessions");
            thread.setDaemon(true);
            return thread;
        });
        HostSessions sessions = new HostSessions(store, new HostPayments(wallet, key), sunshine,
                runtime.publisher()::setStatus, settings, clock, timer, work, new SecureRandom());
        sessions.addListener(s -> LOG.log(System.Logger.Level.INFO, "session " + s.id() + " " + s.state().wireName()
                + (s.detail().isEmpty() ? "" : ": " + s.detail())));
        try {
            sessions.start(EXPIRY_CHECK);
        } catch (SQLException | RuntimeException e) {
            work.shutdownNow();
            store.close();
            throw e;
        }
        runtime.enableSessions(sessions, Ed25519KeyPair.fromSeed(key.seed()), clock);
        ScheduledFuture<?> settling = timer.scheduleWithFixedDelay(() -> settle(wallet), settleEvery.toMillis(), settleEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        return new SessionHost(store, sessions, work, settling);
    }

    private static void settle(WalletService wallet) {
        try {
            int settled = wallet.settleFinalized();
            if (settled > 0) {
                LOG.log(System.Logger.Level.INFO, "settled " + settled + " finalized payment(s)");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "settling finalized payments failed; trying again later", e);
        }
    }

    public HostSessions sessions() {
        return sessions;
    }

    @Override
    public void close() {
        settling.cancel(false);
        sessions.close();
        work.shutdown();
        try {
            if (!work.awaitTermination(10, TimeUnit.SECONDS)) {
                work.shutdownNow();
            }
            store.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the session store failed", e);
        }
    }
}
