package network.shaga.dht.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import network.shaga.dht.DhtConfig;
import network.shaga.dht.DhtNode;
import network.shaga.dht.krpc.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The state checks of the harness see a real change: they are not checks that cannot fail. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GuardedStateTest {
  @Test
  void hostileWritesAreRefusedButTheSameWriteWithAValidTokenChangesWhatTheCheckSees()
      throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    try (DhtNode node = DhtNode.create(DhtConfig.builder().rateLimit(0, 0).build());
        KrpcProbe attacker = new KrpcProbe(Loopback.address(1), random.split());
        KrpcProbe witness = new KrpcProbe(Loopback.address(2), random.split());
        KrpcProbe owner = new KrpcProbe(Loopback.address(3), random.split())) {
      node.start().get(10, TimeUnit.SECONDS);
      InetSocketAddress target = node.localAddress();
      GuardedState guarded = GuardedState.store(target, List.of(owner), 2, 1, random);
      assertThat(guarded.differences(witness)).isEmpty();

      byte[] attackerToken = KrpcFuzz.token(attacker, target);
      GuardedState.Hostile hostile = guarded.hostile(attackerToken, KrpcFuzz.token(owner, target),
          random);
      // One owner, one infohash: the attacker's removal of its own address is the one accepted.
      assertThat(GuardedState.accepted(attacker, target, hostile.mutable())).isEqualTo(1);
      assertThat(GuardedState.accepted(attacker, target, hostile.verbatim())).isZero();
      assertThat(guarded.differences(witness)).isEmpty();

      // The newer version sent without a token is properly signed: with a token it is stored.
      Request.Put tokenless = hostile.verbatim().stream()
          .map(Request.Put.class::cast).filter(p -> p.token() == null).findFirst().orElseThrow();
      Request.Put valid = new Request.Put(attackerToken, tokenless.value(), tokenless.key(),
          tokenless.salt(), tokenless.seq(), tokenless.signature(), null, tokenless.ttl());
      assertThat(GuardedState.accepted(attacker, target, List.of(valid))).isEqualTo(1);
      assertThat(guarded.differences(witness)).hasSize(1);
    }
  }
}
