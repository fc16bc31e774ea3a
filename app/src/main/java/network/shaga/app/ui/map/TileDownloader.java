package network.shaga.app.ui.map;

import java.io.IOException;
import java.util.Optional;

/** Fetches one tile's PNG from a tile server; the seam that keeps tests off the network. */
@FunctionalInterface
public interface TileDownloader {

    /**
     * Returns the tile's PNG bytes, or empty when the server has no such tile.
     *
     * @throws IOException when the server cannot be reached or answers with an error, i.e. when the app is offline
     */
    Optional<byte[]> download(TileKey key) throws IOException;
}
