package network.shaga.app.sim;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import network.shaga.app.directory.SignedHostRecord;
import network.shaga.dht.Bencode;
import network.shaga.dht.MutableItem;
import network.shaga.dht.transport.Endpoint;
import network.shaga.dht.transport.Network;
import network.shaga.dht.transport.Scheduler;

/**
 * A host API on the simulated network, answering what {@code GET /v1/host} and {@code GET /v1/host?after=SEQ}
 * answer over HTTP, so directory scenarios pay the round trips a player pays for real. A request is one datagram:
 * a kind byte, a 4-byte request id, and for a watch the 8-byte seq. {@link SimRecordFetcher} is the other side.
 */
final class SimHostApi implements AutoCloseable {
    static final byte CONNECT = 'C';
    static final byte CONNECTED = 'c';
    static final byte GET = 'G';
    static final byte WATCH = 'W';
    static final byte WATCHING = 'w';
    static final byte RECORD = 'R';
    static final byte NOT_YET = 'N';

    private final Supplier<SignedHostRecord> record;
    private final Supplier<Integer> replicas;
    private final Scheduler scheduler;
    private final Endpoint endpoint;
    private final List<Watch> watches = new ArrayList<>();

    private record Watch(InetSocketAddress from, int id, long afterSeq, Scheduler.Cancellable timeout) {
    }

    SimHostApi(Network network, InetSocketAddress at, Supplier<SignedHostRecord> record, Supplier<Integer> replicas)
            throws IOException {
        this.record = record;
        this.replicas = replicas;
        this.scheduler = network.newScheduler();
        this.endpoint = network.bind(at, scheduler, this::onDatagram);
    }

    InetSocketAddress address() {
        return endpoint.localAddress();
    }

    private void onDatagram(InetSocketAddress from, byte[] data) {
        if (data.length < 5) {
            return;
        }
        ByteBuffer in = ByteBuffer.wrap(data);
        byte kind = in.get();
        int id = in.getInt();
        switch (kind) {
            case CONNECT -> endpoint.send(from, header(CONNECTED, id).array());
            case GET -> endpoint.send(from, answer(id));
            case WATCH -> {
                if (data.length < 13) {
                    return;
                }
                long after = in.getLong();
                SignedHostRecord current = record.get();
                if (current != null && current.seq() > after) {
                    endpoint.send(from, answer(id));
                    return;
                }
                endpoint.send(from, header(WATCHING, id).array());
                for (Watch held : watches) {
                    if (held.from().equals(from) && held.id() == id) {
                        return;
                    }
                }
                Watch[] self = new Watch[1];
                self[0] = new Watch(from, id, after, scheduler.schedule(
                        network.shaga.app.api.HostApiServer.MAX_WAIT, () -> {
                            if (watches.remove(self[0])) {
                                sendTwice(from, answer(id));
                            }
                        }));
                watches.add(self[0]);
            }
            default -> {
                // not ours: ignore, as a real server would drop garbage
            }
        }
    }

    /** Wakes the watches a newly signed record satisfies (the simulated {@code HostApiServer.recordChanged}). */
    void recordChanged() {
        scheduler.execute(() -> {
            SignedHostRecord current = record.get();
            if (current == null) {
                return;
            }
            for (Watch watch : List.copyOf(watches)) {
                if (current.seq() > watch.afterSeq()) {
                    watches.remove(watch);
                    watch.timeout().cancel();
                    sendTwice(watch.from(), answer(watch.id()));
                }
            }
        });
    }

    /** The answer to a held watch goes out again 200 ms later: TCP would retransmit it, nobody asks twice. */
    private void sendTwice(InetSocketAddress to, byte[] data) {
        endpoint.send(to, data);
        scheduler.schedule(java.time.Duration.ofMillis(200), () -> endpoint.send(to, data));
    }

    private byte[] answer(int id) {
        SignedHostRecord current = record.get();
        if (current == null) {
            return header(NOT_YET, id).array();
        }
        MutableItem item = current.item();
        Map<String, Object> body = new TreeMap<>();
        body.put("k", item.publicKey());
        body.put("salt", item.salt());
        body.put("seq", item.seq());
        body.put("sig", item.signature());
        body.put("v", item.value());
        body.put("n", (long) replicas.get());
        byte[] encoded = Bencode.encode(body);
        ByteBuffer out = ByteBuffer.allocate(5 + encoded.length);
        out.put(RECORD).putInt(id).put(encoded);
        return out.array();
    }

    static ByteBuffer header(byte kind, int id) {
        ByteBuffer out = ByteBuffer.allocate(5);
        out.put(kind).putInt(id);
        return out;
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
