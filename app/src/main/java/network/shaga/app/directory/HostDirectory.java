package network.shaga.app.directory;

import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import network.shaga.app.directory.RecordFetcher.Fetched;
import network.shaga.dht.DhtNode;
import network.shaga.dht.MutableItem;

/**
 * The player's view of the directory (flow F2): finds the hosts in an area through the geographic index, fetches
 * each host's signed record from its host API, verifies it, measures the round trip, and streams the hosts as they
 * arrive. Forged, foreign, stale and replayed records are dropped and counted, never shown.
 */
public final class HostDirectory {
    /** Most index cells looked up for one area; a larger area uses a coarser precision. */
    public static final int MAX_CELLS = 32;

    private final DhtNode dht;
    private final String network;
    private final RecordFetcher fetcher;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Map<String, Long> highestSeq = new ConcurrentHashMap<>();

    /** A player's directory fetching records over HTTP. */
    public HostDirectory(DhtNode dht, String network, HttpClient http, Clock clock) {
        this(dht, network, new HttpRecordFetcher(http), clock, System::nanoTime);
    }

    /** A directory with its own way of fetching records and of measuring time (the simulator's virtual time). */
    public HostDirectory(DhtNode dht, String network, RecordFetcher fetcher, Clock clock, LongSupplier nanoTime) {
        this.dht = Objects.requireNonNull(dht);
        this.network = Objects.requireNonNull(network);
        this.fetcher = Objects.requireNonNull(fetcher);
        this.clock = Objects.requireNonNull(clock);
        this.nanoTime = Objects.requireNonNull(nanoTime);
    }

    /** The finest index precision whose cells cover the area within {@link #MAX_CELLS}. */
    public static int precisionFor(GeoBox area) {
        for (int i = DirectoryKeys.INDEX_PRECISIONS.length - 1; i >= 0; i--) {
            int precision = DirectoryKeys.INDEX_PRECISIONS[i];
            try {
                Geohash.cover(area, precision, MAX_CELLS);
                return precision;
            } catch (IllegalArgumentException tooManyCells) {
                // try a coarser precision
            }
        }
        return DirectoryKeys.INDEX_PRECISIONS[0];
    }

    /** Finds the hosts in an area; {@code onHost} receives each one (again, when a newer record turns up). */
    public CompletableFuture<QueryReport> query(GeoBox area, Consumer<HostListing> onHost) {
        long started = nanoTime.getAsLong();
        int precision = precisionFor(area);
        List<String> cells = Geohash.cover(area, precision, Integer.MAX_VALUE);
        Query query = new Query(area, onHost);
        List<CompletableFuture<?>> lookups = new ArrayList<>();
        for (String cell : cells) {
            // Every host of the cell, not the first agreeing answers: a node that joined lately may
            // hold only part of a busy cell.
            lookups.add(dht.getAllPeers(DirectoryKeys.cellInfohash(cell), query::found));
        }
        return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new))
                .handle((ignored, error) -> null)
                .thenCompose(ignored -> query.fetchesDone())
                .thenApply(ignored -> query.report(precision, cells.size(), Duration.ofNanos(nanoTime.getAsLong() - started)));
    }

    /** Reads one host's record straight from the DHT, by public key (favourites, cross-checks). */
    public CompletableFuture<Optional<SignedHostRecord>> lookup(byte[] publicKey) {
        return dht.get(publicKey, DirectoryKeys.RECORD_SALT).thenApply(found -> found
                .map(item -> SignedHostRecord.verify(item, network))
                .filter(SignedHostRecord.Verified.Accepted.class::isInstance)
                .map(verified -> ((SignedHostRecord.Verified.Accepted) verified).record()));
    }

    /** Fetches a listed host's current record again (status changes show within a second). */
    public CompletableFuture<Optional<HostListing>> refresh(HostListing listing, GeoPoint from) {
        return listingAt(listing.endpoint(), from);
    }

    /** The host whose API answers at {@code endpoint}, its record checked like a search's; empty when it does not answer or the record is refused. */
    public CompletableFuture<Optional<HostListing>> listingAt(InetSocketAddress endpoint, GeoPoint from) {
        return fetcher.fetch(endpoint).thenApply(fetched -> fetched instanceof Fetched.Ok ok
                ? accepted(ok.item(), endpoint, ok.rttMs(), from, ok.replicas())
                : Optional.empty());
    }

    /**
     * Waits until the listed host signs a newer record (a status change, a heartbeat) and returns it, checked like any
     * other; empty when the wait ended without one (the host answered with the same record, or is gone). Call again
     * to keep watching.
     */
    public CompletableFuture<Optional<HostListing>> watch(HostListing listing, GeoPoint from) {
        return fetcher.fetchNewer(listing.endpoint(), listing.signed().seq()).thenApply(fetched ->
                fetched instanceof Fetched.Ok ok && ok.item().seq() > listing.signed().seq()
                        ? accepted(ok.item(), listing.endpoint(), listing.rttMs(), from, ok.replicas())
                        : Optional.empty());
    }

    /** The listing for a fetched record when it passes {@link #checked}; empty when it is refused. */
    private Optional<HostListing> accepted(MutableItem item, InetSocketAddress endpoint, double rttMs, GeoPoint from, int replicas) {
        return checked(item, endpoint) instanceof SignedHostRecord.Verified.Accepted accepted
                ? Optional.of(listing(accepted.record(), endpoint, rttMs, from, replicas))
                : Optional.empty();
    }

    private HostListing listing(SignedHostRecord record, InetSocketAddress endpoint, double rttMs, GeoPoint from, int replicas) {
        long now = clock.instant().getEpochSecond();
        return new HostListing(record, endpoint, rttMs, from.distanceKm(record.record().location()),
                Math.max(0, now - record.record().timestamp()), record.record().effectiveStatus(now), replicas);
    }

    /** Signature, salt, cluster, endpoint and seq checks for a record served by {@code endpoint}. */
    private SignedHostRecord.Verified checked(MutableItem item, InetSocketAddress endpoint) {
        SignedHostRecord.Verified verified = SignedHostRecord.verify(item, network);
        if (!(verified instanceof SignedHostRecord.Verified.Accepted accepted)) {
            return verified;
        }
        InetSocketAddress api = accepted.record().record().api();
        if (!api.getAddress().equals(endpoint.getAddress()) || api.getPort() != endpoint.getPort()) {
            return new SignedHostRecord.Verified.Rejected(RecordRejection.ENDPOINT_MISMATCH);
        }
        String key = HexFormat.of().formatHex(item.publicKey());
        long seen = highestSeq.merge(key, item.seq(), Math::max);
        if (seen > item.seq()) {
            return new SignedHostRecord.Verified.Rejected(RecordRejection.STALE_SEQ);
        }
        return verified;
    }

    /** The state of one query: endpoints seen, best record per host, counters. */
    private final class Query {
        private final GeoBox area;
        private final GeoPoint center;
        private final Consumer<HostListing> onHost;
        private final Map<InetSocketAddress, Boolean> endpoints = new ConcurrentHashMap<>();
        private final Map<String, HostListing> best = new ConcurrentHashMap<>();
        private final List<CompletableFuture<Void>> fetches = new ArrayList<>();
        private final Map<RecordRejection, AtomicInteger> rejected = new EnumMap<>(RecordRejection.class);
        private final AtomicInteger unreachable = new AtomicInteger();
        private final AtomicInteger outside = new AtomicInteger();

        Query(GeoBox area, Consumer<HostListing> onHost) {
            this.area = area;
            this.center = area.center();
            this.onHost = onHost;
            for (RecordRejection reason : RecordRejection.values()) {
                rejected.put(reason, new AtomicInteger());
            }
        }

        void found(InetSocketAddress endpoint) {
            if (endpoints.putIfAbsent(endpoint, Boolean.TRUE) != null) {
                return;
            }
            CompletableFuture<Void> fetch = fetcher.fetch(endpoint).thenAccept(fetched -> handle(endpoint, fetched));
            synchronized (fetches) {
                fetches.add(fetch);
            }
        }

        private void handle(InetSocketAddress endpoint, Fetched fetched) {
            if (fetched instanceof Fetched.Unreachable) {
                unreachable.incrementAndGet();
                return;
            }
            if (fetched instanceof Fetched.Bad bad) {
                rejected.get(bad.reason()).incrementAndGet();
                return;
            }
            Fetched.Ok ok = (Fetched.Ok) fetched;
            SignedHostRecord.Verified verified = checked(ok.item(), endpoint);
            if (verified instanceof SignedHostRecord.Verified.Rejected rejection) {
                rejected.get(rejection.reason()).incrementAndGet();
                return;
            }
            SignedHostRecord record = ((SignedHostRecord.Verified.Accepted) verified).record();
            if (!area.contains(record.record().location())) {
                outside.incrementAndGet();
                return;
            }
            HostListing listing = listing(record, endpoint, ok.rttMs(), center, ok.replicas());
            HostListing kept = best.merge(record.publicKeyHex(), listing, (old, fresh) -> fresh.signed().seq() > old.signed().seq() ? fresh : old);
            if (kept == listing) {
                onHost.accept(listing);
            } else {
                rejected.get(RecordRejection.STALE_SEQ).incrementAndGet();
            }
        }

        CompletableFuture<Void> fetchesDone() {
            synchronized (fetches) {
                return CompletableFuture.allOf(fetches.toArray(CompletableFuture[]::new));
            }
        }

        QueryReport report(int precision, int cells, Duration took) {
            Map<RecordRejection, Integer> counts = new EnumMap<>(RecordRejection.class);
            rejected.forEach((reason, count) -> {
                if (count.get() > 0) {
                    counts.put(reason, count.get());
                }
            });
            return new QueryReport(precision, cells, endpoints.size(), best.size(), unreachable.get(), outside.get(), counts, took);
        }
    }
}
