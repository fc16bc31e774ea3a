package network.shaga.app.ui.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class WorldMapTest {
    private static final double WIDTH = 800;
    private static final double HEIGHT = 600;

    private WorldMap map;
    private final List<String> clicked = new CopyOnWriteArrayList<>();
    private final List<GeoPoint> picked = new CopyOnWriteArrayList<>();
    private final List<Viewport> viewports = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        map = new WorldMap(Runnable::run);
        map.setOnMarkerClicked(clicked::add);
        map.addViewportListener(viewports::add);
        stage.setScene(new Scene(map.view(), WIDTH, HEIGHT));
        stage.show();
    }

    /** Runs on the FX thread and lays the scene out right away, rather than waiting for a pulse. */
    private void onFx(Runnable action) {
        WaitForAsyncUtils.asyncFx(() -> {
            action.run();
            map.view().layout();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Lets pending events run and lays the scene out, so layout-dependent state is current. */
    private void layoutNow() {
        onFx(() -> { });
    }

    private static MapMarker host(String id, double lat, double lon, MarkerStatus status) {
        return new MapMarker(id, lat, lon, status, "Host " + id);
    }

    private List<MarkerSymbol> placed() {
        return map.layer().placedSymbols();
    }

    @Test
    void markersAreAddedUpdatedAndRemoved(FxRobot robot) {
        onFx(() -> map.setMarkers(List.of(
                host("london", 51.5, -0.12, MarkerStatus.AVAILABLE),
                host("tokyo", 35.68, 139.69, MarkerStatus.BUSY),
                host("newyork", 40.71, -74.0, MarkerStatus.OFFLINE))));
        assertThat(placed()).hasSize(3).allMatch(symbol -> symbol.marker().isPresent());
        assertThat(robot.lookup("#marker-tokyo").tryQuery()).isPresent();

        onFx(() -> map.putMarker(host("tokyo", 35.68, 139.69, MarkerStatus.AVAILABLE)));
        MarkerSymbol tokyo = (MarkerSymbol) robot.lookup("#marker-tokyo").query();
        assertThat(tokyo.marker().orElseThrow().status()).isEqualTo(MarkerStatus.AVAILABLE);
        assertThat(map.markers()).hasSize(3);

        onFx(() -> assertThat(map.removeMarker("london")).isTrue());
        assertThat(placed()).hasSize(2);
        assertThat(robot.lookup("#marker-london").tryQuery()).isEmpty();
        onFx(() -> assertThat(map.removeMarker("london")).isFalse());

        onFx(map::clearMarkers);
        assertThat(placed()).isEmpty();
        assertThat(robot.lookup(".map-symbol").queryAll().stream().filter(Node::isVisible)).isEmpty();
    }

    @Test
    void resultsStreamingInOneByOneAreAllShown() {
        List<MapMarker> markers = MarkerClustererTest.randomMarkers(300, new Random(5));
        onFx(() -> {
            map.centerOn(20, 0, 1);
            markers.forEach(map::putMarker);
        });
        assertThat(placed().stream().mapToInt(s -> s.cluster().map(MarkerCluster::size).orElse(1)).sum()).isEqualTo(300);
        onFx(() -> markers.subList(0, 100).forEach(m -> map.removeMarker(m.id())));
        assertThat(placed().stream().mapToInt(s -> s.cluster().map(MarkerCluster::size).orElse(1)).sum()).isEqualTo(200);
    }

    @Test
    void crowdedMarkersShowACountBubbleWhenZoomedOut(FxRobot robot) {
        List<MapMarker> markers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            markers.add(host("eu-" + i, 48 + (i % 5) * 0.3, 2 + (i / 5) * 0.3, i == 0 ? MarkerStatus.AVAILABLE : MarkerStatus.BUSY));
        }
        for (int i = 0; i < 5; i++) {
            markers.add(host("jp-" + i, 35.6 + i * 0.1, 139.7, MarkerStatus.OFFLINE));
        }
        onFx(() -> {
            map.setMarkers(markers);
            map.centerOn(40, 60, 2);
        });

        assertThat(placed()).hasSize(2).allMatch(symbol -> symbol.cluster().isPresent());
        assertThat(placed()).extracting(symbol -> symbol.cluster().orElseThrow().size()).containsExactlyInAnyOrder(20, 5);
        assertThat(robot.lookup(".map-symbol Text").queryAllAs(Text.class))
                .filteredOn(Node::isVisible)
                .extracting(Text::getText)
                .containsExactlyInAnyOrder("20", "5");
        MarkerSymbol europe = placed().stream().filter(s -> s.cluster().orElseThrow().size() == 20).findFirst().orElseThrow();
        assertThat(europe.cluster().orElseThrow().status()).isEqualTo(MarkerStatus.AVAILABLE);

        onFx(() -> map.centerOn(48.6, 2.45, 8));
        assertThat(placed()).hasSize(20).allMatch(symbol -> symbol.marker().isPresent());
    }

    @Test
    void clickingAMarkerReportsItsId(FxRobot robot) {
        onFx(() -> map.setMarkers(List.of(host("berlin", 52.52, 13.40, MarkerStatus.AVAILABLE), host("rome", 41.9, 12.5, MarkerStatus.BUSY))));
        robot.clickOn("#marker-berlin");
        layoutNow();
        assertThat(clicked).containsExactly("berlin");
    }

    @Test
    void clickingABubbleZoomsIntoItUntilItSplits(FxRobot robot) {
        onFx(() -> {
            map.setMarkers(List.of(host("a", 45.0, 7.0, MarkerStatus.AVAILABLE), host("b", 45.5, 7.5, MarkerStatus.AVAILABLE)));
            map.centerOn(45, 7, 2);
        });
        assertThat(placed()).hasSize(1);
        robot.clickOn(placed().get(0));
        layoutNow();

        assertThat(clicked).isEmpty();
        assertThat(map.zoom()).isGreaterThan(2);
        assertThat(placed()).hasSize(2).allMatch(symbol -> symbol.marker().isPresent());
        assertThat(map.visibleBounds().contains(new GeoPoint(45.25, 7.25))).isTrue();
    }

    @Test
    void hostsAtTheSameSpotAreFannedOutWhenZoomedInSoEachCanBeClicked(FxRobot robot) {
        // Host records carry a 5-character geohash, so hosts in one city share the exact same point.
        onFx(() -> {
            map.setMarkers(List.of(
                    host("one", 59.33, 18.07, MarkerStatus.AVAILABLE),
                    host("two", 59.33, 18.07, MarkerStatus.BUSY),
                    host("three", 59.33, 18.07, MarkerStatus.OFFLINE)));
            map.centerOn(59.33, 18.07, MarkerLayer.FAN_OUT_ZOOM - 1);
        });
        assertThat(placed()).hasSize(1).allMatch(symbol -> symbol.cluster().isPresent());

        onFx(() -> map.centerOn(59.33, 18.07, MarkerLayer.FAN_OUT_ZOOM + 1));
        assertThat(placed()).hasSize(3).allMatch(symbol -> symbol.marker().isPresent());
        MarkerSymbol one = (MarkerSymbol) robot.lookup("#marker-one").query();
        MarkerSymbol two = (MarkerSymbol) robot.lookup("#marker-two").query();
        assertThat(Math.hypot(one.getLayoutX() - two.getLayoutX(), one.getLayoutY() - two.getLayoutY())).isGreaterThan(2 * one.radius());

        robot.clickOn("#marker-two");
        robot.clickOn("#marker-three");
        layoutNow();
        assertThat(clicked).containsExactly("two", "three");
    }

    @Test
    void hoveringAMarkerShowsItsLabel(FxRobot robot) {
        onFx(() -> map.setMarkers(List.of(host("madrid", 40.4, -3.7, MarkerStatus.AVAILABLE))));
        robot.moveTo("#marker-madrid");
        layoutNow();
        assertThat(map.layer().hoverLabel().isVisible()).isTrue();
        assertThat(map.layer().hoverLabel().getText()).isEqualTo("Host madrid");

        robot.moveBy(150, 150);
        layoutNow();
        assertThat(map.layer().hoverLabel().isVisible()).isFalse();
    }

    @Test
    void visibleBoundsMatchTheCentreAndZoom() {
        onFx(() -> map.centerOn(48.85, 2.35, 6));
        GeoBounds bounds = map.visibleBounds();
        assertThat(bounds.contains(new GeoPoint(48.85, 2.35))).isTrue();
        double degreesAcross = WIDTH / WebMercator.worldSize(6) * 360;
        assertThat(bounds.east() - bounds.west()).isCloseTo(degreesAcross, within(0.5));
        assertThat((bounds.west() + bounds.east()) / 2).isCloseTo(2.35, within(0.2));
        assertThat(bounds.north()).isGreaterThan(48.85).isLessThan(60);
        assertThat(bounds.south()).isLessThan(48.85).isGreaterThan(38);
        assertThat(map.zoom()).isCloseTo(6, within(1e-6));
    }

    private void wheel(double x, double y, double deltaY) {
        Node mapView = map.mapView();
        onFx(() -> javafx.event.Event.fireEvent(mapView, new javafx.scene.input.ScrollEvent(
                javafx.scene.input.ScrollEvent.SCROLL, x, y, x, y,
                false, false, false, false, false, false, 0, deltaY, 0, deltaY,
                javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
    }

    @Test
    void theWheelAndTheZoomButtonsZoomAndTellTheListeners(FxRobot robot) {
        onFx(() -> map.centerOn(30, 10, 4));
        // The headless robot's wheel notches are too small, so send what a mouse wheel sends: 40 per notch.
        for (int notch = 0; notch < 2; notch++) {
            wheel(WIDTH / 2, HEIGHT / 2, 40);
        }
        assertThat(map.zoom()).as("the wheel zooms by whole levels").isCloseTo(6, within(1e-6));
        assertThat(viewports.get(viewports.size() - 1).zoom()).isEqualTo(map.zoom());
        for (int step = 0; step < 3; step++) {
            wheel(WIDTH / 2, HEIGHT / 2, -10);
        }
        assertThat(map.zoom()).as("a touchpad's small steps add up to a notch").isCloseTo(6, within(1e-6));
        wheel(WIDTH / 2, HEIGHT / 2, -10);
        assertThat(map.zoom()).isCloseTo(5, within(1e-6));

        double wheelZoom = map.zoom();
        robot.clickOn("#map-zoom-out");
        layoutNow();
        assertThat(map.zoom()).isCloseTo(Math.round(wheelZoom) - 1, within(1e-6));
        robot.clickOn("#map-zoom-in");
        robot.clickOn("#map-zoom-in");
        layoutNow();
        assertThat(map.zoom()).isCloseTo(Math.round(wheelZoom) + 1, within(1e-6));
        assertThat(viewports.get(viewports.size() - 1).zoom()).isCloseTo(map.zoom(), within(1e-9));
    }

    @Test
    void theWheelKeepsThePointUnderThePointerInPlace() {
        onFx(() -> map.centerOn(45, 10, 3.4));
        GeoPoint before = map.layer().positionAt(200, 150).orElseThrow();
        wheel(200, 150, 40);
        assertThat(map.zoom()).as("from a fractional zoom to the next whole level").isCloseTo(4, within(1e-6));
        GeoPoint after = map.layer().positionAt(200, 150).orElseThrow();
        double pixel = 1 / WebMercator.worldSize(4);
        assertThat(Math.abs(WebMercator.x(after.longitude()) - WebMercator.x(before.longitude()))).isLessThanOrEqualTo(pixel);
        assertThat(Math.abs(WebMercator.y(after.latitude()) - WebMercator.y(before.latitude()))).isLessThanOrEqualTo(pixel);

        wheel(200, 150, -80);
        assertThat(map.zoom()).isCloseTo(2, within(1e-6));
        for (int notch = 0; notch < 5; notch++) {
            wheel(200, 150, -40);
        }
        assertThat(map.zoom()).as("not below the level where the world fills the view's height").isCloseTo(2, within(1e-6));

        onFx(() -> map.centerOn(20, 0, 1.35));
        wheel(200, 150, -40);
        assertThat(map.zoom()).as("a view already below it goes no further out").isCloseTo(1.35, within(1e-6));
        wheel(200, 150, 40);
        assertThat(map.zoom()).isCloseTo(2, within(1e-6));
    }

    @Test
    void zoomedOutBoundsAreClampedToTheWorld() {
        onFx(() -> map.centerOn(0, 0, 1));
        GeoBounds bounds = map.visibleBounds();
        assertThat(bounds.west()).isEqualTo(-180);
        assertThat(bounds.east()).isEqualTo(180);
        assertThat(bounds.north()).isLessThanOrEqualTo(WebMercator.MAX_LATITUDE);
    }

    @Test
    void viewportListenersHearAboutMoves() {
        onFx(() -> map.centerOn(-33.87, 151.2, 5));
        assertThat(viewports).isNotEmpty();
        Viewport last = viewports.get(viewports.size() - 1);
        assertThat(last.bounds().contains(new GeoPoint(-33.87, 151.2))).isTrue();
        assertThat(last.zoom()).isCloseTo(5, within(1e-6));

        int before = viewports.size();
        onFx(() -> map.centerOn(-33.87, 151.2, 5));
        onFx(() -> map.centerOn(35, 139, 4));
        assertThat(viewports.size()).isGreaterThan(before);
        assertThat(viewports.get(viewports.size() - 1).bounds().contains(new GeoPoint(35, 139))).isTrue();
    }

    @Test
    void repeatingACentreAfterDraggingStillMovesTheMap(FxRobot robot) {
        onFx(() -> map.centerOn(10, 10, 4));
        robot.drag(map.view(), javafx.scene.input.MouseButton.PRIMARY).dropBy(200, 100);
        layoutNow();
        assertThat(map.visibleBounds().contains(new GeoPoint(10, 10))).isTrue();
        GeoBounds dragged = map.visibleBounds();
        assertThat((dragged.west() + dragged.east()) / 2).isLessThan(5);

        onFx(() -> map.centerOn(10, 10, 4));
        GeoBounds back = map.visibleBounds();
        assertThat((back.west() + back.east()) / 2).isCloseTo(10, within(0.5));
    }

    @Test
    void clickingTheMapPicksALocationWhenPickingIsOn(FxRobot robot) {
        onFx(() -> {
            map.centerOn(20, 30, 3);
            map.setMarkers(List.of(host("cairo", 30.04, 31.24, MarkerStatus.AVAILABLE)));
        });
        robot.clickOn(map.view());
        layoutNow();
        assertThat(picked).as("picking is off by default").isEmpty();

        onFx(() -> map.setOnLocationPicked(picked::add));
        Bounds screen = map.view().localToScreen(map.view().getBoundsInLocal());
        robot.clickOn(new Point2D(screen.getMinX() + WIDTH / 2, screen.getMinY() + HEIGHT / 2));
        layoutNow();
        assertThat(picked).hasSize(1);
        assertThat(picked.get(0).latitude()).isCloseTo(20, within(0.5));
        assertThat(picked.get(0).longitude()).isCloseTo(30, within(0.5));

        robot.clickOn("#marker-cairo");
        layoutNow();
        assertThat(picked).as("a marker click is not a pick").hasSize(1);
        assertThat(clicked).containsExactly("cairo");

        onFx(() -> {
            map.showPin(picked.get(0));
            map.setOnLocationPicked(null);
        });
        Node pin = robot.lookup("#map-pin").query();
        assertThat(pin.isVisible()).isTrue();
        assertThat(pin.getLayoutX()).isCloseTo(WIDTH / 2, within(3.0));
        robot.clickOn(new Point2D(screen.getMinX() + 100, screen.getMinY() + 100));
        layoutNow();
        assertThat(picked).hasSize(1);
    }

    @Test
    void aThousandMarkersReuseABoundedPoolOfNodes() {
        List<MapMarker> markers = MarkerClustererTest.randomMarkers(1000, new Random(42));
        onFx(() -> {
            map.setMarkers(markers);
            map.centerOn(20, 0, 1);
        });
        int worldSymbols = placed().size();
        assertThat(placed().stream().mapToInt(s -> s.cluster().map(MarkerCluster::size).orElse(1)).sum())
                .as("at world zoom every marker is in some symbol")
                .isEqualTo(1000);

        int maxPlaced = worldSymbols;
        for (int step = 0; step < 12; step++) {
            double lat = -50 + step * 8;
            double lon = -170 + step * 29;
            int zoom = 2 + step % 4;
            onFx(() -> map.centerOn(lat, lon, zoom));
            maxPlaced = Math.max(maxPlaced, placed().size());
        }
        long symbolNodes = map.layer().getChildrenUnmodifiable().stream().filter(MarkerSymbol.class::isInstance).count();
        assertThat(symbolNodes).as("nodes are pooled, not created per frame").isEqualTo(maxPlaced);
        assertThat(symbolNodes).isLessThanOrEqualTo(1000);
    }
}
