package network.shaga.app.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import network.shaga.app.core.DataDirectory;

/** The window frame: mode switch (Play, Host, Wallet) on top, the mode's screen in the middle, status bar below. */
final class MainWindow {
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();

    MainWindow(DataDirectory dataDirectory, String version) {
        root.getStyleClass().add("shaga-root");
        root.setTop(header());
        root.setCenter(content);
        root.setBottom(statusBar(dataDirectory, version));
    }

    Parent root() {
        return root;
    }

    private HBox header() {
        Label brand = new Label("SHAGA");
        brand.getStyleClass().add("brand");
        ToggleGroup modes = new ToggleGroup();
        HBox switcher = new HBox(4);
        for (Mode mode : Mode.values()) {
            ToggleButton button = new ToggleButton(mode.title);
            button.setId("mode-" + mode.name().toLowerCase(java.util.Locale.ROOT));
            button.getStyleClass().add("mode-button");
            button.setToggleGroup(modes);
            button.setUserData(mode);
            switcher.getChildren().add(button);
        }
        modes.selectedToggleProperty().addListener((obs, old, selected) -> {
            if (selected == null) {
                old.setSelected(true);
                return;
            }
            show((Mode) selected.getUserData());
        });
        modes.getToggles().get(0).setSelected(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(16, brand, switcher, spacer);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(10, 16, 10, 16));
        return header;
    }

    private void show(Mode mode) {
        Label title = new Label(mode.title);
        title.getStyleClass().add("screen-title");
        Label text = new Label(mode.description);
        text.setWrapText(true);
        text.getStyleClass().add("screen-text");
        VBox screen = new VBox(8, title, text);
        screen.setId("screen-" + mode.name().toLowerCase(java.util.Locale.ROOT));
        screen.setPadding(new Insets(24));
        content.getChildren().setAll(screen);
    }

    private HBox statusBar(DataDirectory dataDirectory, String version) {
        Label data = new Label("Data: " + dataDirectory.path());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label versionLabel = new Label("Shaga " + version);
        HBox bar = new HBox(12, data, spacer, versionLabel);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(4, 12, 4, 12));
        return bar;
    }

    private enum Mode {
        PLAY("Play", "Find a gaming PC near you on the map, rent it by the minute and stream it with Moonlight."),
        HOST("Host", "Rent out your gaming PC: Shaga publishes it in the directory, takes payment and pairs Sunshine."),
        WALLET("Wallet", "Your Solana wallet: USDC and SOL balances, receive, send and history.");

        private final String title;
        private final String description;

        Mode(String title, String description) {
            this.title = title;
            this.description = description;
        }
    }
}
