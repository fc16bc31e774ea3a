package network.shaga.app.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/** A wall clock driven by a scenario's nanosecond time (the simulator's virtual time). */
final class VirtualClock extends Clock {
    private final LongSupplier nanoTime;
    private final Instant base;
    private final long origin;

    VirtualClock(LongSupplier nanoTime, Instant base) {
        this.nanoTime = nanoTime;
        this.base = base;
        this.origin = nanoTime.getAsLong();
    }

    @Override
    public Instant instant() {
        return base.plusNanos(nanoTime.getAsLong() - origin);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a virtual clock is in UTC");
    }
}
