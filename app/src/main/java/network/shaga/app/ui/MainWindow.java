package network.shaga.app.ui;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
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
    private final Map<Mode, Parent> screens = new EnumMap<>(Mode.class);
    final StringProperty network = new SimpleStringProperty("");
    final StringProperty dht = new SimpleStringProperty("");
    final StringProperty wallet = new SimpleStringProperty("");
    final StringProperty notice = new SimpleStringProperty("");

    /** The modes of the app. */
    enum Mode {
        PLAY("Play", "Find a gaming PC near you on the map, rent it by the minute and stream it with Moonlight."),
        HOST("Host", "Rent out your gaming PC: Shaga publishes it in the directory, takes payment and pairs Sunshine. "
                + "Run it headless today with: shaga host --help"),
        WALLET("Wallet", "Your Solana wallet: USDC and SOL balances, receive, send and history.");

        final String title;
        final String description;

        Mode(String title, String description) {
            this.title = title;
            this.description = description;
        }
    }

    MainWindow(DataDirectory dataDirectory, String version, Map<Mode, Parent> modeScreens) {
        screens.putAll(modeScreens);
        root.getStyleClass().add("shaga-root");
        root.setTop(header());
        root.setCenter(content);
        root.setBottom(statusBar(dataDirectory, version));
        // Every screen is in the window from the start, only the chosen one visible: the others are styled with the
        // first frame instead of when first opened (the first switch to Host or Wallet cost 50-80 ms of CSS on the
        // FX thread), and switching only flips visibility.
        for (Parent screen : modeScreens.values()) {
            if (!content.getChildren().contains(screen)) {
                screen.setVisible(false);
                content.getChildren().add(screen);
            }
        }
    }

    Parent root() {
        return root;
    }

    private final ToggleGroup modes = new ToggleGroup();

    /** Switches to {@code mode}, as if its button was clicked. */
    void select(Mode mode) {
        modes.getToggles().stream().filter(toggle -> toggle.getUserData() == mode).findFirst().ifPresent(toggle -> toggle.setSelected(true));
    }

    private HBox header() {
        Label brand = new Label("SHAGA");
        brand.getStyleClass().add("brand");
        HBox switcher = new HBox(4);
        for (Mode mode : Mode.values()) {
            ToggleButton button = new ToggleButton(mode.title);
            button.setId("mode-" + mode.name().toLowerCase(Locale.ROOT));
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
        Label walletLabel = new Label();
        walletLabel.textProperty().bind(wallet);
        walletLabel.getStyleClass().add("pill");
        HBox header = new HBox(16, brand, switcher, spacer, walletLabel);
        header.getStyleClass().add("header");
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(10, 16, 10, 16));
        return header;
    }

    private void show(Mode mode) {
        Parent screen = screens.get(mode);
        if (screen == null) {
            Label title = new Label(mode.title);
            title.getStyleClass().add("screen-title");
            Label text = new Label(mode.description);
            text.setWrapText(true);
            text.getStyleClass().add("screen-text");
            VBox about = new VBox(8, title, text);
            about.setId("screen-" + mode.name().toLowerCase(Locale.ROOT));
            about.setPadding(new Insets(24));
            screen = about;
            screens.put(mode, screen);
        }
        if (!content.getChildren().contains(screen)) {
            content.getChildren().add(screen);
        }
        for (Node child : content.getChildren()) {
            child.setVisible(child == screen);
        }
    }

    private HBox statusBar(DataDirectory dataDirectory, String version) {
        Label networkLabel = new Label();
        networkLabel.setId("status-network");
        networkLabel.textProperty().bind(network);
        Label dhtLabel = new Label();
        dhtLabel.setId("status-dht");
        dhtLabel.textProperty().bind(dht);
        Label noticeLabel = new Label();
        noticeLabel.setId("status-notice");
        noticeLabel.textProperty().bind(notice);
        noticeLabel.getStyleClass().add("notice");
        Label data = new Label("Data: " + dataDirectory.path());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label versionLabel = new Label("Shaga " + version);
        HBox bar = new HBox(16, networkLabel, dhtLabel, noticeLabel, spacer, data, versionLabel);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(4, 12, 4, 12));
        return bar;
    }
}
