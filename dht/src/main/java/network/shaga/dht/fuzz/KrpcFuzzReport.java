package network.shaga.dht.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link KrpcFuzz} run sent and what the node under test did with it.
 *
 * @param packetsSent fuzzed datagrams sent
 * @param packetsReceived fuzzed datagrams the node read (the rest were lost in the socket buffer)
 * @param malformed datagrams the node refused as not valid KRPC
 * @param queriesAnswered queries the node answered while the fuzz ran
 * @param hostileWrites well-formed invalid writes sent one by one, waiting for each answer
 * @param hostileAccepted how many of those the node acknowledged instead of refusing
 * @param livenessPings pings a bystander sent during the run
 * @param livenessAnswered how many of those were answered
 * @param answeringAfter the node answered a ping after the run
 * @param heapBeforeBytes used heap after GC before the run
 * @param heapAfterBytes used heap after GC after the run
 * @param routingTableSize contacts in the node's table after the run
 * @param storedItems items the node holds after the run (owners' and the fuzzer's own)
 * @param guardedEntries entries owned by others that the run must not change
 * @param guardedChanged descriptions of guarded entries found changed
 * @param lookups lookups the node ran against a peer answering with garbage
 * @param lookupsUnfinished how many of those had not ended within 30 s
 * @param hostileAnswers garbage answers that peer sent
 * @param internalErrors exceptions the node logged while handling packets
 * @param internalErrorExamples the first few of those
 */
public record KrpcFuzzReport(
    long seed,
    long packetsSent,
    long packetsReceived,
    long malformed,
    long queriesAnswered,
    long hostileWrites,
    long hostileAccepted,
    int livenessPings,
    int livenessAnswered,
    boolean answeringAfter,
    long heapBeforeBytes,
    long heapAfterBytes,
    int routingTableSize,
    int storedItems,
    int guardedEntries,
    List<String> guardedChanged,
    int lookups,
    int lookupsUnfinished,
    long hostileAnswers,
    long internalErrors,
    List<String> internalErrorExamples,
    long wallMillis) {

  public KrpcFuzzReport {
    guardedChanged = List.copyOf(guardedChanged);
    internalErrorExamples = List.copyOf(internalErrorExamples);
  }

  /** The pass/fail statements of the run. */
  public List<Check> checks() {
    List<Check> out = new ArrayList<>();
    out.add(new Check("node_answering", answeringAfter && livenessAnswered == livenessPings,
        livenessAnswered + "/" + livenessPings + " pings during, answering after: "
            + answeringAfter));
    long growth = heapAfterBytes - heapBeforeBytes;
    out.add(new Check("heap_bounded", growth < Heap.MAX_GROWTH_BYTES,
        "grew " + (growth >> 10) + " KiB (limit " + (Heap.MAX_GROWTH_BYTES >> 20) + " MiB)"));
    out.add(new Check("guarded_state_unchanged", guardedChanged.isEmpty(),
        guardedChanged.isEmpty() ? guardedEntries + " entries as stored"
            : guardedChanged.toString()));
    out.add(new Check("invalid_writes_refused", hostileAccepted == 0,
        hostileAccepted + " of " + hostileWrites + " acknowledged"));
    out.add(new Check("lookups_end", lookupsUnfinished == 0,
        (lookups - lookupsUnfinished) + " of " + lookups + " lookups against " + hostileAnswers
            + " garbage answers ended"));
    out.add(new Check("no_internal_errors", internalErrors == 0,
        internalErrors == 0 ? "none logged" : internalErrors + ": " + internalErrorExamples));
    return out;
  }

  public boolean passed() {
    return Check.all(checks());
  }
}
