package network.shaga.app.ui.start;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The look the first-run and unlock screens share: a centred card with the brand, a title, content and buttons. */
final class StartCard {
    final StackPane root = new StackPane();
    final Label title = new Label();
    final Label subtitle = new Label();
    final VBox body = new VBox(12);
    final Label error = new Label();
    final HBox footer = new HBox(10);
    final HBox steps = new HBox(14);
    private final VBox card;

    StartCard(String id) {
        root.setId(id);
        root.getStyleClass().add("start-root");
        Label brand = new Label("SHAGA");
        brand.getStyleClass().add("brand");
        Label tagline = new Label("peer-to-peer cloud gaming");
        tagline.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, brand, tagline, spacer, steps);
        top.setAlignment(Pos.BASELINE_LEFT);
        title.getStyleClass().add("start-title");
        title.setWrapText(true);
        subtitle.getStyleClass().add("start-subtitle");
        subtitle.setWrapText(true);
        error.setId(id + "-error");
        error.getStyleClass().add("start-error");
        error.setWrapText(true);
        error.managedProperty().bind(error.textProperty().isNotEmpty());
        error.visibleProperty().bind(error.textProperty().isNotEmpty());
        footer.setAlignment(Pos.CENTER_RIGHT);
        footer.managedProperty().bind(footer.visibleProperty());
        card = new VBox(16, top, title, subtitle, body, error, footer);
        card.getStyleClass().add("start-card");
        card.setPadding(new Insets(28, 32, 24, 32));
        card.setPrefWidth(760);
        card.setMaxWidth(760);
        for (Label label : new Label[] {title, subtitle, error}) {
            // A wrapping label reports its height for its preferred width; this makes the card grow with the text.
            label.setMinHeight(Region.USE_PREF_SIZE);
        }
        card.setMaxHeight(Region.USE_PREF_SIZE);
        root.getChildren().add(card);
        root.setPadding(new Insets(24));
    }

    /** Shows the steps of a flow with {@code current} highlighted. */
    void steps(List<String> names, int current) {
        steps.getChildren().clear();
        for (int i = 0; i < names.size(); i++) {
            Label step = new Label((i + 1) + "  " + names.get(i));
            step.getStyleClass().add(i == current ? "step-current" : i < current ? "step-past" : "step-future");
            steps.getChildren().add(step);
        }
    }

    void setBody(Node... nodes) {
        body.getChildren().setAll(nodes);
    }

    void setFooter(Node... nodes) {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        footer.getChildren().setAll(spacer);
        footer.getChildren().addAll(nodes);
    }
}
