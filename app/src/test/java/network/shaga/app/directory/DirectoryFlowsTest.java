package network.shaga.app.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import network.shaga.app.api.HostApiServer;
import network.shaga.app.net.Endpoints;
import network.shaga.app.net.PrivateDht;
import network.shaga.dht.DhtNode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Flows F1-F6 on a private DHT of real UDP nodes on loopback, with real host APIs. */
@Timeout(120)
class DirectoryFlowsTest {
    private static final GeoBox EUROPE = new GeoBox(35, -10, 60, 30);

    @TempDir
    Path dir;
    private PrivateDht dht;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final List<TestHost> hosts = new ArrayList<>();
    private HostDirectory player;

    /** One host: its own DHT node, key, host API and publisher. */
    final class TestHost implements AutoCloseable {
        final Ed25519KeyPair key;
        final DhtNode node;
        final HostApiServer api;
        final HostPublisher publisher;

        TestHost(String name, double lat, double lon, int heartbeatSeconds, Ed25519KeyPair key, SeqCounter seq) throws Exception {
            this.key = key;
            this.node = dht.addNode();
            AtomicReference<HostPublisher> self = new AtomicReference<>();
            this.api = new HostApiServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    () -> self.get() == null ? null : self.get().current(),
                    () -> self.get() == null || self.get().lastReport() == null ? 0 : self.get().lastReport().recordAcks());
            HostRecord record = new HostRecord(HostStatus.AVAILABLE, api.address(), Geohash.encode(lat, lon, 5), name,
                    "NVIDIA GeForce RTX 4070", "AMD Ryzen 5 7600", 32, 0x101, "2560x1440@144", 1_200_000, "localnet",
                    0, heartbeatSeconds);
            this.publisher = new HostPublisher(node, key, seq, record, Clock.systemUTC(), timer);
            publisher.addSignedListener(api::recordChanged);
            self.set(publisher);
            hosts.add(this);
        }

        TestHost(String name, double lat, double lon) throws Exception {
            this(name, lat, lon, 30, Ed25519KeyPair.generate(), new SeqCounter(dir.resolve(name + ".seq"), System::currentTimeMillis));
        }

        /** The host process dies: no goodbye, no more heartbeats, its API gone. */
        void kill() {
            publisher.close();
            api.close();
            dht.kill(node);
        }

        @Override
        public void close() {
            publisher.close();
            api.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        dht = PrivateDht.start(12, 2, b -> b);
        player = new HostDirectory(dht.addNode(), "localnet", HttpClient.newHttpClient(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        hosts.forEach(TestHost::close);
        timer.shutdownNow();
        dht.close();
    }

    private Map<String, HostListing> query(GeoBox area, QueryReport[] report) throws Exception {
        Map<String, HostListing> found = new ConcurrentHashMap<>();
        QueryReport result = player.query(area, listing -> found.put(listing.signed().publicKeyHex(), listing)).get(30, TimeUnit.SECONDS);
        if (report != null) {
            report[0] = result;
        }
        return found;
    }

    @Test
    void registeredHostsAreFoundInTheirAreaWithTheirDetails() throws Exception {
        TestHost paris = new TestHost("Paris rig", 48.85, 2.35);
        TestHost berlin = new TestHost("Berlin rig", 52.52, 13.40);
        TestHost tokyo = new TestHost("Tokyo rig", 35.68, 139.69);
        for (TestHost host : hosts) {
            PublishReport report = host.publisher.register().get(20, TimeUnit.SECONDS);
            assertThat(report.ok()).as(report.describe()).isTrue();
            assertThat(report.recordAcks()).isGreaterThanOrEqualTo(4);
            assertThat(report.cellAcks()).allSatisfy(acks -> assertThat(acks).isGreaterThanOrEqualTo(4));
        }
        QueryReport[] report = new QueryReport[1];
        Map<String, HostListing> europe = query(EUROPE, report);
        assertThat(europe.values()).extracting(l -> l.record().name()).containsExactlyInAnyOrder("Paris rig", "Berlin rig");
        HostListing listing = europe.get(paris.publisher.current().publicKeyHex());
        assertThat(listing.status()).isEqualTo(HostStatus.AVAILABLE);
        assertThat(listing.record().gpu()).isEqualTo("NVIDIA GeForce RTX 4070");
        assertThat(listing.record().priceMicroUsdcPerHour()).isEqualTo(1_200_000);
        assertThat(listing.rttMs()).isPositive();
        assertThat(listing.replicas()).isGreaterThanOrEqualTo(4);
        assertThat(listing.address()).hasSizeBetween(32, 44);
        assertThat(report[0].rejectedTotal()).isZero();

        Map<String, HostListing> paris100 = query(GeoBox.around(new GeoPoint(48.85, 2.35), 100), null);
        assertThat(paris100.values()).extracting(l -> l.record().name()).containsExactly("Paris rig");
        assertThat(paris100.values().iterator().next().distanceKm()).isLessThan(10);

        assertThat(player.lookup(tokyo.key.publicKey()).get(10, TimeUnit.SECONDS)).get()
                .extracting(r -> r.record().name()).isEqualTo("Tokyo rig");
        assertThat(berlin.publisher.current().seq()).isPositive();
    }

    @Test
    void statusChangesAreVisibleAtOnceAndSeqOnlyGrows() throws Exception {
        TestHost host = new TestHost("Lyon rig", 45.76, 4.84);
        long registered = host.publisher.register().get(20, TimeUnit.SECONDS).seq();
        HostListing listing = query(EUROPE, null).values().iterator().next();

        PublishReport busy = host.publisher.setStatus(HostStatus.BUSY).get(20, TimeUnit.SECONDS);
        assertThat(busy.seq()).isGreaterThan(registered);
        HostListing refreshed = player.refresh(listing, EUROPE.center()).get(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(refreshed.status()).isEqualTo(HostStatus.BUSY);
        assertThat(player.lookup(host.key.publicKey()).get(10, TimeUnit.SECONDS).orElseThrow().record().status())
                .isEqualTo(HostStatus.BUSY);

        host.publisher.setStatus(HostStatus.AVAILABLE).get(20, TimeUnit.SECONDS);
        assertThat(query(EUROPE, null).values()).extracting(HostListing::status).containsExactly(HostStatus.AVAILABLE);
    }

    @Test
    void aWatchingPlayerSeesAStatusChangeAsSoonAsItIsSigned() throws Exception {
        TestHost host = new TestHost("Nantes rig", 47.22, -1.55);
        host.publisher.register().get(20, TimeUnit.SECONDS);
        HostListing listing = query(EUROPE, null).values().iterator().next();

        CompletableFuture<Optional<HostListing>> watch = player.watch(listing, EUROPE.center());
        Thread.sleep(300);
        assertThat(watch).as("nothing changed: the host holds the watch").isNotDone();
        CompletableFuture<PublishReport> stored = host.publisher.setStatus(HostStatus.BUSY);
        HostListing changed = watch.get(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(changed.status()).isEqualTo(HostStatus.BUSY);
        assertThat(changed.signed().seq()).isGreaterThan(listing.signed().seq());
        assertThat(stored.get(20, TimeUnit.SECONDS).ok()).isTrue();

        // A watch for a seq the host already passed is answered at once.
        assertThat(player.watch(listing, EUROPE.center()).get(5, TimeUnit.SECONDS)).get()
                .extracting(HostListing::status).isEqualTo(HostStatus.BUSY);
        HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + Endpoints.format(host.api.address()) + "/v1/host?after=soon")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("after must be a seq");
    }

    @Test
    void deregisteredHostsDisappearFromTheIndex() throws Exception {
        TestHost host = new TestHost("Madrid rig", 40.42, -3.70);
        host.publisher.register().get(20, TimeUnit.SECONDS);
        assertThat(query(EUROPE, null)).hasSize(1);
        PublishReport bye = host.publisher.deregister().get(20, TimeUnit.SECONDS);
        assertThat(bye.status()).isEqualTo(HostStatus.OFFLINE);
        assertThat(bye.cellAcks()).allSatisfy(acks -> assertThat(acks).isPositive());
        QueryReport[] report = new QueryReport[1];
        assertThat(query(EUROPE, report)).isEmpty();
        assertThat(report[0].endpoints()).isZero();
    }

    @Test
    void aKilledHostIsGoneAndShagaNodesDropItsEntriesAfterTwoHeartbeats() throws Exception {
        TestHost host = new TestHost("Rome rig", 41.90, 12.50, 1, Ed25519KeyPair.generate(),
                new SeqCounter(dir.resolve("rome.seq"), System::currentTimeMillis));
        host.publisher.register().get(20, TimeUnit.SECONDS);
        assertThat(query(EUROPE, null)).hasSize(1);
        host.kill();
        QueryReport[] report = new QueryReport[1];
        assertThat(query(EUROPE, report)).isEmpty();
        Thread.sleep(2_500);
        assertThat(query(EUROPE, report)).isEmpty();
        assertThat(report[0].endpoints()).as("index entries expired by ttl").isZero();
    }

    @Test
    void aRestartedHostWithANewAddressReplacesItsOldRecord() throws Exception {
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        SeqCounter seq = new SeqCounter(dir.resolve("vienna.seq"), System::currentTimeMillis);
        TestHost before = new TestHost("Vienna rig", 48.21, 16.37, 30, key, seq);
        before.publisher.register().get(20, TimeUnit.SECONDS);
        InetSocketAddress oldApi = before.api.address();
        before.kill();
        TestHost after = new TestHost("Vienna rig", 48.21, 16.37, 30, key, new SeqCounter(dir.resolve("vienna.seq"), System::currentTimeMillis));
        after.publisher.register().get(20, TimeUnit.SECONDS);
        Map<String, HostListing> found = query(EUROPE, null);
        assertThat(found).hasSize(1);
        HostListing listing = found.values().iterator().next();
        assertThat(listing.endpoint()).isEqualTo(after.api.address()).isNotEqualTo(oldApi);
        assertThat(listing.signed().seq()).isGreaterThan(before.publisher.current().seq());
    }

    @Test
    void forgedForeignAndReplayedRecordsAreDroppedAndCounted() throws Exception {
        TestHost honest = new TestHost("Oslo rig", 59.91, 10.75);
        honest.publisher.register().get(20, TimeUnit.SECONDS);
        SignedHostRecord genuine = honest.publisher.current();
        DhtNode attacker = dht.addNode();
        Ed25519KeyPair attackerKey = Ed25519KeyPair.generate();
        List<HostApiServer> fakes = new ArrayList<>();
        try {
            // 1. Someone else's valid record, replayed from the attacker's endpoint.
            fakes.add(fake(attacker, genuine.item(), genuine.record()));
            // 2. A value altered after signing.
            HostRecord cheaper = new HostRecord(HostStatus.AVAILABLE, genuine.record().api(), genuine.record().geohash(), "Oslo rig",
                    "", "", 0, 1, "", 1, "localnet", genuine.record().timestamp(), 30);
            MutableItem item = genuine.item();
            fakes.add(fake(attacker, new MutableItem(item.publicKey(), item.salt(), item.seq(), cheaper.encode(), item.signature()), cheaper));
            // 3. Signed by the attacker, but for another cluster; 4. with another salt.
            fakes.add(fakeSigned(attacker, attackerKey, "shaga/host/v1", "devnet"));
            fakes.add(fakeSigned(attacker, attackerKey, "not-shaga", "localnet"));
            QueryReport[] report = new QueryReport[1];
            Map<String, HostListing> found = query(EUROPE, report);
            assertThat(found.values()).extracting(l -> l.record().name()).containsExactly("Oslo rig");
            assertThat(found.values().iterator().next().endpoint()).isEqualTo(honest.api.address());
            assertThat(report[0].rejected()).containsEntry(RecordRejection.ENDPOINT_MISMATCH, 1)
                    .containsEntry(RecordRejection.BAD_SIGNATURE, 1)
                    .containsEntry(RecordRejection.WRONG_NETWORK, 1)
                    .containsEntry(RecordRejection.WRONG_SALT, 1);
        } finally {
            fakes.forEach(HostApiServer::close);
        }
    }

    @Test
    void recordsAndIndexEntriesSurviveAThirdOfTheDhtDying() throws Exception {
        TestHost host = new TestHost("Prague rig", 50.08, 14.43);
        host.publisher.register().get(20, TimeUnit.SECONDS);
        List<DhtNode> nodes = dht.nodes();
        for (int i = 0; i < nodes.size() / 3; i++) {
            dht.kill(nodes.get(nodes.size() - 1 - 3 * i % nodes.size()));
        }
        assertThat(query(EUROPE, null).values()).extracting(l -> l.record().name()).containsExactly("Prague rig");
        assertThat(player.lookup(host.key.publicKey()).get(10, TimeUnit.SECONDS)).isPresent();
    }

    /** A host API that serves {@code item} and is announced in the cells of {@code shown}'s location. */
    private HostApiServer fake(DhtNode node, MutableItem item, HostRecord shown) throws Exception {
        HostApiServer server = new HostApiServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                () -> new SignedHostRecord(item, shown), () -> 8);
        announce(node, shown.geohash(), server.address().getPort());
        return server;
    }

    private HostApiServer fakeSigned(DhtNode node, Ed25519KeyPair key, String salt, String network) throws Exception {
        AtomicReference<SignedHostRecord> served = new AtomicReference<>();
        HostApiServer server = new HostApiServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), served::get, () -> 8);
        HostRecord record = new HostRecord(HostStatus.AVAILABLE, server.address(), Geohash.encode(59.9, 10.7, 5), "Fake rig", "", "", 0, 1,
                "", 1, network, System.currentTimeMillis() / 1000, 30);
        served.set(new SignedHostRecord(MutableItem.sign(key, salt.getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, record.encode()),
                record));
        announce(node, record.geohash(), server.address().getPort());
        return server;
    }

    private static void announce(DhtNode node, String geohash, int port) throws Exception {
        for (int precision : DirectoryKeys.INDEX_PRECISIONS) {
            node.announce(DirectoryKeys.cellInfohash(geohash.substring(0, precision)), port, null).get(10, TimeUnit.SECONDS);
        }
    }
}
