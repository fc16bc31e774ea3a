package network.shaga.dht;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import network.shaga.dht.storage.StorageLimits;

/** Everything a {@link DhtNode} can be tuned with; build with {@link #builder()}. */
public final class DhtConfig {
  private final InetAddress bindAddress;
  private final int port;
  private final List<InetSocketAddress> bootstrap;
  private final int k;
  private final int alpha;
  private final NodeId nodeId;
  private final Path dataDir;
  private final StorageLimits storage;
  private final Duration replicationInterval;
  private final Duration maintenanceInterval;
  private final Duration bucketRefreshInterval;
  private final Duration tokenRotation;
  private final Duration closestSetReuse;
  private final Duration minRequestTimeout;
  private final Duration maxRequestTimeout;
  private final Duration initialRequestTimeout;
  private final double rateLimitPerSecond;
  private final double rateLimitBurst;
  private final boolean enforceBep42;
  private final long randomSeed;

  private DhtConfig(Builder b) {
    this.bindAddress = b.bindAddress;
    this.port = b.port;
    this.bootstrap = List.copyOf(b.bootstrap);
    this.k = b.k;
    this.alpha = b.alpha;
    this.nodeId = b.nodeId;
    this.dataDir = b.dataDir;
    this.storage = b.storage;
    this.replicationInterval = b.replicationInterval;
    this.maintenanceInterval = b.maintenanceInterval;
    this.bucketRefreshInterval = b.bucketRefreshInterval;
    this.tokenRotation = b.tokenRotation;
    this.closestSetReuse = b.closestSetReuse;
    this.minRequestTimeout = b.minRequestTimeout;
    this.maxRequestTimeout = b.maxRequestTimeout;
    this.initialRequestTimeout = b.initialRequestTimeout;
    this.rateLimitPerSecond = b.rateLimitPerSecond;
    this.rateLimitBurst = b.rateLimitBurst;
    this.enforceBep42 = b.enforceBep42;
    this.randomSeed = b.randomSeed;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.bindAddress = bindAddress;
    b.port = port;
    b.bootstrap = bootstrap;
    b.k = k;
    b.alpha = alpha;
    b.nodeId = nodeId;
    b.dataDir = dataDir;
    b.storage = storage;
    b.replicationInterval = replicationInterval;
    b.maintenanceInterval = maintenanceInterval;
    b.bucketRefreshInterval = bucketRefreshInterval;
    b.tokenRotation = tokenRotation;
    b.closestSetReuse = closestSetReuse;
    b.minRequestTimeout = minRequestTimeout;
    b.maxRequestTimeout = maxRequestTimeout;
    b.initialRequestTimeout = initialRequestTimeout;
    b.rateLimitPerSecond = rateLimitPerSecond;
    b.rateLimitBurst = rateLimitBurst;
    b.enforceBep42 = enforceBep42;
    b.randomSeed = randomSeed;
    return b;
  }

  public InetAddress bindAddress() {
    return bindAddress;
  }

  public int port() {
    return port;
  }

  public List<InetSocketAddress> bootstrap() {
    return bootstrap;
  }

  public int k() {
    return k;
  }

  public int alpha() {
    return alpha;
  }

  /** Fixed node id, or null to load it from {@link #dataDir()} or pick a random one. */
  public NodeId nodeId() {
    return nodeId;
  }

  /** Where the node id and routing snapshot persist, or null for none. */
  public Path dataDir() {
    return dataDir;
  }

  public StorageLimits storage() {
    return storage;
  }

  public Duration replicationInterval() {
    return replicationInterval;
  }

  public Duration maintenanceInterval() {
    return maintenanceInterval;
  }

  public Duration bucketRefreshInterval() {
    return bucketRefreshInterval;
  }

  public Duration tokenRotation() {
    return tokenRotation;
  }

  public Duration closestSetReuse() {
    return closestSetReuse;
  }

  public Duration minRequestTimeout() {
    return minRequestTimeout;
  }

  public Duration maxRequestTimeout() {
    return maxRequestTimeout;
  }

  public Duration initialRequestTimeout() {
    return initialRequestTimeout;
  }

  public double rateLimitPerSecond() {
    return rateLimitPerSecond;
  }

  public double rateLimitBurst() {
    return rateLimitBurst;
  }

  public boolean enforceBep42() {
    return enforceBep42;
  }

  /** Seed of the node's random generator; 0 means seeded from the OS. */
  public long randomSeed() {
    return randomSeed;
  }

  /** Builder with mainline defaults (K = 8, alpha = 3, 2 h items, 5 min re-replication). */
  public static final class Builder {
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private List<InetSocketAddress> bootstrap = List.of();
    private int k = 8;
    private int alpha = 3;
    private NodeId nodeId;
    private Path dataDir;
    private StorageLimits storage = StorageLimits.defaults();
    private Duration replicationInterval = Duration.ofMinutes(5);
    private Duration maintenanceInterval = Duration.ofSeconds(30);
    private Duration bucketRefreshInterval = Duration.ofMinutes(15);
    private Duration tokenRotation = Duration.ofMinutes(5);
    private Duration closestSetReuse = Duration.ofMinutes(2);
    private Duration minRequestTimeout = Duration.ofMillis(20);
    private Duration maxRequestTimeout = Duration.ofSeconds(3);
    private Duration initialRequestTimeout = Duration.ofSeconds(1);
    private double rateLimitPerSecond = 200;
    private double rateLimitBurst = 400;
    private boolean enforceBep42;
    private long randomSeed;

    private Builder() {}

    /** Local address to bind (default loopback; use the wildcard address for the internet). */
    public Builder bindAddress(InetAddress v) {
      bindAddress = Objects.requireNonNull(v);
      return this;
    }

    /** UDP port, 0 for an ephemeral one. */
    public Builder port(int v) {
      port = v;
      return this;
    }

    public Builder bootstrap(List<InetSocketAddress> v) {
      bootstrap = List.copyOf(v);
      return this;
    }

    /** Bucket size and replication factor. */
    public Builder k(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("k >= 1");
      }
      k = v;
      return this;
    }

    /** Parallel requests per lookup. */
    public Builder alpha(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("alpha >= 1");
      }
      alpha = v;
      return this;
    }

    public Builder nodeId(NodeId v) {
      nodeId = v;
      return this;
    }

    public Builder dataDir(Path v) {
      dataDir = v;
      return this;
    }

    public Builder storage(StorageLimits v) {
      storage = Objects.requireNonNull(v);
      return this;
    }

    /** Longest lifetime of any stored entry, whatever {@code ttl} a writer asks for. */
    public Builder maxTtl(Duration v) {
      StorageLimits l = storage;
      storage = new StorageLimits(l.maxItems(), l.maxBytes(), l.maxInfohashes(),
          l.maxPeersPerInfohash(), l.maxPeers(), l.maxEntriesPerSourceIp(), v,
          min(l.defaultItemTtl(), v), min(l.defaultPeerTtl(), v));
      return this;
    }

    private static Duration min(Duration a, Duration b) {
      return a.compareTo(b) <= 0 ? a : b;
    }

    /** How often stored entries are re-put to the current K closest nodes. */
    public Builder replicationInterval(Duration v) {
      replicationInterval = v;
      return this;
    }

    /** How often buckets are refreshed, questionable nodes pinged and storage swept. */
    public Builder maintenanceInterval(Duration v) {
      maintenanceInterval = v;
      return this;
    }

    public Builder bucketRefreshInterval(Duration v) {
      bucketRefreshInterval = v;
      return this;
    }

    public Builder tokenRotation(Duration v) {
      tokenRotation = v;
      return this;
    }

    /** How long the closest nodes and tokens of a target are reused by puts and announces. */
    public Builder closestSetReuse(Duration v) {
      closestSetReuse = v;
      return this;
    }

    /** Floor of the adaptive per-request timeout. */
    public Builder minRequestTimeout(Duration v) {
      minRequestTimeout = v;
      return this;
    }

    /** Ceiling of the adaptive per-request timeout; a request is abandoned after it. */
    public Builder maxRequestTimeout(Duration v) {
      maxRequestTimeout = v;
      return this;
    }

    /** Timeout used before any round trip was measured. */
    public Builder initialRequestTimeout(Duration v) {
      initialRequestTimeout = v;
      return this;
    }

    /** Incoming packets per second per source IP (0 = unlimited) and burst size. */
    public Builder rateLimit(double perSecond, double burst) {
      rateLimitPerSecond = perSecond;
      rateLimitBurst = burst;
      return this;
    }

    /** Keep nodes whose id breaks BEP 42 out of the routing table. */
    public Builder enforceBep42(boolean v) {
      enforceBep42 = v;
      return this;
    }

    public Builder randomSeed(long v) {
      randomSeed = v;
      return this;
    }

    public DhtConfig build() {
      return new DhtConfig(this);
    }
  }
}
