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
import network.shaga.app.api.HostApiServer;
import network.shaga.app.directory.GeoBox;
import network.shaga.app.directory.GeoPoint;
import network.shaga.app.directory.HostListing;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.stream.MoonlightLocator;
import network.shaga.app.ui.Formats;
import network.shaga.app.ui.LongTexts;
import network.shaga.app.ui.FxThread;
import network.shaga.app.ui.map.GeoBounds;
import network.shaga.app.ui.map.MapMarker;
import network.shaga.app.ui.map.MarkerStatus;
import network.shaga.app.ui.map.WorldMap;

/**
 * The Play screen's behaviour: searches the directory for the area the map shows (again when the map moves and
 * every few seconds), watches up to {@link #MAX_WATCHED} of the hosts found so a status change shows as soon as the
 * host signs it, keeps map and list in step, and starts a rental.
 */
public final class PlayController {
    private static final Duration REFRESH_EVERY = Duration.ofSeconds(10);
    private static final Duration MOVE_SETTLE = Duration.ofMillis(400);
    /** Hosts watched at once (one held request each); the others are updated by the periodic search. */
    static final int MAX_WATCHED = 64;

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
    /** Public keys of the hosts being watched; touched on the FX thread only. */
    private final Set<String> watched = new HashSet<>();
    /** Formatted prices by amount: every batch of hosts relabels every marker. */
    private final LongTexts priceLabels = new LongTexts(4096, Formats::usdc);
    private boolean stopped;

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

    /** Makes the host table's rows ahead of the first hosts; see {@link PlayView#prepareRows}. */
    public void prepareRows() {
        view.prepareRows();
    }

    /** Starts searching: now, then every few seconds. */
    public void start() {
        map.centerOn(15, 10, 1.35);
        search();
        periodic = timer.scheduleWithFixedDelay(() -> fx.execute(this::search), REFRESH_EVERY.toMillis(), REFRESH_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public void stop() {
        stopped = true;
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
                batch.forEach(this::watch);
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

    /** Starts watching a host found by a search, unless it is watched already or enough hosts are. On the FX thread. */
    private void watch(HostListing listing) {
        String key = listing.signed().publicKeyHex();
        // A browse-only screen has no directory to hold requests through: its rows change with each search.
        if (stopped || services == null || watched.size() >= MAX_WATCHED || !watched.add(key)) {
            return;
        }
        follow(listing);
    }

    /**
     * One held request to the host; its newer record updates the row, and the watch goes on while the host is listed.
     * A host that answers early without a newer record, or not at all, is left to the periodic search.
     */
    private void follow(HostListing listing) {
        String key = listing.signed().publicKeyHex();
        long started = System.nanoTime();
        GeoPoint from = area(map.visibleBounds()).center();
        services.directory().watch(listing, from).whenComplete((newer, error) -> fx.execute(() -> {
            boolean listed = model.hosts.stream().anyMatch(row -> row.key().equals(key));
            if (stopped || !listed) {
                watched.remove(key);
            } else if (error == null && newer.isPresent()) {
                // A heartbeat only renews the timestamp: the row stays as it is (no redraw, selection untouched).
                if (!newer.get().record().withTimestamp(0).equals(listing.record().withTimestamp(0))
                        || newer.get().status() != listing.status()) {
                    model.upsert(newer.get());
                }
                follow(newer.get());
            } else if (Duration.ofNanos(System.nanoTime() - started).compareTo(HostApiServer.MAX_WAIT.dividedBy(2)) > 0) {
                follow(listing);
            } else {
                watched.remove(key);
            }
        }));
    }

    private static GeoBox area(GeoBounds bounds) {
        return new GeoBox(bounds.south(), bounds.west(), bounds.north(), bounds.east());
    }

    private void syncMarkers() {
        List<MapMarker> markers = model.visible.stream().map(row -> new MapMarker(row.key(), row.record().location().lat(),
                row.record().location().lon(), status(row.status()),
                row.name() + " · " + row.gpu() + " · " + priceLabels.of(row.priceMicro()) + "/h")).toList();
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
