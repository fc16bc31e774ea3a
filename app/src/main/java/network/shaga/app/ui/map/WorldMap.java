package network.shaga.app.ui.map;

import com.gluonhq.maps.MapView;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import network.shaga.app.ui.FxThread;

/**
 * The world map of the app (a Gluon {@link MapView} on the bundled basemap) with host markers,
 * count bubbles where they crowd, a hover label, zoom buttons, and optionally a location picker.
 * All methods must be called on the JavaFX thread; callbacks run there too.
 */
public final class WorldMap {
    /** The zoom level the Play screen opens at: the whole inhabited world in a typical window. */
    public static final double DEFAULT_ZOOM = 2;
    private static final double MAX_ZOOM = 18;
    /** Gluon applies a centre or zoom only when the value changes; a repeat after dragging is nudged by this much. */
    private static final double NUDGE = 1e-9;
    private static final Duration CLUSTER_WORKER_IDLE = Duration.ofSeconds(5);
    /** What one notch of a mouse wheel scrolls, in JavaFX's scroll units. */
    private static final double WHEEL_NOTCH = 40;

    private final MapView mapView = new MapView();
    private final MarkerLayer layer;
    private final StackPane root = new StackPane();
    private final Map<String, MapMarker> markers = new LinkedHashMap<>();
    private final List<Consumer<Viewport>> viewportListeners = new CopyOnWriteArrayList<>();
    private Consumer<String> onMarkerClicked = id -> { };
    private Consumer<GeoPoint> onLocationPicked;
    private final Label attribution = attribution();
    /** Wheel scrolling not yet turned into a zoom (touchpads scroll in small steps). */
    private double wheelDelta;

    public WorldMap() {
        this(clusterWorker());
    }

    /** A map whose marker clusters are computed on {@code clusterWorker} (tests pass a direct executor). */
    WorldMap(Executor clusterWorker) {
        layer = new MarkerLayer(clusterWorker, new FxThread());
        mapView.getStyleClass().add("world-map-view");
        mapView.addLayer(layer);
        layer.setOnMarkerClicked(marker -> onMarkerClicked.accept(marker.id()));
        layer.setOnClusterClicked(this::expand);
        layer.setOnViewportChanged(viewport -> {
            // Online tiles may have been switched on since the map was built.
            attribution.setText(BundledTileRetriever.attribution());
            viewportListeners.forEach(listener -> listener.accept(viewport));
        });
        mapView.addEventHandler(MouseEvent.MOUSE_CLICKED, this::pickLocation);
        mapView.addEventFilter(ScrollEvent.SCROLL, this::wheelZoom);

        root.getStyleClass().add("world-map");
        root.getStylesheets().add(Objects.requireNonNull(WorldMap.class.getResource("world-map.css")).toExternalForm());
        root.setMinSize(0, 0);
        root.getChildren().addAll(mapView, zoomButtons(), attribution);
        centerOn(25, 10, DEFAULT_ZOOM);
    }

    /** The node to put in a screen. */
    public Region view() {
        return root;
    }

    /** Shows exactly these markers (ids must be unique; a later duplicate replaces an earlier one). */
    public void setMarkers(Collection<MapMarker> newMarkers) {
        markers.clear();
        newMarkers.forEach(marker -> markers.put(marker.id(), marker));
        markersChanged();
    }

    /** Adds a marker, or moves/recolours the one with the same id (e.g. a host record update). */
    public void putMarker(MapMarker marker) {
        markers.put(marker.id(), marker);
        markersChanged();
    }

    /** Removes the marker with this id; false if there was none. */
    public boolean removeMarker(String id) {
        boolean removed = markers.remove(id) != null;
        if (removed) {
            markersChanged();
        }
        return removed;
    }

    public void clearMarkers() {
        markers.clear();
        markersChanged();
    }

    public List<MapMarker> markers() {
        return List.copyOf(markers.values());
    }

    /** Called with the marker's id when the user clicks a marker (clicking a bubble zooms into it instead). */
    public void setOnMarkerClicked(Consumer<String> handler) {
        onMarkerClicked = Objects.requireNonNull(handler);
    }

    /**
     * Turns location picking on (a handler) or off ({@code null}): a click on the map, not on a
     * marker and not the end of a drag, reports the position under the pointer.
     */
    public void setOnLocationPicked(Consumer<GeoPoint> handler) {
        onLocationPicked = handler;
        mapView.setCursor(handler == null ? Cursor.DEFAULT : Cursor.CROSSHAIR);
    }

    /** Shows a pin at a position, e.g. the host's chosen location. */
    public void showPin(GeoPoint position) {
        layer.setPin(Objects.requireNonNull(position));
    }

    public void hidePin() {
        layer.setPin(null);
    }

    /** Centres the map on a position at a zoom level (0 = whole world in 256 px, up to 18). */
    public void centerOn(double latitude, double longitude, double zoom) {
        GeoPoint target = new GeoPoint(
                Math.max(-WebMercator.MAX_LATITUDE, Math.min(WebMercator.MAX_LATITUDE, latitude)), longitude);
        double clampedZoom = Math.max(0, Math.min(MAX_ZOOM, zoom));
        mapView.setZoom(clampedZoom == mapView.getZoom() ? clampedZoom + NUDGE : clampedZoom);
        double lat = target.latitude() == mapView.getCenter().getLatitude() ? target.latitude() - NUDGE : target.latitude();
        mapView.setCenter(lat, target.longitude());
        layer.invalidate();
    }

    /** The part of the world on screen (south, west, north, east), clamped to the map's edges. */
    public GeoBounds visibleBounds() {
        return viewport().bounds();
    }

    /** The current zoom level, fractional while the user zooms with the wheel. */
    public double zoom() {
        return viewport().zoom();
    }

    /**
     * Listens for pans, zooms and resizes. Called at most once per frame with the new viewport,
     * during layout: do not block (the Play screen debounces its DHT queries).
     */
    public void addViewportListener(Consumer<Viewport> listener) {
        viewportListeners.add(Objects.requireNonNull(listener));
    }

    public void removeViewportListener(Consumer<Viewport> listener) {
        viewportListeners.remove(listener);
    }

    /** The whole world at zoom 0 until the map is laid out in a scene. */
    private Viewport viewport() {
        return layer.viewport().orElseGet(() -> new Viewport(
                new GeoBounds(-WebMercator.MAX_LATITUDE, -180, WebMercator.MAX_LATITUDE, 180), mapView.getZoom()));
    }

    MarkerLayer layer() {
        return layer;
    }

    MapView mapView() {
        return mapView;
    }

    private void markersChanged() {
        layer.markersChanged(markers.values());
    }

    /** Zooms to the first level where a bubble's markers no longer share one symbol. */
    private void expand(MarkerCluster cluster) {
        int level = (int) Math.floor(zoom() + 1e-9);
        int target = Math.min(MarkerLayer.FAN_OUT_ZOOM, level + 1);
        String someMember = cluster.members().get(0).id();
        while (target < MarkerLayer.FAN_OUT_ZOOM && sizeOfClusterContaining(someMember, target) == cluster.size()) {
            target++;
        }
        centerOn(WebMercator.latitude(cluster.y()), WebMercator.longitude(cluster.x()), target);
    }

    private int sizeOfClusterContaining(String markerId, int zoom) {
        for (MarkerCluster candidate : layer.clustersAt(zoom)) {
            for (MapMarker member : candidate.members()) {
                if (member.id().equals(markerId)) {
                    return candidate.size();
                }
            }
        }
        return 0;
    }

    private void pickLocation(MouseEvent event) {
        if (onLocationPicked == null || event.getButton() != MouseButton.PRIMARY || !event.isStillSincePress() || event.isConsumed()) {
            return;
        }
        Optional<GeoPoint> position = layer.positionAt(event.getX(), event.getY());
        position.ifPresent(onLocationPicked);
    }

    private VBox zoomButtons() {
        Button in = new Button("+");
        in.setId("map-zoom-in");
        in.setOnAction(event -> zoomBy(1));
        Button out = new Button("−");
        out.setId("map-zoom-out");
        out.setOnAction(event -> zoomBy(-1));
        VBox box = new VBox(4, in, out);
        box.getStyleClass().add("world-map-zoom");
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        box.setPickOnBounds(false);
        StackPane.setAlignment(box, Pos.TOP_RIGHT);
        StackPane.setMargin(box, new Insets(12));
        return box;
    }

    /**
     * Zooms by whole levels about the point under the pointer, one level per wheel notch. Gluon's own wheel zoom
     * moves by tenths of a level and leaves the map there, with every tile scaled: the software renderer then
     * resamples each tile pixel on every frame of every later pan, and the basemap looks blurred.
     */
    private void wheelZoom(ScrollEvent event) {
        event.consume();
        if (event.getDeltaY() == 0 || Math.signum(event.getDeltaY()) != Math.signum(wheelDelta)) {
            wheelDelta = 0;
        }
        wheelDelta += event.getDeltaY();
        int levels = (int) (wheelDelta / WHEEL_NOTCH);
        if (levels == 0) {
            return;
        }
        wheelDelta -= levels * WHEEL_NOTCH;
        double from = viewport().zoom();
        double whole = Math.round(from);
        // Below the lowest whole level only if the map is there already (the Play screen opens at 1.35): then no further.
        double to = Math.max(Math.min(from, minimumWholeZoom()), Math.min(MAX_ZOOM, whole + levels));
        if (Math.abs(to - from) < 1e-6) {
            return;
        }
        // The point under the pointer stays there (the middle of the view if the pointer is off the world): the new
        // centre is as many new pixels away from it as the pointer is from the middle of the view.
        double x = event.getX();
        double y = event.getY();
        Optional<GeoPoint> fixed = layer.positionAt(x, y);
        if (fixed.isEmpty()) {
            x = mapView.getWidth() / 2;
            y = mapView.getHeight() / 2;
            fixed = layer.positionAt(x, y);
        }
        if (fixed.isEmpty()) {
            return;
        }
        double scale = WebMercator.worldSize(to);
        double centreX = WebMercator.x(fixed.get().longitude()) + (mapView.getWidth() / 2 - x) / scale;
        double centreY = WebMercator.y(fixed.get().latitude()) + (mapView.getHeight() / 2 - y) / scale;
        centerOn(WebMercator.latitude(Math.max(0, Math.min(1, centreY))), WebMercator.longitude(Math.max(0, Math.min(1, centreX))), to);
    }

    /** The lowest whole zoom level at which the world is as tall as the view (Gluon's own lower limit, made whole). */
    private double minimumWholeZoom() {
        double height = Math.max(1, mapView.getHeight());
        return Math.max(0, Math.ceil(Math.log(height / WebMercator.worldSize(0)) / Math.log(2)));
    }

    private void zoomBy(int levels) {
        Viewport now = viewport();
        GeoBounds b = now.bounds();
        // Zoom about the centre of what is on screen (Gluon's own zoom would snap back to the last centre set).
        double centreY = (WebMercator.y(b.north()) + WebMercator.y(b.south())) / 2;
        double centreX = (WebMercator.x(b.west()) + WebMercator.x(b.east())) / 2;
        centerOn(WebMercator.latitude(centreY), WebMercator.longitude(centreX), Math.round(now.zoom()) + levels);
    }

    /**
     * One thread, started when clusters are wanted and ended after a few idle seconds, so a map that is not in use
     * holds no thread.
     */
    private static Executor clusterWorker() {
        ThreadPoolExecutor worker = new ThreadPoolExecutor(0, 1, CLUSTER_WORKER_IDLE.toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "shaga-map-clusters");
                    thread.setDaemon(true);
                    return thread;
                });
        return worker;
    }


    private static Label attribution() {
        Label label = new Label(BundledTileRetriever.attribution());
        label.getStyleClass().add("world-map-attribution");
        label.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        label.setMouseTransparent(true);
        StackPane.setAlignment(label, Pos.BOTTOM_RIGHT);
        return label;
    }
}
