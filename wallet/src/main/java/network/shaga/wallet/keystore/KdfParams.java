package network.shaga.wallet.keystore;

/** Argon2id cost parameters stored in a keystore header. */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {
  /** 64 MiB, 3 passes, 1 lane: ≈ 140 ms on the reference machine (FINDINGS). */
  public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 3, 1);

  public KdfParams {
    if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1) {
      throw new IllegalArgumentException("invalid Argon2id parameters");
    }
    // A header is attacker-controlled input: refuse costs that would exhaust memory or time.
    if (memoryKiB > 1024 * 1024 || iterations > 64 || parallelism > 16) {
      throw new IllegalArgumentException("Argon2id parameters beyond supported limits");
    }
  }
}
