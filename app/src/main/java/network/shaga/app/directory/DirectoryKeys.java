package network.shaga.app.directory;

import java.nio.charset.StandardCharsets;
import network.shaga.dht.NodeId;

/** Where host records and index entries live in the DHT (DESIGN.md §4). */
public final class DirectoryKeys {
    /** BEP 44 salt of every host record. */
    public static final byte[] RECORD_SALT = "shaga/host/v1".getBytes(StandardCharsets.US_ASCII);
    /** Prefix of the geographic index infohashes. */
    public static final String CELL_PREFIX = "shaga/cell/v1/";
    /** Geohash precisions of the index: world, region, city zoom. */
    public static final int[] INDEX_PRECISIONS = {1, 2, 3};

    private DirectoryKeys() {
    }

    /** The BEP 5 infohash of a geographic index cell. */
    public static byte[] cellInfohash(String cell) {
        if (!Geohash.isValid(cell) || cell.length() > 3) {
            throw new IllegalArgumentException("index cells are geohashes of 1 to 3 characters, got " + cell);
        }
        return NodeId.sha1((CELL_PREFIX + cell).getBytes(StandardCharsets.US_ASCII)).toBytes();
    }
}
