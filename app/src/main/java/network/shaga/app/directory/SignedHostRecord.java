package network.shaga.app.directory;

import java.util.Arrays;
import java.util.HexFormat;
import network.shaga.dht.MutableItem;

/** A host record together with the signed BEP 44 item that carries it. */
public record SignedHostRecord(MutableItem item, HostRecord record) {

    public byte[] publicKey() {
        return item.publicKey();
    }

    public long seq() {
        return item.seq();
    }

    public String publicKeyHex() {
        return HexFormat.of().formatHex(item.publicKey());
    }

    /**
     * Checks an item found in the DHT or served by a host API: signature, salt, value, and cluster. The
     * rejection says what was wrong; nothing about an unverified item is trusted.
     */
    public static Verified verify(MutableItem item, String expectedNetwork) {
        if (!Arrays.equals(item.salt(), DirectoryKeys.RECORD_SALT)) {
            return new Verified.Rejected(RecordRejection.WRONG_SALT);
        }
        if (item.value().length > HostRecord.MAX_VALUE_BYTES) {
            return new Verified.Rejected(RecordRejection.OVERSIZE);
        }
        if (!item.verify()) {
            return new Verified.Rejected(RecordRejection.BAD_SIGNATURE);
        }
        HostRecord.Parsed parsed = HostRecord.decode(item.value());
        if (parsed instanceof HostRecord.Parsed.Rejected rejected) {
            return new Verified.Rejected(rejected.reason());
        }
        HostRecord record = ((HostRecord.Parsed.Valid) parsed).record();
        return record.network().equals(expectedNetwork)
                ? new Verified.Accepted(new SignedHostRecord(item, record))
                : new Verified.Rejected(RecordRejection.WRONG_NETWORK);
    }

    /** The outcome of {@link #verify}. */
    public sealed interface Verified {
        /** A genuine host record of the expected cluster. */
        record Accepted(SignedHostRecord record) implements Verified {
        }

        /** Dropped, and why. */
        record Rejected(RecordRejection reason) implements Verified {
        }
    }
}
