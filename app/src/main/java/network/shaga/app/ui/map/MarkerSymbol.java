package network.shaga.app.ui.map;

import java.util.Optional;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * One reusable node of the marker layer: drawn as a single host marker or as a count bubble,
 * rebound to other markers as the map moves instead of being recreated. The disc is a shared
 * picture ({@link MarkerSprites}) placed on whole pixels; an invisible circle of the same size
 * takes the clicks and the hover.
 */
final class MarkerSymbol extends Group {
    static final Color AVAILABLE = Color.web("#3ddc84");
    static final Color BUSY = Color.web("#ffb020");
    static final Color OFFLINE = Color.web("#6b7483");
    private static final double TEXT_WIDTH = 60;

    private final MarkerSprites sprites;
    private final ImageView picture = new ImageView();
    /** The clickable area: never drawn (opacity 0), but picked like the disc it stands for. */
    private final Circle body = new Circle();
    private final Text count = new Text();
    private double radius;
    private MapMarker marker;
    private MarkerCluster cluster;

    MarkerSymbol(MarkerSprites sprites) {
        this.sprites = sprites;
        picture.setMouseTransparent(true);
        picture.setSmooth(false);
        body.setOpacity(0);
        count.setFont(Font.font(null, FontWeight.BOLD, 12));
        count.setFill(Color.WHITE);
        count.setTextOrigin(VPos.CENTER);
        count.setTextAlignment(TextAlignment.CENTER);
        count.setWrappingWidth(TEXT_WIDTH);
        count.setX(-TEXT_WIDTH / 2);
        count.setMouseTransparent(true);
        getChildren().addAll(picture, body, count);
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
        show(sprites.marker(shown.status()), MarkerSprites.MARKER_RADIUS);
        count.setVisible(false);
        setId("marker-" + shown.id());
        place(x, y);
    }

    void showCluster(MarkerCluster shown, double x, double y) {
        marker = null;
        cluster = shown;
        double radius = MarkerSprites.bubbleRadius(shown.size());
        show(sprites.bubble(shown.status(), radius), radius);
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

    /** The disc's radius, without its outline and halo. */
    double radius() {
        return radius;
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

    private void show(Image sprite, double radius) {
        if (picture.getImage() != sprite) {
            picture.setImage(sprite);
            picture.setX(-sprite.getWidth() / 2);
            picture.setY(-sprite.getHeight() / 2);
        }
        this.radius = radius;
        // The outline is part of what the pointer can hit, as it was of the drawn circle.
        body.setRadius(radius + MarkerSprites.STROKE / 2);
    }

    /** On a whole pixel, where the picture is copied rather than resampled (half a pixel off the exact spot is not visible). */
    private void place(double x, double y) {
        setLayoutX(Math.rint(x));
        setLayoutY(Math.rint(y));
        setVisible(true);
    }
}
