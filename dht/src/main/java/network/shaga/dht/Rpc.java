package network.shaga.dht;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcError;
import network.shaga.dht.krpc.KrpcMessage;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.transport.Scheduler;

/**
 * Outstanding queries of one node: random transaction ids, a soft timeout (after which a lookup
 * may widen) and a hard timeout (the request failed). A reply is accepted only from the exact
 * address the query went to. Confined to the node thread.
 */
final class Rpc {
  /** What a request's owner hears back; exactly one of response, error or timeout, once. */
  interface Callback {
    void onResponse(KrpcResponse response, long rttNanos);

    default void onError(KrpcError error) {
      onTimeout();
    }

    /** The soft timeout passed; the request may still be answered. */
    default void onStall() {}

    void onTimeout();
  }

  /** Sends encoded datagrams (the node counts them). */
  interface Wire {
    /** The first {@code length} bytes of {@code packet}, reused by the caller once this returns. */
    void send(InetSocketAddress to, byte[] packet, int length);
  }

  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final Wire wire;
  private final Map<Integer, Pending> pending = new HashMap<>();

  Rpc(Scheduler scheduler, RandomGenerator random, Wire wire) {
    this.scheduler = scheduler;
    this.random = random;
    this.wire = wire;
  }

  private final class Pending {
    final int tid;
    final InetSocketAddress to;
    final long sentAt;
    final long hardNanos;
    final Callback callback;
    Scheduler.Cancellable timer;
    boolean stalled;

    Pending(int tid, InetSocketAddress to, long sentAt, long hardNanos, Callback callback) {
      this.tid = tid;
      this.to = to;
      this.sentAt = sentAt;
      this.hardNanos = hardNanos;
      this.callback = callback;
    }
  }

  /**
   * Sends the query built for a fresh transaction id; {@code softNanos} then {@code hardNanos}
   * after sending, the callback hears of the stall and of the timeout.
   */
  void send(InetSocketAddress to, Function<byte[], KrpcQuery> query, long softNanos, long hardNanos,
      Callback callback) {
    int tid;
    do {
      tid = random.nextInt();
    } while (pending.containsKey(tid));
    long now = scheduler.nanoTime();
    Pending p = new Pending(tid, to, now, Math.max(softNanos, hardNanos), callback);
    pending.put(tid, p);
    byte[] tidBytes = {(byte) (tid >>> 24), (byte) (tid >>> 16), (byte) (tid >>> 8), (byte) tid};
    KrpcCodec.encode(query.apply(tidBytes), (packet, length) -> wire.send(to, packet, length));
    final int key = tid;
    p.timer = scheduler.schedule(Duration.ofNanos(softNanos), () -> softTimeout(key));
  }

  private void softTimeout(int tid) {
    Pending p = pending.get(tid);
    if (p == null) {
      return;
    }
    p.stalled = true;
    long left = p.hardNanos - (scheduler.nanoTime() - p.sentAt);
    p.timer = scheduler.schedule(Duration.ofNanos(Math.max(0, left)), () -> hardTimeout(tid));
    p.callback.onStall();
  }

  private void hardTimeout(int tid) {
    Pending p = pending.remove(tid);
    if (p != null) {
      p.callback.onTimeout();
    }
  }

  /** Routes a response or error to its request; false if nothing was waiting for it. */
  boolean onReply(InetSocketAddress from, KrpcMessage message) {
    byte[] t = message.transactionId();
    if (t.length != 4) {
      return false;
    }
    int tid = ((t[0] & 0xff) << 24) | ((t[1] & 0xff) << 16) | ((t[2] & 0xff) << 8) | (t[3] & 0xff);
    Pending p = pending.get(tid);
    if (p == null || !p.to.equals(from)) {
      return false;
    }
    pending.remove(tid);
    p.timer.cancel();
    if (message instanceof KrpcResponse r) {
      p.callback.onResponse(r, scheduler.nanoTime() - p.sentAt);
    } else if (message instanceof KrpcError e) {
      p.callback.onError(e);
    }
    return true;
  }

  /** Fails every outstanding request (on close). */
  void cancelAll() {
    for (Pending p : pending.values().toArray(new Pending[0])) {
      pending.remove(p.tid);
      p.timer.cancel();
      p.callback.onTimeout();
    }
  }

  int outstanding() {
    return pending.size();
  }
}
