package network.shaga.app.sim;

/**
 * A directory workload (flows F1-F5 of DESIGN.md §1): {@code nodes} DHT nodes of which {@code hosts} are hosts
 * spread over the world's metros; the hosts register, {@code queries} continent-sized searches run, {@code sample}
 * hosts are watched through a status change, and as many are killed and cleanly deregistered.
 *
 * @param transport {@code sim} (virtual time) or {@code udp} (real sockets and HTTP on loopback)
 * @param latency {@code zero}, {@code lan} or {@code wan} (simulator only)
 */
public record DirectoryScenario(
        int nodes,
        int hosts,
        int queries,
        int heartbeatSeconds,
        int sample,
        int k,
        String transport,
        String latency,
        double loss,
        long seed) {

    public DirectoryScenario {
        if (hosts < 2 || hosts > nodes) {
            throw new IllegalArgumentException("--hosts must be 2.." + nodes + " (hosts are DHT nodes too)");
        }
        if (queries < 1 || heartbeatSeconds < 1 || heartbeatSeconds > 3600 || sample < 1) {
            throw new IllegalArgumentException("--queries and the sample must be at least 1; --heartbeat 1..3600 s");
        }
    }

    public boolean simulated() {
        return !transport.equals("udp");
    }

    /** Hosts followed through each flow (register, status, kill, deregister): at most half the hosts. */
    public int followed() {
        return Math.max(1, Math.min(sample, hosts / 2));
    }
}
