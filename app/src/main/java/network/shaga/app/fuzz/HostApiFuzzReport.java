package network.shaga.app.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.shaga.dht.fuzz.Check;
import network.shaga.dht.fuzz.Heap;

/**
 * What a {@link HostApiFuzz} run sent and how the host answered.
 *
 * @param byKind requests sent per kind of attack (lower-case kind names)
 * @param byStatus answers per HTTP status; -1 counts answers that were not HTTP, 0 no answer at all
 * @param acceptedInvalid session requests (never valid by construction) answered 2xx
 * @param unansweredWellFormed valid HTTP requests the server closed without answering
 * @param livenessProbes the player's record reads and signed status requests during and after the run
 * @param livenessOk how many of those were answered as before
 * @param stateUnchanged sessions, refunds, published statuses and the record are as before the run
 * @param stateDifference what changed, when something did
 * @param internalErrors exceptions the app logged while answering
 */
public record HostApiFuzzReport(
        long seed,
        long requests,
        int threads,
        int sourceAddresses,
        Map<String, Long> byKind,
        Map<Integer, Long> byStatus,
        long acceptedInvalid,
        long unansweredWellFormed,
        int livenessProbes,
        int livenessOk,
        boolean stateUnchanged,
        String stateDifference,
        long heapBeforeBytes,
        long heapAfterBytes,
        long internalErrors,
        List<String> internalErrorExamples,
        long wallMillis) {

    public HostApiFuzzReport {
        byKind = Map.copyOf(byKind);
        byStatus = Map.copyOf(new TreeMap<>(byStatus));
        internalErrorExamples = List.copyOf(internalErrorExamples);
    }

    /** Requests sent per second of the whole run. */
    public double requestsPerSecond() {
        return wallMillis == 0 ? 0 : requests * 1000.0 / wallMillis;
    }

    /** Answers {@code 429}: requests from the hot address over its rate limit. */
    public long rateLimited() {
        return byStatus.getOrDefault(429, 0L);
    }

    public long serverErrors() {
        return byStatus.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 503)
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The pass/fail statements of the run. */
    public List<Check> checks() {
        List<Check> out = new ArrayList<>();
        out.add(new Check("host_answering", livenessOk == livenessProbes,
                livenessOk + "/" + livenessProbes + " record reads and signed status requests answered as before"));
        long growth = heapAfterBytes - heapBeforeBytes;
        out.add(new Check("heap_bounded", growth < Heap.MAX_GROWTH_BYTES,
                "grew " + (growth >> 10) + " KiB (limit " + (Heap.MAX_GROWTH_BYTES >> 20) + " MiB)"));
        out.add(new Check("state_unchanged", stateUnchanged, stateUnchanged ? "sessions, refunds, statuses and record as before"
                : stateDifference));
        out.add(new Check("invalid_requests_refused", acceptedInvalid == 0, acceptedInvalid + " answered 2xx"));
        out.add(new Check("well_formed_requests_answered", unansweredWellFormed == 0,
                unansweredWellFormed + " valid HTTP requests closed without an answer"));
        long internal = internalErrors + serverErrors();
        out.add(new Check("no_internal_errors", internal == 0, internal == 0 ? "no 5xx (other than 503), none logged"
                : serverErrors() + " 5xx answers, " + internalErrors + " logged: " + internalErrorExamples));
        return out;
    }

    public boolean passed() {
        return Check.all(checks());
    }
}
