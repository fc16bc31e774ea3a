package network.shaga.dht.storage;

/** Result of a store request: accepted, or rejected with the KRPC error code to answer. */
public sealed interface StoreOutcome {
  /** Stored (or refreshed); {@code removed} is set when a ttl-0 announce dropped the peer. */
  record Accepted(boolean removed) implements StoreOutcome {}

  /** Refused with a KRPC / BEP 44 error code and a human-readable reason. */
  record Rejected(int code, String reason) implements StoreOutcome {}
}
