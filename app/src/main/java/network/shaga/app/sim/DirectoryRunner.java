package network.shaga.app.sim;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import network.shaga.app.api.HostApiServer;
import network.shaga.app.directory.DirectoryKeys;
import network.shaga.app.directory.GeoBox;
import network.shaga.app.directory.GeoPoint;
import network.shaga.app.directory.Geohash;
import network.shaga.app.directory.HostDirectory;
import network.shaga.app.directory.HostListing;
import network.shaga.app.directory.HostPublisher;
import network.shaga.app.directory.HostRecord;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.directory.PublishReport;
import network.shaga.app.directory.RecordFetcher;
import network.shaga.app.directory.Repeater;
import network.shaga.app.directory.SeqCounter;
import network.shaga.app.stream.VideoCodec;
import network.shaga.dht.DhtNode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.sim.ChurnReport.StorageLoad;
import network.shaga.dht.sim.LatencyModel;
import network.shaga.dht.sim.LiveNodes;
import network.shaga.dht.sim.Scenario;
import network.shaga.dht.sim.ScenarioRunner;
import network.shaga.dht.sim.SessionChurn;
import network.shaga.dht.sim.SimDriver;
import network.shaga.dht.sim.SimNetwork;
import network.shaga.dht.sim.TrafficMeter;
import network.shaga.dht.transport.Scheduler;
import network.shaga.dht.transport.UdpNetwork;

/**
 * Runs a {@link DirectoryScenario} with the app's own directory code (HostPublisher, HostDirectory, the record codec
 * and checks) on the simulator or on real UDP and HTTP on loopback, and measures what a player sees: how soon a new
 * host shows up, a status change, a dead host and a deregistered one; how much of a continent a search finds in 2 s;
 * and what heartbeats cost in packets.
 *
 * <p>With churn, the DHT nodes that are not hosts leave when their session ends and are replaced by fresh nodes
 * ({@link SessionChurn}) from the start to the end of the run; the hosts register, the network runs for the
 * scenario's window under churn (heartbeats on), and only then are the flows timed — the followed hosts register
 * after the window. Hosts do not churn: a host that leaves is flow F4 (killed) or F5 (deregistered), measured as such,
 * and a host changing its DHT identity would be a new host.
 */
public final class DirectoryRunner {
    private static final String NETWORK = "localnet";
    private static final Duration OP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration FOUND_WITHIN = Duration.ofSeconds(2);
    private static final Duration REGISTER_SPREAD = Duration.ofSeconds(5);
    private static final Duration FLOW_LIMIT = Duration.ofSeconds(20);
    private static final int API_PORT = 47900;
    private static final int PLAYER_PORT = 40000;
    private static final long CODECS = VideoCodec.H264.bit() | VideoCodec.HEVC.bit();

    private final DirectoryScenario s;
    private final SimDriver driver;
    private final Clock clock;
    private final Random random;
    private final Duration pollEvery;
    private final int maxInFlight;
    private final List<Host> hosts = new ArrayList<>();
    private final Map<DhtNode, HostDirectory> players = new ConcurrentHashMap<>();
    private final Map<DhtNode, AutoCloseable> fetchers = new ConcurrentHashMap<>();
    /** Every DHT node that ever ran (newcomers included), for the packet counts and the final close. */
    private final List<DhtNode> everyNode = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpClient http;
    private List<DhtNode> nodes;
    /** The DHT nodes online that are not hosts: players look from them, and they are the ones that churn. */
    private LiveNodes playerNodes;
    private SessionChurn churn;

    /** One simulated host: its DHT node, key, publisher and API. */
    private static final class Host {
        final DhtNode node;
        final HostPublisher publisher;
        final GeoPoint location;
        final String geohash;
        final InetSocketAddress api;
        final AutoCloseable apiServer;
        final byte[] publicKey;
        volatile long registerStarted;
        volatile CompletableFuture<PublishReport> registered;
        volatile boolean alive = true;

        Host(DhtNode node, HostPublisher publisher, GeoPoint location, String geohash, InetSocketAddress api,
                AutoCloseable apiServer, byte[] publicKey) {
            this.node = node;
            this.publisher = publisher;
            this.location = location;
            this.geohash = geohash;
            this.api = api;
            this.apiServer = apiServer;
            this.publicKey = publicKey;
        }
    }

    private DirectoryRunner(DirectoryScenario s, SimDriver driver, Clock clock) {
        this.s = s;
        this.driver = driver;
        this.clock = clock;
        this.random = new Random(s.seed());
        this.pollEvery = s.simulated() ? Duration.ofMillis(100) : Duration.ofMillis(20);
        // On loopback a look takes a few milliseconds but every node shares the machine's cores: one at a time.
        this.maxInFlight = s.simulated() ? 8 : 1;
        this.http = s.simulated() ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** Runs the scenario and reports. */
    public static DirectoryReport run(DirectoryScenario s) throws Exception {
        long wall0 = System.nanoTime();
        SimDriver driver = s.simulated()
                ? SimDriver.simulated(new SimNetwork(latency(s.latency()), s.loss(), s.seed()), OP_TIMEOUT)
                : SimDriver.udp(UdpNetwork.create(0), OP_TIMEOUT);
        try (driver) {
            Clock clock = s.simulated() ? new VirtualClock(driver::nanoTime, Instant.parse("2026-01-01T00:00:00Z"))
                    : Clock.systemUTC();
            DirectoryRunner runner = new DirectoryRunner(s, driver, clock);
            try {
                return runner.execute(wall0);
            } finally {
                runner.closeAll();
            }
        }
    }

    /** The latency model named on the command line. */
    public static LatencyModel latency(String name) {
        return switch (name) {
            case "zero" -> LatencyModel.zero();
            case "lan" -> LatencyModel.lan();
            case "wan" -> LatencyModel.wan();
            default -> throw new IllegalArgumentException("--latency must be zero, lan or wan");
        };
    }

    private DirectoryReport execute(long wall0) throws Exception {
        long virtual0 = driver.nanoTime();
        long churnStarted = virtual0;
        Scenario dht = Scenario.of(s.nodes()).withK(s.k()).withSeed(s.seed()).withReplication(Duration.ofMinutes(5));
        nodes = ScenarioRunner.startNodes(dht, driver, random);
        everyNode.addAll(nodes);
        driver.pass(Duration.ofMillis(500));
        List<DhtNode> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, random);
        for (DhtNode node : shuffled.subList(0, s.hosts())) {
            hosts.add(newHost(node));
        }
        List<DhtNode> others = shuffled.subList(s.hosts(), shuffled.size());
        playerNodes = new LiveNodes(random);
        (others.isEmpty() ? shuffled.subList(0, 1) : others).forEach(playerNodes::add);
        TrafficMeter hostTraffic = new TrafficMeter();
        TrafficMeter otherTraffic = new TrafficMeter();
        if (s.sessionLengths() != null) {
            churn = new SessionChurn(driver, random, s.sessionLengths(), dht, playerNodes).listen(otherTraffic)
                    .listen(new SessionChurn.Listener() {
                        @Override
                        public void joined(DhtNode node, long now) {
                            everyNode.add(node);
                        }

                        @Override
                        public void left(DhtNode node, long now) {
                            forgetPlayer(node);
                        }
                    });
            churn.start(others);
            churnStarted = driver.nanoTime();
        }
        int followed = s.followed();
        List<Host> registerSample = hosts.subList(0, followed);
        List<Host> killSample = hosts.subList(followed, Math.min(hosts.size(), followed + Math.max(1, followed / 2)));
        List<Host> deregisterSample = hosts.subList(Math.min(hosts.size(), followed + Math.max(1, followed / 2)),
                Math.min(hosts.size(), followed + 2 * Math.max(1, followed / 2)));

        DirectoryReport.Builder report = new DirectoryReport.Builder(s);
        warmUp();
        Duration window = s.window();
        if (window.isZero()) {
            register(hosts, registerSample, report);
        } else {
            List<Host> early = new ArrayList<>(hosts);
            early.removeAll(registerSample);
            register(early, List.of(), report);
            int replacedBefore = churn.replaced();
            List<DhtNode> hostNodes = hosts.stream().map(h -> h.node).toList();
            hostTraffic.open(hostNodes, driver.nanoTime());
            otherTraffic.open(playerNodes.all(), driver.nanoTime());
            driver.pass(window);
            hostTraffic.close(hostNodes, driver.nanoTime());
            otherTraffic.close(playerNodes.all(), driver.nanoTime());
            report.window(window.toMillis() / 60_000.0, churn.replaced() - replacedBefore, hostTraffic, otherTraffic);
            register(registerSample, registerSample, report);
        }
        report.storage(StorageLoad.of(onlineNodes()));
        queries(report);
        packets(report);
        status(registerSample, report);
        kill(killSample, report);
        deregister(deregisterSample, report);
        if (churn != null) {
            // Sessions start when the churn does, after every node has joined: the rate predicts from then on.
            double virtualHours = (driver.nanoTime() - churnStarted) / 3.6e12;
            report.churn(s.sessionLengths().label(), others.size(), churn.replaced(),
                    others.size() * s.churnPerHour() * virtualHours);
        }
        report.virtualMinutes((driver.nanoTime() - virtual0) / 6e10);
        report.heapBytes(usedHeap()).threads(ManagementFactory.getThreadMXBean().getThreadCount())
                .wallMillis((System.nanoTime() - wall0) / 1_000_000);
        return report.build();
    }

    // ------------------------------------------------------------------ set-up

    private Host newHost(DhtNode node) throws IOException {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
        GeoPoint location = WorldHosts.sample(random);
        String geohash = Geohash.encode(location.lat(), location.lon(), HostRecord.GEOHASH_PRECISION);
        HostPublisher[] publisher = new HostPublisher[1];
        AutoCloseable server;
        InetSocketAddress api;
        if (s.simulated()) {
            SimHostApi sim = new SimHostApi(driver.network(), new InetSocketAddress(node.localAddress().getAddress(), API_PORT),
                    () -> publisher[0].current(), () -> acks(publisher[0]));
            server = sim;
            api = sim.address();
        } else {
            HostApiServer real = new HostApiServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    () -> publisher[0].current(), () -> acks(publisher[0]));
            server = real;
            api = real.address();
        }
        closeables.add(server);
        HostRecord record = new HostRecord(HostStatus.AVAILABLE, api, geohash, "host " + hosts.size(), "GeForce RTX 4070",
                "Ryzen 7 7800X3D", 32, CODECS, "2560x1440@120", 500_000 + random.nextInt(2_000_000), NETWORK,
                clock.instant().getEpochSecond(), s.heartbeatSeconds());
        publisher[0] = new HostPublisher(node, key, SeqCounter.inMemory(() -> clock.millis()), record, clock, repeater());
        if (server instanceof SimHostApi sim) {
            publisher[0].addSignedListener(sim::recordChanged);
        } else {
            publisher[0].addSignedListener(((HostApiServer) server)::recordChanged);
        }
        return new Host(node, publisher[0], location, geohash, api, server, key.publicKey());
    }

    /** The DHT nodes online now: the live hosts and the other live nodes. */
    private List<DhtNode> onlineNodes() {
        List<DhtNode> online = new ArrayList<>();
        for (Host host : hosts) {
            if (host.alive) {
                online.add(host.node);
            }
        }
        Set<DhtNode> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        seen.addAll(online);
        for (DhtNode n : playerNodes.all()) {
            if (seen.add(n)) {
                online.add(n);
            }
        }
        return online;
    }

    /** A player's node left: its directory and record fetcher go with it. */
    private void forgetPlayer(DhtNode node) {
        players.remove(node);
        AutoCloseable fetcher = fetchers.remove(node);
        if (fetcher != null) {
            try {
                fetcher.close();
            } catch (Exception e) {
                // already closed: nothing holds it any more
            }
        }
    }

    private static int acks(HostPublisher publisher) {
        PublishReport last = publisher.lastReport();
        return last == null ? 0 : last.recordAcks();
    }

    /** Heartbeats on the driver's clock. */
    private Repeater repeater() {
        Scheduler scheduler = driver.scheduler();
        return (period, task) -> {
            boolean[] cancelled = {false};
            Runnable[] tick = new Runnable[1];
            tick[0] = () -> {
                if (!cancelled[0]) {
                    task.run();
                    scheduler.schedule(period, tick[0]);
                }
            };
            scheduler.schedule(period, tick[0]);
            return () -> cancelled[0] = true;
        };
    }

    private HostDirectory player(DhtNode node) {
        return players.computeIfAbsent(node, n -> {
            RecordFetcher fetcher;
            if (s.simulated()) {
                try {
                    SimRecordFetcher sim = new SimRecordFetcher(driver.network(),
                            new InetSocketAddress(n.localAddress().getAddress(), PLAYER_PORT));
                    fetchers.put(n, sim);
                    fetcher = sim;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                fetcher = new network.shaga.app.directory.HttpRecordFetcher(http);
            }
            return new HostDirectory(n, NETWORK, fetcher, clock, driver::nanoTime);
        });
    }

    private DhtNode randomPlayer() {
        return playerNodes.random();
    }

    /** The watcher a flow polls from: the same player until it goes offline, then another one. */
    private DhtNode watcher(DhtNode[] held) {
        if (!playerNodes.contains(held[0])) {
            held[0] = randomPlayer();
        }
        return held[0];
    }

    // ------------------------------------------------------------------ probes

    /**
     * What one look at a host's city cell showed a player; {@code answered} false when the look failed (e.g. the
     * player's node went offline during it), which says nothing about the host.
     */
    private record Probe(boolean answered, boolean indexed, HostStatus shown) {
        boolean visible() {
            return indexed && shown != null && shown != HostStatus.OFFLINE;
        }

        boolean gone() {
            return answered && !visible();
        }

        boolean unindexed() {
            return answered && !indexed;
        }
    }

    /** Looks the host up the way a player's search would: its precision-3 cell, then its API if indexed. */
    private CompletableFuture<Probe> probe(DhtNode player, Host host) {
        HostDirectory directory = player(player);
        byte[] cell = DirectoryKeys.cellInfohash(host.geohash.substring(0, 3));
        return player.getAllPeers(cell, p -> { }).thenCompose(peers -> {
            if (!peers.contains(host.api)) {
                return CompletableFuture.completedFuture(new Probe(true, false, null));
            }
            return directory.listingAt(host.api, host.location)
                    .thenApply(listing -> new Probe(true, true, listing.map(HostListing::status).orElse(null)));
        }).exceptionally(e -> new Probe(false, false, null));
    }

    /**
     * Polls {@code probe} every {@code every} (overlapping, at most {@link #maxInFlight} in flight) from {@code start} until one
     * completes with {@code done} true; returns the time that took, or -1 after {@code limit}.
     */
    private CompletableFuture<Long> pollUntil(long start, Duration every, Duration limit, java.util.function.Supplier<CompletableFuture<Probe>> probe,
            java.util.function.Predicate<Probe> done) {
        CompletableFuture<Long> out = new CompletableFuture<>();
        Scheduler scheduler = driver.scheduler();
        AtomicInteger inFlight = new AtomicInteger();
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> {
            if (out.isDone()) {
                return;
            }
            if (driver.nanoTime() - start > limit.toNanos()) {
                out.complete(-1L);
                return;
            }
            if (inFlight.get() < maxInFlight) {
                inFlight.incrementAndGet();
                probe.get().whenComplete((p, e) -> {
                    inFlight.decrementAndGet();
                    if (e == null && done.test(p)) {
                        out.complete(driver.nanoTime() - start);
                    }
                });
            }
            scheduler.schedule(every, tick[0]);
        };
        scheduler.execute(tick[0]);
        return out;
    }

    private void runUntil(BooleanSupplier done, Duration limit) throws InterruptedException {
        long until = driver.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean() && driver.nanoTime() < until) {
            driver.pass(s.simulated() ? Duration.ofMillis(100) : Duration.ofMillis(5));
        }
    }

    /**
     * Exercises every code path once before anything is timed (on real sockets the first calls run interpreted code
     * and load classes): a put, announces, lookups and a record fetch from a throwaway host.
     */
    private void warmUp() throws Exception {
        List<DhtNode> online = playerNodes.all();
        DhtNode a = online.get(0);
        DhtNode b = online.get(online.size() - 1);
        for (int i = 0; i < 20; i++) {
            byte[] infohash = network.shaga.dht.NodeId.sha1(("warm-up " + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII)).toBytes();
            warm(a, a.announce(infohash, 1000 + i, Duration.ofSeconds(30)));
            warm(b, b.getAllPeers(infohash, p -> { }));
        }
        Host probeHost = hosts.get(hosts.size() - 1);
        driver.await(probeHost.publisher.update(probeHost.publisher.record()));
        for (int i = 0; i < 20; i++) {
            if (!playerNodes.contains(b)) {
                break;
            }
            warm(b, player(b).listingAt(probeHost.api, probeHost.location));
            warm(b, b.get(probeHost.publicKey, DirectoryKeys.RECORD_SALT));
        }
        driver.pass(Duration.ofSeconds(1));
    }

    /** Waits for a warm-up call; one that failed because its node went offline meanwhile does not matter. */
    private void warm(DhtNode node, CompletableFuture<?> call) throws Exception {
        try {
            driver.await(call);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            if (playerNodes.contains(node)) {
                throw e;
            }
        }
    }

    // ------------------------------------------------------------------ flows

    /**
     * F1: the {@code registering} hosts register within a few seconds; the followed ones are polled by a player from
     * their start.
     */
    private void register(List<Host> registering, List<Host> followed, DirectoryReport.Builder report) throws Exception {
        Scheduler scheduler = driver.scheduler();
        Set<Host> watched = new HashSet<>(followed);
        List<CompletableFuture<Long>> visible = Collections.synchronizedList(new ArrayList<>());
        Duration spread = REGISTER_SPREAD;
        for (Host host : registering) {
            Duration delay = Duration.ofNanos((long) (random.nextDouble() * spread.toNanos()));
            DhtNode[] watcher = {randomPlayer()};
            scheduler.schedule(delay, () -> {
                host.registerStarted = driver.nanoTime();
                host.registered = host.publisher.register();
                if (watched.contains(host)) {
                    visible.add(pollUntil(host.registerStarted, pollEvery, FLOW_LIMIT, () -> probe(watcher(watcher), host),
                            Probe::visible));
                }
            });
        }
        runUntil(() -> visible.size() == followed.size() && allDone(visible)
                && registering.stream().allMatch(h -> h.registered != null && h.registered.isDone()), Duration.ofSeconds(120));
        for (CompletableFuture<Long> v : visible) {
            long nanos = v.getNow(-1L);
            report.registerVisible(nanos < 0 ? -1 : nanos / 1e6);
        }
        for (Host host : registering) {
            if (host.registered != null && host.registered.isDone() && !host.registered.isCompletedExceptionally()) {
                PublishReport r = host.registered.join();
                report.registerAcks(r.recordAcks(), r.cellAcks().stream().mapToInt(Integer::intValue).min().orElse(0));
            }
        }
        driver.pass(Duration.ofSeconds(1));
    }

    private static boolean allDone(List<? extends CompletableFuture<?>> futures) {
        synchronized (futures) {
            return futures.stream().allMatch(CompletableFuture::isDone);
        }
    }

    /** F2: continent-sized searches with the player's real query code; what each finds within 2 s. */
    private void queries(DirectoryReport.Builder report) throws Exception {
        for (int q = 0; q < s.queries(); q++) {
            GeoBox area = WorldHosts.CONTINENTS.get(q % WorldHosts.CONTINENTS.size());
            Set<String> truth = new HashSet<>();
            for (Host host : hosts) {
                if (host.alive && area.contains(host.location)) {
                    truth.add(java.util.HexFormat.of().formatHex(host.publicKey));
                }
            }
            long start = driver.nanoTime();
            Set<String> inTime = ConcurrentHashMap.newKeySet();
            Set<String> all = ConcurrentHashMap.newKeySet();
            long[] finished = {0};
            CompletableFuture<?> done = player(randomPlayer()).query(area, listing -> {
                if (listing.status() == HostStatus.AVAILABLE) {
                    all.add(listing.signed().publicKeyHex());
                    if (driver.nanoTime() - start <= FOUND_WITHIN.toNanos()) {
                        inTime.add(listing.signed().publicKeyHex());
                    }
                }
            }).whenComplete((r, e) -> finished[0] = driver.nanoTime());
            runUntil(done::isDone, Duration.ofSeconds(30));
            double took = ((done.isDone() ? finished[0] : driver.nanoTime()) - start) / 1e6;
            inTime.retainAll(truth);
            all.retainAll(truth);
            report.query(truth.size(), inTime.size(), all.size(), took);
        }
    }

    /** Heartbeat traffic: two heartbeat periods with no player around. */
    private void packets(DirectoryReport.Builder report) throws Exception {
        long hostPackets0 = hostPackets();
        long allPackets0 = allPackets();
        Duration window = Duration.ofSeconds(2L * s.heartbeatSeconds());
        driver.pass(window);
        double minutes = window.toSeconds() / 60.0;
        double perHost = (hostPackets() - hostPackets0) / (double) hosts.size() / minutes;
        int others = nodes.size() - hosts.size();
        double perOther = others == 0 ? 0
                : ((allPackets() - allPackets0) - (hostPackets() - hostPackets0)) / (double) others / minutes;
        report.packets(perHost, perOther);
    }

    private long hostPackets() {
        long sum = 0;
        for (Host host : hosts) {
            sum += host.node.stats().packetsOut();
        }
        return sum;
    }

    private long allPackets() {
        long sum = 0;
        for (DhtNode node : everyNode) {
            sum += node.stats().packetsOut();
        }
        return sum;
    }

    /** F3: a player watching each followed host sees it turn busy; the time from the flip to the player seeing it. */
    private void status(List<Host> followed, DirectoryReport.Builder report) throws Exception {
        List<CompletableFuture<Double>> seen = new ArrayList<>();
        for (Host host : followed) {
            DhtNode watcher = randomPlayer();
            HostDirectory directory = player(watcher);
            Optional<HostListing> listing;
            try {
                listing = driver.await(directory.listingAt(host.api, host.location));
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // Only when the player's node went offline during the fetch (a dead API answers empty).
                listing = Optional.empty();
            }
            if (listing.isEmpty()) {
                report.statusVisible(-1);
                continue;
            }
            CompletableFuture<Double> visible = new CompletableFuture<>();
            long[] flipped = {0};
            watch(watcher, directory, listing.get(), host.location, visible, flipped);
            Duration delay = Duration.ofMillis(200 + random.nextInt(800));
            driver.scheduler().schedule(delay, () -> {
                flipped[0] = driver.nanoTime();
                host.publisher.setStatus(HostStatus.BUSY);
            });
            seen.add(visible);
        }
        runUntil(() -> allDone(seen), Duration.ofSeconds(60));
        for (CompletableFuture<Double> v : seen) {
            report.statusVisible(v.getNow(-1.0));
        }
        for (Host host : followed) {
            host.publisher.setStatus(HostStatus.AVAILABLE);
        }
        driver.pass(Duration.ofSeconds(2));
    }

    private void watch(DhtNode watcher, HostDirectory directory, HostListing listing, GeoPoint from, CompletableFuture<Double> visible,
            long[] flipped) {
        directory.watch(listing, from).whenComplete((newer, error) -> {
            if (visible.isDone()) {
                return;
            }
            if (!playerNodes.contains(watcher)) {
                // The player went offline while watching: this sample is lost, not a late status.
                visible.complete(-1.0);
                return;
            }
            if (error == null && newer.isPresent() && newer.get().status() == HostStatus.BUSY && flipped[0] != 0) {
                visible.complete((driver.nanoTime() - flipped[0]) / 1e6);
                return;
            }
            watch(watcher, directory, error == null && newer.isPresent() ? newer.get() : listing, from, visible, flipped);
        });
    }

    /** F4: followed hosts die without a word; players polling their cell stop showing them, the index forgets them. */
    private void kill(List<Host> victims, DirectoryReport.Builder report) throws Exception {
        List<java.util.concurrent.atomic.AtomicLong> shown = new ArrayList<>();
        List<CompletableFuture<Long>> indexed = new ArrayList<>();
        Duration every = s.simulated() ? Duration.ofSeconds(1) : Duration.ofMillis(100);
        Duration limit = Duration.ofSeconds(3L * s.heartbeatSeconds() + 10);
        for (Host host : victims) {
            host.alive = false;
            host.publisher.close();
            host.node.close();
            host.apiServer.close();
            long killed = driver.nanoTime();
            DhtNode[] watcher = {randomPlayer()};
            // One look serves both measures: a host still indexed may already be gone for players
            // (its API does not answer); the look that first shows it gone is noted on the way.
            java.util.concurrent.atomic.AtomicLong goneAt = new java.util.concurrent.atomic.AtomicLong(-1);
            shown.add(goneAt);
            indexed.add(pollUntil(killed, every, limit, () -> probe(watcher(watcher), host).whenComplete((p, e) -> {
                if (p != null && p.gone()) {
                    goneAt.compareAndSet(-1, driver.nanoTime() - killed);
                }
            }), Probe::unindexed));
        }
        runUntil(() -> allDone(indexed), limit.plusSeconds(10));
        for (int i = 0; i < victims.size(); i++) {
            long gone = shown.get(i).get();
            long unindexed = indexed.get(i).getNow(-1L);
            report.offline(gone < 0 ? -1 : gone / 1e9, unindexed < 0 ? -1 : unindexed / 1e9);
        }
    }

    /** F5: followed hosts deregister cleanly; the time until a polling player no longer shows them. */
    private void deregister(List<Host> leaving, DirectoryReport.Builder report) throws Exception {
        List<CompletableFuture<Long>> gone = new ArrayList<>();
        List<CompletableFuture<PublishReport>> acks = new ArrayList<>();
        for (Host host : leaving) {
            long started = driver.nanoTime();
            acks.add(host.publisher.deregister());
            DhtNode[] watcher = {randomPlayer()};
            gone.add(pollUntil(started, pollEvery, FLOW_LIMIT, () -> probe(watcher(watcher), host), Probe::gone));
        }
        runUntil(() -> allDone(gone) && allDone(acks), FLOW_LIMIT.plusSeconds(10));
        for (CompletableFuture<Long> g : gone) {
            long nanos = g.getNow(-1L);
            report.deregisterVisible(nanos < 0 ? -1 : nanos / 1e6);
        }
        for (CompletableFuture<PublishReport> a : acks) {
            if (a.isDone() && !a.isCompletedExceptionally() && a.join() != null) {
                report.deregisterAcks(a.join().cellAcks().stream().mapToInt(Integer::intValue).min().orElse(0));
            }
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private void closeAll() {
        List<AutoCloseable> all = new ArrayList<>(closeables);
        all.addAll(fetchers.values());
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort at the end of a run
            }
        }
        for (Host host : hosts) {
            host.publisher.close();
        }
        for (DhtNode node : everyNode) {
            node.close();
        }
    }
}
