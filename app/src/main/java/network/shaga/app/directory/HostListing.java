package network.shaga.app.directory;

import java.net.InetSocketAddress;
import org.p2p.solanaj.core.PublicKey;

/**
 * A host as a player sees it: its verified record, plus what the player measured.
 *
 * @param signed the verified record
 * @param endpoint where its host API answered
 * @param rttMs round trip of fetching the record, in milliseconds (-1 when read from the DHT only)
 * @param distanceKm from the centre of the player's search area
 * @param ageSeconds since the record was published
 * @param status the status to show: {@code offline} once heartbeats stopped
 * @param replicas how many DHT nodes stored the record at its last publish, as the host reports it
 */
public record HostListing(
        SignedHostRecord signed,
        InetSocketAddress endpoint,
        double rttMs,
        double distanceKm,
        long ageSeconds,
        HostStatus status,
        int replicas) {

    public HostRecord record() {
        return signed.record();
    }

    /** The host's public key in base58: its Solana address, where payments go. */
    public String address() {
        return new PublicKey(signed.publicKey()).toBase58();
    }
}
