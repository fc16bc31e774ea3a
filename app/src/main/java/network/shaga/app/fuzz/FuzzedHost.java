package network.shaga.app.fuzz;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import network.shaga.app.api.HostApiServer;
import network.shaga.app.directory.DirectoryKeys;
import network.shaga.app.directory.HostRecord;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.directory.SignedHostRecord;
import network.shaga.app.session.HostPayments;
import network.shaga.app.session.HostSession;
import network.shaga.app.session.HostSessions;
import network.shaga.app.session.SessionApi;
import network.shaga.app.session.SessionSettings;
import network.shaga.app.session.SessionStore;
import network.shaga.app.stream.SunshineClient;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.keystore.KdfParams;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreContent;
import network.shaga.wallet.keystore.KeystoreException;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.pay.PaymentSender;
import network.shaga.wallet.rpc.Cluster;
import network.shaga.wallet.rpc.SolanaRpc;
import org.p2p.solanaj.core.PublicKey;

/**
 * A live host API for the fuzzer: the real {@link HostApiServer}, {@link SessionApi} and
 * {@link HostSessions} over a SQLite session store and wallet ledger in a scratch folder, serving a
 * signed host record. There is no chain and no Sunshine: both point at a closed loopback port, which
 * to the host looks like an RPC node or Sunshine that is down (no request of the fuzzer gets that
 * far unless the host would have paid or paired for it).
 */
final class FuzzedHost implements AutoCloseable {
    /** Where nothing listens (the discard port): the RPC node and Sunshine the host cannot reach. */
    private static final String NOWHERE = "127.0.0.1:9";
    private static final long PRICE_MICRO_PER_HOUR = 1_200_000;

    private final Path dir;
    private final WalletKey hostKey;
    private final SessionStore store;
    private final ScheduledExecutorService timer;
    private final HostSessions sessions;
    private final HostApiServer server;
    private final List<HostStatus> published = new CopyOnWriteArrayList<>();
    private final AtomicReference<SignedHostRecord> record = new AtomicReference<>();

    FuzzedHost(Path dir) throws IOException, SQLException, KeystoreException {
        this.dir = dir;
        SecureRandom random = new SecureRandom();
        this.hostKey = WalletKey.generate(random);
        Keystore keystore = new Keystore(new KdfParams(1024, 1, 1), random);
        Path keystoreFile = dir.resolve("host.json");
        keystore.save(keystoreFile, "fuzz".toCharArray(), KeystoreContent.of(hostKey));
        WalletService wallet = new WalletService(Cluster.LOCALNET,
                new PublicKey(WalletKey.generate(random).address()), SolanaRpc.connect(URI.create("http://" + NOWHERE)),
                keystoreFile, keystore, Ledger.open(dir.resolve("ledger.db"), Clock.systemUTC()), Clock.systemUTC(), random,
                PaymentSender.Timing.DEFAULT, d -> Thread.sleep(d.toMillis()));
        this.store = SessionStore.open(dir.resolve("sessions.db"), Clock.systemUTC());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fuzzed-host-timer");
            t.setDaemon(true);
            return t;
        });
        SunshineClient noSunshine = new SunshineClient(URI.create("http://" + NOWHERE), URI.create("https://" + NOWHERE), null);
        this.sessions = new HostSessions(store, new HostPayments(wallet, hostKey), noSunshine, status -> {
            published.add(status);
            return CompletableFuture.completedFuture(null);
        }, new SessionSettings(PRICE_MICRO_PER_HOUR, 120, Duration.ofHours(1), Duration.ofSeconds(30), "127.0.0.1"),
                Clock.systemUTC(), timer, Runnable::run, random);
        sessions.start(Duration.ofSeconds(1));
        this.server = new HostApiServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), record::get, () -> 8);
        new SessionApi(sessions, hostKeyPair(), Clock.systemUTC()).register(server);
        HostRecord hostRecord = new HostRecord(HostStatus.AVAILABLE, server.address(), "u09tv", "fuzzed host", "gpu", "cpu", 16,
                1, "1920x1080@60", PRICE_MICRO_PER_HOUR, Cluster.LOCALNET.name(), Clock.systemUTC().instant().getEpochSecond(), 30);
        // A seq like a real host's (milliseconds): a fuzzed ?after= below it is answered at once, never parked.
        record.set(new SignedHostRecord(MutableItem.sign(hostKeyPair(), DirectoryKeys.RECORD_SALT, System.currentTimeMillis(),
                hostRecord.encode()), hostRecord));
        server.recordChanged();
    }

    private Ed25519KeyPair hostKeyPair() {
        return Ed25519KeyPair.fromSeed(hostKey.seed());
    }

    InetSocketAddress address() {
        return server.address();
    }

    String hostAddress() {
        return hostKey.address();
    }

    /** Everything a request could change: the open sessions, the given ones, refunds owed, statuses published. */
    State state(List<String> sessionIds) throws SQLException {
        List<Optional<HostSession>> named = new ArrayList<>();
        for (String id : sessionIds) {
            named.add(store.find(id));
        }
        return new State(store.open(), named, store.owingRefunds(), List.copyOf(published), record.get().seq());
    }

    /** A snapshot of the host's session state. */
    record State(List<HostSession> open, List<Optional<HostSession>> named, List<HostSession> owingRefunds,
            List<HostStatus> published, long recordSeq) {
    }

    @Override
    public void close() throws IOException {
        server.close();
        sessions.close();
        timer.shutdownNow();
        try {
            store.close();
        } catch (SQLException e) {
            throw new IOException("cannot close the session store", e);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
