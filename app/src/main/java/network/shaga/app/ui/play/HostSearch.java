package network.shaga.app.ui.play;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import network.shaga.app.directory.GeoBox;
import network.shaga.app.directory.HostListing;
import network.shaga.app.directory.QueryReport;

/**
 * Where the Play screen finds hosts: the directory on the DHT in the app ({@code HostDirectory::query}), a synthetic
 * world in the UI benchmark. Calls {@code onHost} for each host as it is found, on any thread.
 */
@FunctionalInterface
public interface HostSearch {
    CompletableFuture<QueryReport> query(GeoBox area, Consumer<HostListing> onHost);
}
