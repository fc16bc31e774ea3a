package network.shaga.app.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import network.shaga.app.api.HostApiServer;
import network.shaga.app.directory.RecordFetcher;
import network.shaga.dht.Bencode;
import network.shaga.dht.MutableItem;
import network.shaga.dht.transport.Endpoint;
import network.shaga.dht.transport.Network;
import network.shaga.dht.transport.Scheduler;

/**
 * A player's side of {@link SimHostApi}: fetches behave like the HTTP ones, with a connection handshake first (one
 * round trip, the first packet retried after 1 s and 2 s like a TCP SYN) unless a connection to that host is still
 * open (kept alive for {@link #KEEP_ALIVE} after its last answer, as the HTTP client does), the request retried
 * every 300 ms until answered, and the same 3 s limit. So a first record costs two round trips, a later one one,
 * and a dead host the whole timeout.
 */
final class SimRecordFetcher implements RecordFetcher, AutoCloseable {
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_RETRY = Duration.ofMillis(300);
    /** Waits before each repeated connection attempt, as a TCP SYN is retried. */
    private static final Duration[] CONNECT_RETRY_GAPS = {Duration.ofSeconds(1), Duration.ofSeconds(2)};

    private final Scheduler scheduler;
    private final Endpoint endpoint;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(30);
    private final Map<Integer, Exchange> exchanges = new HashMap<>();
    /** Hosts with an open connection, and until when it stays open. */
    private final Map<InetSocketAddress, Long> open = new HashMap<>();
    private int nextId = 1;

    SimRecordFetcher(Network network, InetSocketAddress at) throws IOException {
        this.scheduler = network.newScheduler();
        this.endpoint = network.bind(at, scheduler, this::onDatagram);
    }

    /** One fetch or watch in flight. */
    private final class Exchange {
        final int id;
        final InetSocketAddress to;
        final Long afterSeq;
        final long started = scheduler.nanoTime();
        final CompletableFuture<Fetched> result = new CompletableFuture<>();
        boolean connected;
        boolean held;
        Scheduler.Cancellable retry;
        Scheduler.Cancellable deadline;

        Exchange(int id, InetSocketAddress to, Long afterSeq) {
            this.id = id;
            this.to = to;
            this.afterSeq = afterSeq;
        }

        void connect(int attempt) {
            endpoint.send(to, SimHostApi.header(SimHostApi.CONNECT, id).array());
            if (attempt < CONNECT_RETRY_GAPS.length) {
                retry = scheduler.schedule(CONNECT_RETRY_GAPS[attempt], () -> {
                    if (!connected) {
                        connect(attempt + 1);
                    }
                });
            }
        }

        void request() {
            ByteBuffer out;
            if (afterSeq == null) {
                out = SimHostApi.header(SimHostApi.GET, id);
            } else {
                out = ByteBuffer.allocate(13);
                out.put(SimHostApi.WATCH).putInt(id).putLong(afterSeq);
            }
            endpoint.send(to, out.array());
            retry = scheduler.schedule(REQUEST_RETRY, () -> {
                if (!held) {
                    request();
                }
            });
        }

        void finish(Fetched fetched) {
            if (exchanges.remove(id) == null) {
                return;
            }
            if (fetched instanceof Fetched.Unreachable) {
                open.remove(to);
            } else {
                open.put(to, scheduler.nanoTime() + KEEP_ALIVE.toNanos());
            }
            if (retry != null) {
                retry.cancel();
            }
            deadline.cancel();
            result.complete(fetched);
        }
    }

    @Override
    public CompletableFuture<Fetched> fetch(InetSocketAddress to) {
        return start(to, null, FETCH_TIMEOUT);
    }

    @Override
    public CompletableFuture<Fetched> fetchNewer(InetSocketAddress to, long afterSeq) {
        return start(to, afterSeq, HostApiServer.MAX_WAIT.plus(FETCH_TIMEOUT));
    }

    private CompletableFuture<Fetched> start(InetSocketAddress to, Long afterSeq, Duration timeout) {
        CompletableFuture<Fetched> out = new CompletableFuture<>();
        scheduler.execute(() -> {
            Exchange exchange = new Exchange(nextId++, to, afterSeq);
            exchanges.put(exchange.id, exchange);
            exchange.deadline = scheduler.schedule(timeout, () -> exchange.finish(new Fetched.Unreachable()));
            exchange.result.whenComplete((fetched, error) -> out.complete(fetched));
            Long openUntil = open.get(to);
            if (openUntil != null && openUntil - scheduler.nanoTime() > 0) {
                exchange.connected = true;
                exchange.request();
            } else {
                exchange.connect(0);
            }
        });
        return out;
    }

    private void onDatagram(InetSocketAddress from, byte[] data) {
        if (data.length < 5) {
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        byte kind = in.get();
        Exchange exchange = exchanges.get(in.getInt());
        if (exchange == null || !exchange.to.equals(from)) {
            return;
        }
        switch (kind) {
            case SimHostApi.CONNECTED -> {
                if (!exchange.connected) {
                    exchange.connected = true;
                    if (exchange.retry != null) {
                        exchange.retry.cancel();
                    }
                    exchange.request();
                }
            }
            case SimHostApi.RECORD -> exchange.finish(decode(Arrays.copyOfRange(data, 5, data.length),
                    (scheduler.nanoTime() - exchange.started) / 1e6));
            case SimHostApi.WATCHING -> exchange.held = true;
            case SimHostApi.NOT_YET -> exchange.finish(new Fetched.Unreachable());
            default -> {
                // ignore
            }
        }
    }

    private static Fetched decode(byte[] body, double rttMs) {
        try {
            if (!(Bencode.decode(body) instanceof Map<?, ?> map)
                    || !(map.get("k") instanceof byte[] key) || !(map.get("salt") instanceof byte[] salt)
                    || !(map.get("seq") instanceof Long seq) || !(map.get("sig") instanceof byte[] sig)
                    || !(map.get("v") instanceof byte[] value) || !(map.get("n") instanceof Long replicas)) {
                return new Fetched.Bad(network.shaga.app.directory.RecordRejection.MALFORMED);
            }
            return new Fetched.Ok(new MutableItem(key, salt, seq, value, sig), rttMs, replicas.intValue());
        } catch (RuntimeException e) {
            return new Fetched.Bad(network.shaga.app.directory.RecordRejection.MALFORMED);
        }
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
