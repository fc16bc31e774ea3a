package network.shaga.app.host;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import network.shaga.app.api.HostApiServer;
import network.shaga.app.directory.Geohash;
import network.shaga.app.directory.HostPublisher;
import network.shaga.app.directory.HostRecord;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.directory.PublishReport;
import network.shaga.app.directory.SeqCounter;
import network.shaga.dht.DhtNode;
import network.shaga.dht.Ed25519KeyPair;

/** A running host: its API server and its directory publisher, wired together. */
public final class HostRuntime implements AutoCloseable {
    private static final long DEREGISTER_TIMEOUT_SECONDS = 10;
    private final HostApiServer api;
    private final HostPublisher publisher;

    private HostRuntime(HostApiServer api, HostPublisher publisher) {
        this.api = api;
        this.publisher = publisher;
    }

    /** Opens the host API and prepares the publisher; nothing is published until {@link #register()}. */
    public static HostRuntime open(DhtNode dht, Ed25519KeyPair key, SeqCounter seq, HostSettings settings, Clock clock,
            ScheduledExecutorService timer) throws IOException {
        AtomicReference<HostPublisher> publisher = new AtomicReference<>();
        HostApiServer api = new HostApiServer(settings.apiBind(),
                () -> publisher.get().current(),
                () -> publisher.get().lastReport() == null ? 0 : publisher.get().lastReport().recordAcks());
        try {
            HostRecord record = new HostRecord(HostStatus.AVAILABLE,
                    new InetSocketAddress(settings.publicIp(), api.address().getPort()),
                    Geohash.encode(settings.location().lat(), settings.location().lon(), HostRecord.GEOHASH_PRECISION),
                    settings.name(), settings.hardware().gpu(), settings.hardware().cpu(), settings.hardware().ramGb(),
                    settings.codecBits(), settings.maxMode(), settings.priceMicroUsdcPerHour(), settings.network(),
                    clock.instant().getEpochSecond(), settings.heartbeatSeconds());
            publisher.set(new HostPublisher(dht, key, seq, record, clock, timer));
            publisher.get().addSignedListener(api::recordChanged);
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        return new HostRuntime(api, publisher.get());
    }

    public CompletableFuture<PublishReport> register() {
        return publisher.register();
    }

    public HostPublisher publisher() {
        return publisher;
    }

    /** Serves the session endpoints (DESIGN.md §5) of {@code sessions}, signing answers with the host's key. */
    public void enableSessions(network.shaga.app.session.HostSessions sessions, Ed25519KeyPair key, Clock clock) {
        new network.shaga.app.session.SessionApi(sessions, key, clock).register(api);
    }

    public InetSocketAddress apiAddress() {
        return api.address();
    }

    /** Deregisters (bounded in time), then closes the API. */
    @Override
    public void close() {
        try {
            publisher.deregister().get(DEREGISTER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.getLogger(HostRuntime.class.getName()).log(System.Logger.Level.WARNING, "deregistering failed", e);
        } finally {
            publisher.close();
            api.close();
        }
    }
}
