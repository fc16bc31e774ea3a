package network.shaga.app.ui.map;

import com.gluonhq.maps.MapLayer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.InvalidationListener;
import javafx.geometry.Point2D;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * The Gluon map layer that draws hosts: markers coloured by status, count bubbles where markers
 * would overlap, a hover label and an optional location pin. Symbols are pooled and rebound on
 * every layout, and only those on screen are placed, so a thousand markers cost a thousand
 * nodes at most and nothing is allocated per frame once the clusters of a zoom level exist.
 */
final class MarkerLayer extends MapLayer {
    /** Markers closer than this on screen share a bubble. */
    static final double CLUSTER_RADIUS_PX = 36;
    /** From this zoom level on, markers at the same spot are fanned out around it instead of counted. */
    static final int FAN_OUT_ZOOM = 12;
    private static final double MARGIN_PX = 40;
    private static final double FAN_SPACING_PX = 20;
    /** A zoom this close to a whole level draws tiles at scale 1 (the map nudges repeated zooms by 1e-9). */
    private static final double WHOLE_ZOOM_TOLERANCE = 1e-6;

    private final ClusterLevels clusters;
    private final MarkerSprites sprites = MarkerSprites.SHARED;
    private final List<MarkerSymbol> pool = new ArrayList<>();
    private final Label hoverLabel = new Label();
    private final Circle pin = new Circle(8);
    private final Circle pinDot = new Circle(3);
    private final InvalidationListener relayout = o -> invalidate();
    private Consumer<MapMarker> onMarkerClicked = m -> { };
    private Consumer<MarkerCluster> onClusterClicked = c -> { };
    private Consumer<Viewport> onViewportChanged = v -> { };
    private Collection<MapMarker> markerSource = List.of();
    private boolean markersDirty;
    /** What was drawn last: drawn again, moved with the map, until the clusters of the current level and markers are ready. */
    private List<MarkerCluster> lastClusters = List.of();
    private GeoPoint pinPosition;
    private Viewport lastViewport;
    private boolean dirty = true;
    private int placedSymbols;

    /**
     * @param clusterWorker computes the clusters off the FX thread
     * @param fx            hands them back on the FX thread
     */
    MarkerLayer(Executor clusterWorker, Executor fx) {
        clusters = new ClusterLevels(CLUSTER_RADIUS_PX, clusterWorker, fx, this::invalidate);
        sprites.prepareAllInBackground();
        hoverLabel.getStyleClass().add("world-map-tooltip");
        hoverLabel.setMouseTransparent(true);
        hoverLabel.setVisible(false);
        hoverLabel.setManaged(false);
        pin.setFill(Color.web("#7cf29a", 0.25));
        pin.setStroke(Color.web("#7cf29a"));
        pin.setStrokeWidth(2.5);
        pinDot.setFill(Color.web("#7cf29a"));
        for (Circle part : new Circle[] {pin, pinDot}) {
            part.setMouseTransparent(true);
            part.setVisible(false);
        }
        pin.setId("map-pin");
        getChildren().addAll(pin, pinDot, hoverLabel);
    }

    @Override
    protected void initialize() {
        baseMap.zoom().addListener(relayout);
        baseMap.centerLat().addListener(relayout);
        baseMap.centerLon().addListener(relayout);
        baseMap.translateXProperty().addListener(relayout);
        baseMap.translateYProperty().addListener(relayout);
        parentProperty().addListener(relayout);
        invalidate();
    }

    /**
     * Takes the markers to draw from {@code source} (read at the next layout, not now), so that
     * results streaming in one by one re-cluster once per frame rather than once per marker.
     */
    void markersChanged(Collection<MapMarker> source) {
        markerSource = source;
        markersDirty = true;
        // The hovered symbol may now stand for other markers.
        hoverLabel.setVisible(false);
        invalidate();
    }

    void setOnMarkerClicked(Consumer<MapMarker> handler) {
        onMarkerClicked = Objects.requireNonNull(handler);
    }

    void setOnClusterClicked(Consumer<MarkerCluster> handler) {
        onClusterClicked = Objects.requireNonNull(handler);
    }

    void setOnViewportChanged(Consumer<Viewport> handler) {
        onViewportChanged = Objects.requireNonNull(handler);
    }

    void setPin(GeoPoint position) {
        pinPosition = position;
        invalidate();
    }

    /** The symbols drawn at this zoom level (all of them, on screen or not). */
    List<MarkerCluster> clustersAt(int zoom) {
        refreshMarkers();
        return clusters.now(zoom);
    }

    /** The symbols currently placed on screen, in drawing order. */
    List<MarkerSymbol> placedSymbols() {
        return List.copyOf(pool.subList(0, placedSymbols));
    }

    /** What the map shows right now, or empty before it is in a scene and sized. */
    Optional<Viewport> viewport() {
        return projection().map(Projection::viewport);
    }

    /** The map position under a point of the map view, or empty where no map is drawn. */
    Optional<GeoPoint> positionAt(double x, double y) {
        return projection().flatMap(p -> p.position(x, y));
    }

    void invalidate() {
        dirty = true;
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        if (dirty) {
            layoutLayer();
        }
    }

    @Override
    protected void layoutLayer() {
        snapBasemapToPixels();
        Optional<Projection> maybe = projection();
        if (maybe.isEmpty()) {
            dirty = false;
            return;
        }
        Projection p = maybe.get();
        refreshMarkers();
        int level = (int) Math.max(0, Math.min(TileKey.MAX_ZOOM, Math.floor(p.zoom + 1e-9)));
        lastClusters = clusters.ready(level).orElse(lastClusters);
        // Cleared only now: a direct cluster worker has just delivered, and this pass serves its invalidation.
        dirty = false;
        int used = 0;
        for (MarkerCluster cluster : lastClusters) {
            double x = p.screenX(cluster.x());
            double y = p.screenY(cluster.y());
            if (x < -MARGIN_PX || y < -MARGIN_PX || x > p.width + MARGIN_PX || y > p.height + MARGIN_PX) {
                continue;
            }
            if (cluster.isSingle()) {
                symbol(used++).showMarker(cluster.members().get(0), x, y);
            } else if (level < FAN_OUT_ZOOM) {
                symbol(used++).showCluster(cluster, x, y);
            } else {
                used = fanOut(cluster, x, y, used);
            }
        }
        for (int i = used; i < placedSymbols; i++) {
            pool.get(i).hide();
        }
        placedSymbols = used;
        placePin(p);
        Viewport viewport = p.viewport();
        if (!viewport.equals(lastViewport)) {
            lastViewport = viewport;
            hoverLabel.setVisible(false);
            onViewportChanged.accept(viewport);
        }
    }

    /**
     * At a whole zoom level, moves the basemap to the nearest whole pixel. The map is centred on coordinates, which
     * put its tiles at fractional pixels, and the software renderer then resamples every tile pixel bilinearly on
     * every frame (most of its time per frame, and a slightly blurred map); at whole pixels it copies them.
     */
    private void snapBasemapToPixels() {
        if (baseMap == null) {
            return;
        }
        double zoom = baseMap.zoom().get();
        if (Math.abs(zoom - Math.rint(zoom)) > WHOLE_ZOOM_TOLERANCE) {
            return;
        }
        double x = baseMap.getTranslateX();
        double y = baseMap.getTranslateY();
        if (x != Math.rint(x)) {
            baseMap.setTranslateX(Math.rint(x));
        }
        if (y != Math.rint(y)) {
            baseMap.setTranslateY(Math.rint(y));
        }
    }

    private void refreshMarkers() {
        if (markersDirty) {
            markersDirty = false;
            clusters.setMarkers(List.copyOf(markerSource));
        }
    }

    private int fanOut(MarkerCluster cluster, double x, double y, int used) {
        int n = cluster.size();
        double radius = Math.max(FAN_SPACING_PX, n * FAN_SPACING_PX / (2 * Math.PI));
        for (int k = 0; k < n; k++) {
            double angle = 2 * Math.PI * k / n - Math.PI / 2;
            symbol(used++).showMarker(cluster.members().get(k), x + radius * Math.cos(angle), y + radius * Math.sin(angle));
        }
        return used;
    }

    private void placePin(Projection p) {
        boolean shown = pinPosition != null;
        pin.setVisible(shown);
        pinDot.setVisible(shown);
        if (shown) {
            double x = p.screenX(WebMercator.x(pinPosition.longitude()));
            double y = p.screenY(WebMercator.y(pinPosition.latitude()));
            for (Circle part : new Circle[] {pin, pinDot}) {
                part.setLayoutX(x);
                part.setLayoutY(y);
            }
        }
    }

    private MarkerSymbol symbol(int index) {
        if (index < pool.size()) {
            return pool.get(index);
        }
        MarkerSymbol symbol = new MarkerSymbol(sprites);
        symbol.addEventHandler(MouseEvent.MOUSE_CLICKED, event -> clicked(symbol, event));
        symbol.addEventHandler(MouseEvent.MOUSE_ENTERED, event -> hover(symbol));
        symbol.addEventHandler(MouseEvent.MOUSE_EXITED, event -> hoverLabel.setVisible(false));
        // Symbols stay below the pin and the hover label.
        getChildren().add(pool.size(), symbol);
        pool.add(symbol);
        return symbol;
    }

    private void clicked(MarkerSymbol symbol, MouseEvent event) {
        if (event.getButton() != MouseButton.PRIMARY || !event.isStillSincePress()) {
            return;
        }
        event.consume();
        symbol.marker().ifPresent(onMarkerClicked);
        symbol.cluster().ifPresent(onClusterClicked);
    }

    private void hover(MarkerSymbol symbol) {
        String text = symbol.hoverText();
        if (text.isEmpty()) {
            return;
        }
        hoverLabel.setText(text);
        hoverLabel.applyCss();
        double width = hoverLabel.prefWidth(-1);
        double height = hoverLabel.prefHeight(width);
        hoverLabel.resize(width, height);
        double viewWidth = mapWidth();
        double x = symbol.getLayoutX() - width / 2;
        double y = symbol.getLayoutY() - symbol.radius() - 8 - height;
        if (y < 4) {
            y = symbol.getLayoutY() + symbol.radius() + 8;
        }
        hoverLabel.relocate(Math.max(4, Math.min(viewWidth - width - 4, x)), y);
        hoverLabel.setVisible(true);
    }

    Label hoverLabel() {
        return hoverLabel;
    }

    private double mapWidth() {
        Parent parent = getParent();
        return parent instanceof Region region ? region.getWidth() : 0;
    }

    private Optional<Projection> projection() {
        if (baseMap == null || !(getParent() instanceof Region view) || view.getWidth() <= 0 || view.getHeight() <= 0) {
            return Optional.empty();
        }
        // The screen position of world point (0.5, 0.5), i.e. lat 0 / lon 0, fixes where the world lies.
        Point2D middle = getMapPoint(0, 0);
        if (middle == null) {
            return Optional.empty();
        }
        double zoom = baseMap.zoom().get();
        double size = WebMercator.worldSize(zoom);
        return Optional.of(new Projection(zoom, size, middle.getX() - size / 2, middle.getY() - size / 2, view.getWidth(), view.getHeight()));
    }

    /** Screen placement of the world square at the current zoom and pan. */
    private record Projection(double zoom, double size, double originX, double originY, double width, double height) {

        double screenX(double worldX) {
            return originX + worldX * size;
        }

        double screenY(double worldY) {
            return originY + worldY * size;
        }

        Optional<GeoPoint> position(double x, double y) {
            double worldX = (x - originX) / size;
            double worldY = (y - originY) / size;
            if (worldX < 0 || worldX > 1 || worldY < 0 || worldY > 1) {
                return Optional.empty();
            }
            return Optional.of(new GeoPoint(WebMercator.latitude(worldY), WebMercator.longitude(worldX)));
        }

        Viewport viewport() {
            double west = WebMercator.longitude(clamp01(-originX / size));
            double east = WebMercator.longitude(clamp01((width - originX) / size));
            double north = WebMercator.latitude(clamp01(-originY / size));
            double south = WebMercator.latitude(clamp01((height - originY) / size));
            return new Viewport(GeoBounds.clamped(south, west, north, east), zoom);
        }

        private static double clamp01(double value) {
            return Math.max(0, Math.min(1, value));
        }
    }
}
