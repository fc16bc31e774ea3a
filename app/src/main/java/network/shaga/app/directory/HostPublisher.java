package network.shaga.app.directory;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import network.shaga.dht.DhtNode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import network.shaga.dht.StoreResult;

/**
 * Keeps a host listed in the directory (flows F1, F3, F4, F5): publishes its signed record and its index entries,
 * re-publishes them every heartbeat, flips the status, and deregisters. Publishes run one at a time, in order.
 */
public final class HostPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HostPublisher.class.getName());

    private final DhtNode dht;
    private final Ed25519KeyPair key;
    private final SeqCounter seq;
    private final Clock clock;
    private final Repeater timer;
    private final List<Consumer<PublishReport>> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> signedListeners = new CopyOnWriteArrayList<>();
    private HostRecord record;
    private SignedHostRecord current;
    private PublishReport lastReport;
    private CompletableFuture<PublishReport> tail = CompletableFuture.completedFuture(null);
    private Runnable heartbeat;
    private boolean deregistered;

    public HostPublisher(DhtNode dht, Ed25519KeyPair key, SeqCounter seq, HostRecord record, Clock clock, ScheduledExecutorService timer) {
        this(dht, key, seq, record, clock, Repeater.of(timer));
    }

    /** A publisher whose heartbeats run on {@code timer} (the simulator passes one on virtual time). */
    public HostPublisher(DhtNode dht, Ed25519KeyPair key, SeqCounter seq, HostRecord record, Clock clock, Repeater timer) {
        this.dht = Objects.requireNonNull(dht);
        this.key = Objects.requireNonNull(key);
        this.seq = Objects.requireNonNull(seq);
        this.record = Objects.requireNonNull(record);
        this.clock = Objects.requireNonNull(clock);
        this.timer = Objects.requireNonNull(timer);
    }

    /** Called after every publish, on the thread that completed it. */
    public void addListener(Consumer<PublishReport> listener) {
        listeners.add(listener);
    }

    /**
     * Called each time a new record is signed, before it is stored in the DHT: the host API serves it from then on
     * and wakes the players watching it.
     */
    public void addSignedListener(Runnable listener) {
        signedListeners.add(listener);
    }

    /** The record as last signed, to serve on the host API; null before the first publish. */
    public synchronized SignedHostRecord current() {
        return current;
    }

    public synchronized PublishReport lastReport() {
        return lastReport;
    }

    public synchronized HostRecord record() {
        return record;
    }

    /** Publishes the record and index entries now, then every heartbeat interval. */
    public synchronized CompletableFuture<PublishReport> register() {
        deregistered = false;
        CompletableFuture<PublishReport> first = enqueue(PublishReport.Kind.REGISTER, r -> r);
        if (heartbeat == null) {
            heartbeat = timer.every(Duration.ofSeconds(record.heartbeatSeconds()), () -> enqueue(PublishReport.Kind.HEARTBEAT, r -> r));
        }
        return first;
    }

    /** Flips the status (busy while a session runs, available after) and publishes at once. */
    public synchronized CompletableFuture<PublishReport> setStatus(HostStatus status) {
        return enqueue(PublishReport.Kind.STATUS, r -> r.withStatus(status, r.timestamp()));
    }

    /** Changes what is published (price, name, location...) and publishes at once. */
    public synchronized CompletableFuture<PublishReport> update(HostRecord changed) {
        return enqueue(PublishReport.Kind.STATUS, r -> changed);
    }

    /** Stops the heartbeats, publishes {@code offline} and removes the index entries ({@code ttl: 0}). */
    public synchronized CompletableFuture<PublishReport> deregister() {
        stopHeartbeats();
        deregistered = true;
        return enqueue(PublishReport.Kind.DEREGISTER, r -> r.withStatus(HostStatus.OFFLINE, r.timestamp()));
    }

    private void stopHeartbeats() {
        if (heartbeat != null) {
            heartbeat.run();
            heartbeat = null;
        }
    }

    @Override
    public synchronized void close() {
        stopHeartbeats();
    }

    /**
     * Signs the changed record at once (the host API serves it and wakes its watchers right away, so a status change
     * reaches watching players without waiting for an earlier publish's stores), then stores it in the DHT after the
     * publishes already queued, in order.
     */
    private synchronized CompletableFuture<PublishReport> enqueue(PublishReport.Kind kind, java.util.function.UnaryOperator<HostRecord> change) {
        if (deregistered && kind != PublishReport.Kind.DEREGISTER) {
            return CompletableFuture.completedFuture(lastReport);
        }
        Instant started = clock.instant();
        HostRecord next = change.apply(record).withTimestamp(started.getEpochSecond());
        MutableItem item = MutableItem.sign(key, DirectoryKeys.RECORD_SALT, seq.next(), next.encode());
        record = next;
        current = new SignedHostRecord(item, next);
        for (Runnable listener : signedListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "signed-record listener failed", e);
            }
        }
        CompletableFuture<PublishReport> stored = tail.handle((ignored, error) -> null)
                .thenCompose(ignored -> store(kind, next, item, started));
        tail = stored;
        return stored;
    }

    private CompletableFuture<PublishReport> store(PublishReport.Kind kind, HostRecord next, MutableItem item, Instant started) {
        boolean removing = kind == PublishReport.Kind.DEREGISTER;
        Duration ttl = Duration.ofSeconds(2L * next.heartbeatSeconds());
        CompletableFuture<StoreResult> put = dht.put(item, null, ttl);
        List<CompletableFuture<StoreResult>> cells = new ArrayList<>();
        for (int precision : DirectoryKeys.INDEX_PRECISIONS) {
            byte[] infohash = DirectoryKeys.cellInfohash(next.geohash().substring(0, precision));
            cells.add(dht.announce(infohash, next.api().getPort(), removing ? Duration.ZERO : ttl));
        }
        List<CompletableFuture<?>> all = new ArrayList<>(cells);
        all.add(put);
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handle((ignored, error) -> {
            Duration took = Duration.between(started, clock.instant());
            PublishReport report;
            if (error != null) {
                report = new PublishReport(kind, item.seq(), next.status(), 0, 0, List.of(), started, took, describe(error));
            } else {
                List<Integer> cellAcks = cells.stream().map(f -> f.join().acks()).toList();
                report = new PublishReport(kind, item.seq(), next.status(), put.join().acks(), put.join().attempted(), cellAcks,
                        started, took, null);
            }
            synchronized (this) {
                lastReport = report;
            }
            LOG.log(report.ok() ? Level.INFO : Level.WARNING, report.describe());
            for (Consumer<PublishReport> listener : listeners) {
                try {
                    listener.accept(report);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "publish listener failed", e);
                }
            }
            return report;
        });
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
