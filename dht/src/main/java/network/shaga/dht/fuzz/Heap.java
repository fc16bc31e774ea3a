package network.shaga.dht.fuzz;

/** Used heap of this JVM after a full collection, so two readings compare what is really kept. */
public final class Heap {
  /** Growth above this between the start and the end of a run counts as unbounded memory. */
  public static final long MAX_GROWTH_BYTES = 64L << 20;

  private Heap() {}

  /** Bytes of heap in use once garbage is collected. */
  public static long usedAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    // One collection may leave objects queued for finalisation or reference processing.
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
