package network.shaga.dht;

/**
 * A snapshot of a node's counters.
 *
 * @param routingTableSize contacts in the routing table
 * @param buckets k-buckets in the routing table
 * @param storedItems BEP 44 items held
 * @param storedBytes bytes of BEP 44 values held
 * @param infohashes infohashes with stored peers
 * @param storedPeers peer entries held
 * @param packetsIn datagrams received
 * @param packetsOut datagrams sent
 * @param bytesIn bytes received
 * @param bytesOut bytes sent
 * @param droppedRateLimited datagrams dropped by the per-IP rate limit
 * @param droppedMalformed datagrams that were not valid KRPC
 * @param droppedUnmatched responses with no outstanding request from that address
 * @param queriesAnswered queries this node answered
 * @param requestsSent queries this node sent
 * @param requestTimeouts queries that were never answered
 * @param lookups iterative lookups run
 * @param replications re-replication rounds completed for stored entries
 */
public record DhtStats(
    int routingTableSize,
    int buckets,
    int storedItems,
    long storedBytes,
    int infohashes,
    int storedPeers,
    long packetsIn,
    long packetsOut,
    long bytesIn,
    long bytesOut,
    long droppedRateLimited,
    long droppedMalformed,
    long droppedUnmatched,
    long queriesAnswered,
    long requestsSent,
    long requestTimeouts,
    long lookups,
    long replications) {}
