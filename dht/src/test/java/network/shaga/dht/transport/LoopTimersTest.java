package network.shaga.dht.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Timers of an event-loop network: due order, cancellation from any thread, many cancelled ones. */
@Timeout(30)
class LoopTimersTest {
  @Test
  void timersFireInDeadlineOrderAndCancelledOnesNever() throws Exception {
    try (UdpNetwork network = UdpNetwork.create(0)) {
      Scheduler scheduler = network.newScheduler();
      List<String> fired = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(1);
      scheduler.schedule(Duration.ofMillis(60), () -> fired.add("c"));
      scheduler.schedule(Duration.ofMillis(20), () -> fired.add("a"));
      Scheduler.Cancellable never = scheduler.schedule(Duration.ofMillis(40), () -> fired.add("x"));
      scheduler.schedule(Duration.ofMillis(40), () -> fired.add("b"));
      scheduler.schedule(Duration.ofMillis(80), done::countDown);
      never.cancel();
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(fired).containsExactly("a", "b", "c");
    }
  }

  @Test
  void manyTimersCancelledOnTheLoopAreDroppedAndTheRestStillFire() throws Exception {
    try (UdpNetwork network = UdpNetwork.create(0)) {
      Scheduler scheduler = network.newScheduler();
      CompletableFuture<Integer> count = new CompletableFuture<>();
      int[] ran = {0};
      // As a node does: each request's timer is set and cancelled on the loop when the answer comes.
      scheduler.execute(() -> {
        for (int i = 0; i < 10_000; i++) {
          Scheduler.Cancellable t = scheduler.schedule(Duration.ofSeconds(5), () -> ran[0] += 1000);
          t.cancel();
          scheduler.schedule(Duration.ofMillis(i % 50), () -> ran[0]++);
        }
        scheduler.schedule(Duration.ofMillis(200), () -> count.complete(ran[0]));
      });
      assertThat(count.get(10, TimeUnit.SECONDS)).isEqualTo(10_000);
    }
  }
}
