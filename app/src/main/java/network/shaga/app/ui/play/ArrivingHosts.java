package network.shaga.app.ui.play;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import network.shaga.app.directory.HostListing;

/**
 * Hosts found by one search, handed to the FX thread in batches: a burst of arrivals costs one FX task and one
 * update of the list and the map, not one per host (a thousand hosts one by one blocked the FX thread for seconds).
 */
final class ArrivingHosts {
    private final Executor fx;
    private final Consumer<List<HostListing>> onBatch;
    private final ConcurrentLinkedQueue<HostListing> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    /** {@code onBatch} runs on {@code fx} with the hosts that arrived since the last batch, in arrival order. */
    ArrivingHosts(Executor fx, Consumer<List<HostListing>> onBatch) {
        this.fx = Objects.requireNonNull(fx);
        this.onBatch = Objects.requireNonNull(onBatch);
    }

    /** Any thread. */
    void add(HostListing listing) {
        waiting.add(listing);
        if (drainQueued.compareAndSet(false, true)) {
            fx.execute(this::drain);
        }
    }

    /** On the FX thread: hands over whatever has arrived (also called before a search's end is shown, so nothing lags behind it). */
    void drain() {
        drainQueued.set(false);
        List<HostListing> batch = new ArrayList<>();
        for (HostListing listing = waiting.poll(); listing != null; listing = waiting.poll()) {
            batch.add(listing);
        }
        if (!batch.isEmpty()) {
            onBatch.accept(batch);
        }
    }
}
