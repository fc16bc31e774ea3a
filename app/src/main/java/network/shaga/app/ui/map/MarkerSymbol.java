package network.shaga.app.ui.map;

import java.util.Optional;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * One reusable node of the marker layer: drawn as a single host marker or as a count bubble,
 * rebound to other markers as the map moves instead of being recreated.
 */
final class MarkerSymbol extends Group {
    static final Color AVAILABLE = Color.web("#3ddc84");
    static final Color BUSY = Color.web("#ffb020");
    static final Color OFFLINE = Color.web("#6b7483");
    private static final Color OUTLINE = Color.web("#0b1119");
    private static final Color BUBBLE = Color.web("#11141a", 0.88);
    private static final double MARKER_RADIUS = 6.5;
    private static final double TEXT_WIDTH = 60;

    private final Circle halo = new Circle();
    private final Circle body = new Circle();
    private final Text count = new Text();
    private MapMarker marker;
    private MarkerCluster cluster;

    MarkerSymbol() {
        halo.setMouseTransparent(true);
        body.setStrokeWidth(2);
        count.setFont(Font.font(null, FontWeight.BOLD, 12));
        count.setFill(Color.WHITE);
        count.setTextOrigin(VPos.CENTER);
        count.setTextAlignment(TextAlignment.CENTER);
        count.setWrappingWidth(TEXT_WIDTH);
        count.setX(-TEXT_WIDTH / 2);
        count.setMouseTransparent(true);
        getChildren().addAll(halo, body, count);
        getStyleClass().add("map-symbol");
    }

    static Color colour(MarkerStatus status) {
        return switch (status) {
            case AVAILABLE -> AVAILABLE;
            case BUSY -> BUSY;
            case OFFLINE -> OFFLINE;
        };
    }

    void showMarker(MapMarker shown, double x, double y) {
        marker = shown;
        cluster = null;
        Color colour = colour(shown.status());
        halo.setRadius(MARKER_RADIUS + 5);
        halo.setFill(colour);
        halo.setOpacity(shown.status() == MarkerStatus.OFFLINE ? 0 : 0.22);
        body.setRadius(MARKER_RADIUS);
        body.setFill(colour);
        body.setStroke(OUTLINE);
        count.setVisible(false);
        setId("marker-" + shown.id());
        place(x, y);
    }

    void showCluster(MarkerCluster shown, double x, double y) {
        marker = null;
        cluster = shown;
        Color colour = colour(shown.status());
        double radius = Math.min(26, 12 + 3 * Math.log(shown.size()) / Math.log(2));
        halo.setRadius(radius + 5);
        halo.setFill(colour);
        halo.setOpacity(0.18);
        body.setRadius(radius);
        body.setFill(BUBBLE);
        body.setStroke(colour);
        count.setText(Integer.toString(shown.size()));
        count.setVisible(true);
        setId(null);
        place(x, y);
    }

    void hide() {
        marker = null;
        cluster = null;
        setVisible(false);
    }

    Optional<MapMarker> marker() {
        return Optional.ofNullable(marker);
    }

    Optional<MarkerCluster> cluster() {
        return Optional.ofNullable(cluster);
    }

    double radius() {
        return body.getRadius();
    }

    /** The hover text: the marker's label, or how many hosts of each status a bubble holds. */
    String hoverText() {
        if (marker != null) {
            return marker.label();
        }
        if (cluster == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(cluster.size() + " hosts");
        String separator = ": ";
        for (MarkerStatus status : new MarkerStatus[] {MarkerStatus.AVAILABLE, MarkerStatus.BUSY, MarkerStatus.OFFLINE}) {
            long n = cluster.count(status);
            if (n > 0) {
                text.append(separator).append(n).append(' ').append(status.name().toLowerCase(java.util.Locale.ROOT));
                separator = ", ";
            }
        }
        return text.toString();
    }

    private void place(double x, double y) {
        setLayoutX(x);
        setLayoutY(y);
        setVisible(true);
    }
}
