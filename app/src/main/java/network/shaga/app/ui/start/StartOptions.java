package network.shaga.app.ui.start;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import network.shaga.app.core.DataDirectory;
import network.shaga.app.setup.PublicDht;
import network.shaga.app.ui.map.OnlineTiles;

/**
 * What plain {@code shaga} joins once unlocked: the DHT bootstrap list ({@code host:port}, names resolved in the
 * background) and how to open online map tiles (empty: bundled tiles only, as in tests).
 */
public record StartOptions(List<String> dhtBootstrap, PublicDht.Resolver resolver, Optional<OnlineTilesSource> onlineTiles) {
    public StartOptions {
        dhtBootstrap = List.copyOf(dhtBootstrap);
        Objects.requireNonNull(resolver);
        Objects.requireNonNull(onlineTiles);
    }

    /** Opens the online tile source with its cache in the data folder (disk I/O: called off the UI thread). */
    @FunctionalInterface
    public interface OnlineTilesSource {
        OnlineTiles open(DataDirectory dataDirectory) throws IOException;
    }
}
