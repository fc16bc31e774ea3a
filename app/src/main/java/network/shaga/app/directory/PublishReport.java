package network.shaga.app.directory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one publish achieved: how many of the closest nodes stored the record and each index cell.
 *
 * @param kind why it was published
 * @param seq the record's seq
 * @param status the status published
 * @param recordAcks nodes that stored the record
 * @param recordAttempted nodes asked (the K closest that answered)
 * @param cellAcks nodes that stored each index entry, by precision 1, 2, 3
 * @param at when the publish started
 * @param took how long it took
 * @param error why it failed, or null
 */
public record PublishReport(
        Kind kind,
        long seq,
        HostStatus status,
        int recordAcks,
        int recordAttempted,
        List<Integer> cellAcks,
        Instant at,
        Duration took,
        String error) {

    /** Why a record was published. */
    public enum Kind {
        REGISTER,
        HEARTBEAT,
        STATUS,
        DEREGISTER
    }

    public PublishReport {
        cellAcks = List.copyOf(cellAcks);
    }

    public boolean ok() {
        return error == null && recordAcks > 0;
    }

    /** One line for logs and the CLI, e.g. {@code register seq=... available: record on 8 of 8 nodes, cells 8/8/8, 23 ms}. */
    public String describe() {
        String base = kind.name().toLowerCase(java.util.Locale.ROOT) + " seq=" + seq + " " + status.wire();
        if (error != null) {
            return base + ": failed: " + error;
        }
        StringBuilder cells = new StringBuilder();
        for (int acks : cellAcks) {
            cells.append(cells.length() == 0 ? "" : "/").append(acks);
        }
        return base + ": record stored on " + recordAcks + " of " + recordAttempted + " nodes, index cells " + cells
                + ", " + took.toMillis() + " ms";
    }
}
