package network.shaga.app.ui;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.shaga.app.player.PlayerServices;
import network.shaga.dht.DhtStats;

/** Keeps the status bar's DHT health current: contacts in the routing table and traffic. */
final class StatusUpdater {
    private StatusUpdater() {
    }

    static java.util.concurrent.ScheduledFuture<?> start(MainWindow window, PlayerServices player, FxThread fx, ScheduledExecutorService timer) {
        Runnable update = () -> {
            DhtStats stats = player.node().stats();
            String text = stats.routingTableSize() == 0
                    ? "DHT: no peers yet / offline — check the network connection"
                    : "DHT: " + stats.routingTableSize() + " peers · " + stats.packetsIn() + " in / " + stats.packetsOut() + " out";
            fx.execute(() -> window.dht.set(text));
        };
        return timer.scheduleWithFixedDelay(update, 0, 2, TimeUnit.SECONDS);
    }
}
