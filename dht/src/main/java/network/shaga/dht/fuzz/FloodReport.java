package network.shaga.dht.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link KrpcFlood} run measured.
 *
 * @param targetRate datagrams per second the flooder aimed at
 * @param floodSent datagrams the flooder sent
 * @param floodSeconds how long the flood lasted
 * @param nodeReceived datagrams the node read during the flood (all sources)
 * @param nodeRateLimited datagrams the node dropped by its per-address rate limit
 * @param legitClients well-behaved clients, each on its own address
 * @param legitSent queries they sent during the flood
 * @param legitAnswered how many of those were answered within the timeout
 * @param latency legit answer latency during the flood
 * @param baselineLatency legit answer latency just before the flood
 * @param answeringAfter the node answered a ping after the flood
 * @param guardedEntries entries stored by owners before the flood
 * @param guardedLost descriptions of guarded entries missing or changed after it
 */
public record FloodReport(
    long targetRate,
    long floodSent,
    double floodSeconds,
    long nodeReceived,
    long nodeRateLimited,
    int legitClients,
    long legitSent,
    long legitAnswered,
    Latency latency,
    Latency baselineLatency,
    boolean answeringAfter,
    long heapBeforeBytes,
    long heapAfterBytes,
    int guardedEntries,
    List<String> guardedLost,
    long internalErrors,
    List<String> internalErrorExamples) {
  /** Share of legit queries that must be answered while the flood runs. */
  public static final double MIN_ANSWERED = 0.9;

  public FloodReport {
    guardedLost = List.copyOf(guardedLost);
    internalErrorExamples = List.copyOf(internalErrorExamples);
  }

  /** Answer latencies in milliseconds. */
  public record Latency(long samples, double p50Ms, double p99Ms, double maxMs) {
    /** Percentiles of a list of latencies in nanoseconds. */
    public static Latency of(List<Long> nanos) {
      if (nanos.isEmpty()) {
        return new Latency(0, Double.NaN, Double.NaN, Double.NaN);
      }
      long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
      return new Latency(sorted.length, ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.99)),
          ms(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, double q) {
      return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
      return Math.round(nanos / 1e3) / 1e3;
    }
  }

  /** Flood datagrams sent per second. */
  public double floodRate() {
    return floodSeconds > 0 ? floodSent / floodSeconds : 0;
  }

  /** Legit answers per second during the flood. */
  public double legitAnswersPerSecond() {
    return floodSeconds > 0 ? legitAnswered / floodSeconds : 0;
  }

  public double legitAnsweredRatio() {
    return legitSent == 0 ? 0 : (double) legitAnswered / legitSent;
  }

  /** The pass/fail statements of the run. */
  public List<Check> checks() {
    List<Check> out = new ArrayList<>();
    out.add(new Check("node_answering", answeringAfter, "answering after the flood: "
        + answeringAfter));
    out.add(new Check("legit_answers_flow", legitSent > 0 && legitAnsweredRatio() >= MIN_ANSWERED,
        legitAnswered + " of " + legitSent + " legit queries answered (at least "
            + Math.round(MIN_ANSWERED * 100) + "% needed)"));
    out.add(new Check("nothing_stored_lost", guardedLost.isEmpty(),
        guardedLost.isEmpty() ? guardedEntries + " entries as stored" : guardedLost.toString()));
    long growth = heapAfterBytes - heapBeforeBytes;
    out.add(new Check("heap_bounded", growth < Heap.MAX_GROWTH_BYTES,
        "grew " + (growth >> 10) + " KiB (limit " + (Heap.MAX_GROWTH_BYTES >> 20) + " MiB)"));
    out.add(new Check("no_internal_errors", internalErrors == 0,
        internalErrors == 0 ? "none logged" : internalErrors + ": " + internalErrorExamples));
    return out;
  }

  public boolean passed() {
    return Check.all(checks());
  }
}
