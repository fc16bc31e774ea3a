package network.shaga.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import network.shaga.dht.krpc.KrpcCodec;
import network.shaga.dht.krpc.KrpcError;
import network.shaga.dht.krpc.KrpcQuery;
import network.shaga.dht.krpc.KrpcResponse;
import network.shaga.dht.krpc.ParseResult;
import network.shaga.dht.krpc.Request;
import network.shaga.dht.sim.LatencyModel;
import network.shaga.dht.sim.SimNetwork;
import network.shaga.dht.transport.Scheduler;
import org.junit.jupiter.api.Test;

class RpcTest {
  private final SimNetwork sim = new SimNetwork(LatencyModel.zero(), 0, 1);
  private final Scheduler scheduler = sim.newScheduler();
  private final List<byte[]> sent = new ArrayList<>();
  private final Rpc rpc = new Rpc(scheduler, new SplittableRandom(1), (to, p, length) -> sent.add(java.util.Arrays.copyOf(p, length)));
  private final NodeId self = NodeId.random(new SplittableRandom(2));
  private final InetSocketAddress peer = new InetSocketAddress("10.0.0.1", 6881);
  private final List<String> events = new ArrayList<>();

  private final Rpc.Callback recorder = new Rpc.Callback() {
    @Override
    public void onResponse(KrpcResponse response, long rttNanos) {
      events.add("response");
    }

    @Override
    public void onError(KrpcError error) {
      events.add("error " + error.code());
    }

    @Override
    public void onStall() {
      events.add("stall");
    }

    @Override
    public void onTimeout() {
      events.add("timeout");
    }
  };

  private byte[] sentTid() {
    ParseResult r = KrpcCodec.decode(sent.get(sent.size() - 1));
    return ((ParseResult.Parsed) r).message().transactionId();
  }

  private void send() {
    rpc.send(peer, tid -> new KrpcQuery(tid, self, false, null, new Request.Ping()),
        Duration.ofMillis(10).toNanos(), Duration.ofMillis(40).toNanos(), recorder);
  }

  @Test
  void repliesCountOnlyFromTheQueriedAddressWithTheRightTransaction() {
    send();
    byte[] tid = sentTid();
    KrpcResponse reply = KrpcResponse.ack(tid, NodeId.random(new SplittableRandom(3)), null);
    assertThat(rpc.onReply(new InetSocketAddress("10.0.0.2", 6881), reply)).isFalse();
    assertThat(rpc.onReply(new InetSocketAddress("10.0.0.1", 6882), reply)).isFalse();
    KrpcResponse wrongTid = KrpcResponse.ack(new byte[] {1, 2, 3, 4}, self, null);
    assertThat(rpc.onReply(peer, wrongTid)).isFalse();
    assertThat(events).isEmpty();
    assertThat(rpc.onReply(peer, reply)).isTrue();
    assertThat(events).containsExactly("response");
    // A duplicate (replayed) reply is no longer matched.
    assertThat(rpc.onReply(peer, reply)).isFalse();
    assertThat(rpc.outstanding()).isZero();
  }

  @Test
  void softThenHardTimeoutAndLateRepliesAreIgnored() {
    send();
    byte[] tid = sentTid();
    sim.runFor(Duration.ofMillis(11));
    assertThat(events).containsExactly("stall");
    sim.runFor(Duration.ofMillis(30));
    assertThat(events).containsExactly("stall", "timeout");
    assertThat(rpc.onReply(peer, KrpcResponse.ack(tid, self, null))).isFalse();
  }

  @Test
  void errorsAreDeliveredAndStallingRequestsCanStillSucceed() {
    send();
    sim.runFor(Duration.ofMillis(15));
    assertThat(rpc.onReply(peer, new KrpcError(sentTid(), 203, "bad token"))).isTrue();
    assertThat(events).containsExactly("stall", "error 203");
    sim.runFor(Duration.ofSeconds(1));
    assertThat(events).hasSize(2);
  }
}
