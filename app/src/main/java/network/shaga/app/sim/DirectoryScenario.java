package network.shaga.app.sim;

import java.time.Duration;
import network.shaga.dht.sim.SessionLengths;

/**
 * A directory workload (flows F1-F5 of DESIGN.md §1): {@code nodes} DHT nodes of which {@code hosts} are hosts
 * spread over the world's metros; the hosts register, {@code queries} continent-sized searches run, {@code sample}
 * hosts are watched through a status change, and as many are killed and cleanly deregistered.
 *
 * @param transport {@code sim} (virtual time) or {@code udp} (real sockets and HTTP on loopback)
 * @param latency {@code zero}, {@code lan} or {@code wan} (simulator only)
 * @param churnPerHour fraction of the nodes that are not hosts replaced per hour (0: no churn; simulator only)
 * @param sessionDist session lengths of the churning nodes: {@code pareto}, {@code weibull} or {@code exponential}
 * @param windowMinutes with churn: virtual minutes the registered network runs (heartbeats on, nodes churning)
 *     before the timed flows, so the flows meet a network that has churned
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
        long seed,
        double churnPerHour,
        String sessionDist,
        double windowMinutes) {

    public DirectoryScenario {
        if (hosts < 2 || hosts > nodes) {
            throw new IllegalArgumentException("--hosts must be 2.." + nodes + " (hosts are DHT nodes too)");
        }
        if (queries < 1 || heartbeatSeconds < 1 || heartbeatSeconds > 3600 || sample < 1) {
            throw new IllegalArgumentException("--queries and the sample must be at least 1; --heartbeat 1..3600 s");
        }
        if (churnPerHour < 0 || churnPerHour >= 60 || windowMinutes < 0) {
            throw new IllegalArgumentException("--churn-per-hour must be in [0, 60), --window-minutes not negative");
        }
        if (churnPerHour > 0 && !transport.equals("sim")) {
            throw new IllegalArgumentException("churn runs in the simulator only");
        }
    }

    /** Without churn (the flows alone, as before churn existed). */
    public DirectoryScenario(int nodes, int hosts, int queries, int heartbeatSeconds, int sample, int k, String transport,
            String latency, double loss, long seed) {
        this(nodes, hosts, queries, heartbeatSeconds, sample, k, transport, latency, loss, seed, 0, "pareto", 0);
    }

    /** The churning nodes' session lengths, scaled to the churn rate; null without churn. */
    public SessionLengths sessionLengths() {
        return churnPerHour == 0 ? null : SessionLengths.named(sessionDist, Duration.ofNanos(Math.round(3.6e12 / churnPerHour)));
    }

    /** The window the registered network runs before the timed flows (zero without churn). */
    public Duration window() {
        return churnPerHour == 0 ? Duration.ZERO : Duration.ofMillis(Math.round(windowMinutes * 60_000));
    }

    public boolean simulated() {
        return !transport.equals("udp");
    }

    /** Hosts followed through each flow (register, status, kill, deregister): at most half the hosts. */
    public int followed() {
        return Math.max(1, Math.min(sample, hosts / 2));
    }
}
