package network.shaga.app.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import network.shaga.app.session.PinSeal;
import network.shaga.app.session.SessionApi;
import network.shaga.app.session.SignedMessage;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.fuzz.Heap;
import network.shaga.dht.fuzz.LoggedFailures;
import network.shaga.dht.fuzz.Loopback;
import network.shaga.wallet.keystore.KeystoreException;

/**
 * Sends fuzzed HTTP requests at a live host API ({@link FuzzedHost}) from many loopback addresses,
 * after a player has opened sessions on it, and checks that the host keeps answering, keeps its heap
 * bounded, never answers an unsigned, badly signed, replayed, stale or foreign request with 2xx, and
 * that its sessions and record are exactly as before. Each request comes from one of
 * {@link #SOURCE_ADDRESSES} addresses, so the per-address rate limit (which a single address meets
 * at once) lets most of them reach the envelope checks; every {@link #HOT_EVERY}th comes from one hot address,
 * which goes over that limit whenever the run sends more than 400 requests a second.
 */
public final class HostApiFuzz {
    /** Attacker machines: enough that the run stays under each address's 20 requests per second. */
    static final int SOURCE_ADDRESSES = 1024;
    private static final int FIRST_SOURCE = 1 << 8;
    private static final InetAddress HOT_SOURCE = Loopback.address(1);
    static final int HOT_EVERY = 20;
    private static final InetAddress PLAYER_SOURCE = Loopback.address(2);
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int PROBE_ROUNDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostApiFuzz() {}

    /** Runs {@code requests} fuzzed requests from {@code seed}, {@code threads} at a time, against a fresh host. */
    public static HostApiFuzzReport run(long requests, long seed, int threads)
            throws IOException, SQLException, KeystoreException, InterruptedException {
        if (requests < 1 || threads < 1) {
            throw new IllegalArgumentException("requests and threads must be at least 1");
        }
        long started = System.nanoTime();
        Ed25519KeyPair player = Ed25519KeyPair.generate();
        try (LoggedFailures failures = LoggedFailures.watch("network.shaga.app");
                FuzzedHost host = new FuzzedHost(Files.createTempDirectory("shaga-fuzz-host"))) {
            Player client = new Player(host.address(), player);
            String quoted = client.quote();
            String ended = client.quote();
            client.end(ended);
            client.status(quoted);
            List<String> ids = List.of(quoted, ended);
            byte[] record = client.record();
            FuzzedHost.State before = host.state(ids);
            HostApiAttacks attacks = new HostApiAttacks(host.address(), player, Ed25519KeyPair.generate(), ids, client.accepted,
                    seed);
            long heapBefore = Heap.usedAfterGc();

            Tally tally = new Tally();
            AtomicLong next = new AtomicLong();
            List<Thread> workers = new ArrayList<>();
            IOException[] failure = new IOException[1];
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    long i;
                    while ((i = next.getAndIncrement()) < requests) {
                        HostApiAttacks.Attack attack = attacks.attack(i, Instant.now());
                        InetAddress from = i % HOT_EVERY == HOT_EVERY - 1 ? HOT_SOURCE : Loopback.address(FIRST_SOURCE + (int) (i % SOURCE_ADDRESSES));
                        tally.add(attack.kind(), send(from, host.address(), attack.bytes()));
                    }
                }, "host-api-fuzz-" + t);
                worker.setDaemon(true);
                worker.start();
                workers.add(worker);
            }
            int probes = 0;
            int probesOk = 0;
            long probeEvery = Math.max(1, requests / PROBE_ROUNDS);
            long nextProbe = probeEvery;
            for (Thread worker : workers) {
                while (worker.isAlive()) {
                    worker.join(100);
                    // One probe per tenth of the requests sent, however many tenths went by in this wait.
                    while (next.get() >= nextProbe && nextProbe < requests) {
                        nextProbe += probeEvery;
                        probes++;
                        probesOk += client.stillServes(quoted, record) ? 1 : 0;
                    }
                }
            }
            probes++;
            probesOk += client.stillServes(quoted, record) ? 1 : 0;
            FuzzedHost.State after = host.state(ids);
            long heapAfter = Heap.usedAfterGc();
            boolean unchanged = before.equals(after);
            return new HostApiFuzzReport(seed, requests, threads, SOURCE_ADDRESSES + 1, tally.byKind(), tally.byStatus(),
                    tally.acceptedInvalid.get(), tally.unansweredWellFormed.get(), probes, probesOk, unchanged,
                    unchanged ? "" : "before " + before + " after " + after, heapBefore, heapAfter, failures.count(),
                    failures.examples(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The answer's status: -1 when it was not HTTP, 0 when there was none (or the connection failed). */
    private static int send(InetAddress from, InetSocketAddress to, byte[] request) {
        try {
            return RawHttp.exchange(from, to, request, TIMEOUT_MILLIS).map(RawHttp.Response::status).orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Counts answers by kind and status, from many threads. */
    private static final class Tally {
        private final Map<AttackKind, AtomicLong> kinds = new EnumMap<>(AttackKind.class);
        private final Map<Integer, AtomicLong> statuses = new HashMap<>();
        final AtomicLong acceptedInvalid = new AtomicLong();
        final AtomicLong unansweredWellFormed = new AtomicLong();

        Tally() {
            for (AttackKind kind : AttackKind.values()) {
                kinds.put(kind, new AtomicLong());
            }
        }

        void add(AttackKind kind, int status) {
            kinds.get(kind).incrementAndGet();
            synchronized (statuses) {
                statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            }
            if (kind != AttackKind.HOST_RECORD && status >= 200 && status < 300) {
                acceptedInvalid.incrementAndGet();
            }
            if (kind.wellFormed() && status <= 0) {
                unansweredWellFormed.incrementAndGet();
            }
        }

        Map<String, Long> byKind() {
            Map<String, Long> out = new HashMap<>();
            kinds.forEach((k, v) -> out.put(k.name().toLowerCase(java.util.Locale.ROOT), v.get()));
            return out;
        }

        Map<Integer, Long> byStatus() {
            Map<Integer, Long> out = new HashMap<>();
            synchronized (statuses) {
                statuses.forEach((k, v) -> out.put(k, v.get()));
            }
            return out;
        }
    }

    /** The well-behaved player: opens sessions before the run and checks the host still serves it. */
    private static final class Player {
        private final InetSocketAddress host;
        private final Ed25519KeyPair key;
        final List<byte[]> accepted = new ArrayList<>();

        Player(InetSocketAddress host, Ed25519KeyPair key) {
            this.host = host;
            this.key = key;
        }

        String quote() throws IOException {
            ObjectNode body = JSON.createObjectNode().put("path", SessionApi.PREFIX).put("player", HostApiAttacks.address(key))
                    .put("minutes", 30).put("x25519", PinSeal.publicKeyBase64(PinSeal.newPlayerKey()));
            return post(SessionApi.PREFIX, body).path("id").asText();
        }

        void end(String id) throws IOException {
            post(SessionApi.PREFIX + "/" + id + "/end", JSON.createObjectNode());
        }

        JsonNode status(String id) throws IOException {
            return post(SessionApi.PREFIX + "/" + id + "/status", JSON.createObjectNode());
        }

        private JsonNode post(String path, ObjectNode body) throws IOException {
            SignedMessage.Signed signed = SignedMessage.sign(key, body.put("path", path), Instant.now());
            byte[] request = RawHttp.request("POST", path, host,
                    Map.of(SignedMessage.KEY_HEADER, signed.key(), SignedMessage.SIGNATURE_HEADER, signed.signature()), signed.body());
            RawHttp.Response response = RawHttp.exchange(PLAYER_SOURCE, host, request, TIMEOUT_MILLIS)
                    .orElseThrow(() -> new IOException("the host did not answer the player's " + path));
            if (response.status() != 200) {
                throw new IOException("the host refused the player's " + path + ": " + response.status() + " "
                        + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
            }
            accepted.add(request);
            return JSON.readTree(response.body());
        }

        byte[] record() throws IOException {
            RawHttp.Response response = RawHttp.exchange(PLAYER_SOURCE, host,
                    RawHttp.request("GET", "/v1/host", host, Map.of(), new byte[0]), TIMEOUT_MILLIS)
                    .orElseThrow(() -> new IOException("the host did not serve its record"));
            if (response.status() != 200) {
                throw new IOException("the host did not serve its record: " + response.status());
            }
            return response.body();
        }

        /** The record is served unchanged and a fresh signed status request about {@code id} is answered. */
        boolean stillServes(String id, byte[] record) {
            try {
                return Arrays.equals(record(), record) && status(id).path("state").asText().equals("quoted");
            } catch (IOException e) {
                return false;
            }
        }
    }
}
