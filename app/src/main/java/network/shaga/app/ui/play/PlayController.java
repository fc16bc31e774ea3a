package network.shaga.app.ui.play;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import network.shaga.app.directory.GeoBox;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.stream.MoonlightLocator;
import network.shaga.app.ui.Formats;
import network.shaga.app.ui.FxThread;
import network.shaga.app.ui.map.GeoBounds;
import network.shaga.app.ui.map.MapMarker;
import network.shaga.app.ui.map.MarkerStatus;
import network.shaga.app.ui.map.WorldMap;

/**
 * The Play screen's behaviour: searches the directory for the area the map shows (again when the map moves and
 * every few seconds, so statuses stay live), keeps map and list in step, and starts a rental.
 */
public final class PlayController {
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(10);
    private static final Duration MOVE_SETTLE = Duration.ofMillis(400);

    private final PlayModel model = new PlayModel();
    private final WorldMap map = new WorldMap();
    private final PlayView view;
    /** Null on a browse-only screen (no wallet: nothing can be rented). */
    private final PlayerServices services;
    private final HostSearch hosts;
    private final FxThread fx;
    private final ScheduledExecutorService timer;
    private final java.util.concurrent.Executor io;
    private final MoonlightLocator moonlight;
    private ScheduledFuture<?> pendingSearch;
    private ScheduledFuture<?> periodic;
    private long searchGeneration;

    public PlayController(PlayerServices services, FxThread fx, ScheduledExecutorService timer, java.util.concurrent.Executor io,
            MoonlightLocator moonlight) {
        this(services.directory()::query, services, fx, timer, io, moonlight);
    }

    /** A Play screen over any host search without a wallet: map, list, filters and details, no Rent. */
    public static PlayController browseOnly(HostSearch hosts, FxThread fx, ScheduledExecutorService timer, java.util.concurrent.Executor io) {
        return new PlayController(hosts, null, fx, timer, io, null);
    }

    private PlayController(HostSearch hosts, PlayerServices services, FxThread fx, ScheduledExecutorService timer,
            java.util.concurrent.Executor io, MoonlightLocator moonlight) {
        this.hosts = hosts;
        this.services = services;
        this.fx = fx;
        this.timer = timer;
        this.io = io;
        this.moonlight = moonlight;
        this.view = new PlayView(model, map);
        // The map follows the filtered list: every change of the hosts that matters to it reaches it through there.
        model.visible.addListener((ListChangeListener<HostRow>) change -> syncMarkers());
        map.setOnMarkerClicked(key -> model.hosts.stream().filter(row -> row.key().equals(key)).findFirst().ifPresent(model.selected::set));
        map.addViewportListener(viewport -> searchSoon());
        view.refresh.setOnAction(event -> search());
        view.rent.setVisible(services != null);
        view.rent.setManaged(services != null);
        view.rent.setOnAction(event -> {
            HostRow row = model.selected.get();
            if (services != null && row != null && row.status() == HostStatus.AVAILABLE) {
                new RentDialog(row, services, moonlight, fx, io, timer, view.root.getScene() == null ? null : view.root.getScene().getWindow()).show();
            }
        });
    }

    public Parent view() {
        return view.root;
    }

    /** Starts searching: now, then every few seconds. */
    public void start() {
        map.centerOn(15, 10, 1.35);
        search();
        periodic = timer.scheduleWithFixedDelay(() -> fx.execute(this::search), REFRESH_EVERY.toMillis(), REFRESH_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }

    PlayModel model() {
        return model;
    }

    /** The screen's map, e.g. for a benchmark that pans and zooms it. */
    public WorldMap map() {
        return map;
    }

    private void searchSoon() {
        if (pendingSearch != null) {
            pendingSearch.cancel(false);
        }
        pendingSearch = timer.schedule(() -> fx.execute(this::search), MOVE_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks up the hosts in the visible area; results stream into the list as they arrive. */
    void search() {
        long generation = ++searchGeneration;
        GeoBox area = area(map.visibleBounds());
        model.searching.set(true);
        Set<String> found = new HashSet<>();
        ArrivingHosts arriving = new ArrivingHosts(fx, batch -> {
            if (generation == searchGeneration) {
                batch.forEach(listing -> found.add(listing.signed().publicKeyHex()));
                model.upsertAll(batch);
            }
        });
        hosts.query(area, arriving::add).whenComplete((report, error) -> fx.execute(() -> {
            if (generation != searchGeneration) {
                return;
            }
            arriving.drain();
            model.searching.set(false);
            if (error != null) {
                model.searchStatus.set("The directory search failed (" + error.getMessage() + "); retrying in a few seconds.");
                return;
            }
            model.retainOnly(found);
            String dropped = report.rejectedTotal() > 0 ? ", " + report.rejectedTotal() + " invalid record(s) dropped" : "";
            model.searchStatus.set(found.size() + " host" + (found.size() == 1 ? "" : "s") + " in view · "
                    + report.cells() + " cells searched in " + report.took().toMillis() + " ms" + dropped);
        }));
    }

    private static GeoBox area(GeoBounds bounds) {
        return new GeoBox(bounds.south(), bounds.west(), bounds.north(), bounds.east());
    }

    private void syncMarkers() {
        List<MapMarker> markers = model.visible.stream().map(row -> new MapMarker(row.key(), row.record().location().lat(),
                row.record().location().lon(), status(row.status()),
                row.name() + " · " + row.gpu() + " · " + Formats.usdc(row.priceMicro()) + "/h")).toList();
        map.setMarkers(markers);
    }

    private static MarkerStatus status(HostStatus status) {
        return switch (status) {
            case AVAILABLE -> MarkerStatus.AVAILABLE;
            case BUSY -> MarkerStatus.BUSY;
            case OFFLINE -> MarkerStatus.OFFLINE;
        };
    }
}
