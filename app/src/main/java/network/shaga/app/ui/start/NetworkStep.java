package network.shaga.app.ui.start;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import network.shaga.app.setup.AppSettings;
import network.shaga.app.setup.RpcProbe;
import network.shaga.app.setup.RpcUrl;
import network.shaga.app.ui.FxThread;
import network.shaga.wallet.rpc.Cluster;

/**
 * The first run's network step: Local demo (explained: that is {@code shaga demo}), Devnet, Mainnet or a custom RPC
 * URL, which is checked in the background (health and genesis hash) before it can be chosen; and whether maps may
 * download OpenStreetMap tiles.
 */
final class NetworkStep {
    /** The choices offered. */
    enum Choice {
        LOCAL("Local demo", "A whole world on this PC, test money"),
        DEVNET("Devnet", "Solana's test network: money without value"),
        MAINNET("Mainnet", "Real USDC: real rentals and earnings"),
        CUSTOM("Custom RPC", "Your own Solana node or RPC provider");

        final String title;
        final String description;

        Choice(String title, String description) {
            this.title = title;
            this.description = description;
        }
    }

    private final FxThread fx;
    private final Executor io;
    private final ToggleGroup choices = new ToggleGroup();
    private final VBox details = new VBox(10);
    private final TextField rpc = new TextField();
    private final Button test = new Button("Test connection");
    private final ProgressIndicator testing = new ProgressIndicator();
    private final Label rpcStatus = new Label();
    private final CheckBox onlineTiles = new CheckBox("Download detailed street maps from OpenStreetMap when online (cached; the world map works offline)");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final VBox root;
    private Cluster verified;
    private String verifiedText = "";
    private String verifiedGenesis = "";

    NetworkStep(FxThread fx, Executor io) {
        this.fx = fx;
        this.io = io;
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        int i = 0;
        for (Choice choice : Choice.values()) {
            ToggleButton button = choiceButton(choice);
            grid.add(button, i % 2, i / 2);
            GridPane.setHgrow(button, Priority.ALWAYS);
            i++;
        }
        rpc.setId("custom-rpc");
        rpc.setPromptText("https://my-provider.example/solana   or   http://127.0.0.1:8899");
        rpc.textProperty().addListener((obs, old, text) -> {
            if (verified != null && text.strip().equals(verifiedText)) {
                showVerified();
            } else {
                rpcStatus.setText("");
            }
        });
        test.setId("rpc-test");
        test.setOnAction(event -> probe(ignored -> { }));
        test.disableProperty().bind(busy);
        testing.setId("rpc-testing");
        testing.setPrefSize(18, 18);
        testing.visibleProperty().bind(busy);
        rpcStatus.setId("rpc-status");
        rpcStatus.managedProperty().bind(rpcStatus.textProperty().isNotEmpty());
        rpcStatus.setWrapText(true);
        rpcStatus.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        onlineTiles.setId("online-tiles");
        onlineTiles.setSelected(true);
        onlineTiles.setWrapText(true);
        onlineTiles.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        choices.selectedToggleProperty().addListener((obs, old, selected) -> {
            if (selected == null) {
                old.setSelected(true);
                return;
            }
            showDetails((Choice) selected.getUserData());
        });
        choices.getToggles().get(Choice.DEVNET.ordinal()).setSelected(true);
        root = new VBox(14, grid, details, onlineTiles);
    }

    Node view() {
        return root;
    }

    BooleanProperty busy() {
        return busy;
    }

    Choice choice() {
        return (Choice) choices.getSelectedToggle().getUserData();
    }

    private ToggleButton choiceButton(Choice choice) {
        Label title = new Label(choice.title);
        title.getStyleClass().add("choice-title");
        Label description = new Label(choice.description);
        description.getStyleClass().add("choice-text");
        description.setWrapText(true);
        description.setPrefWidth(300);
        description.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox graphic = new VBox(4, title, description);
        ToggleButton button = new ToggleButton();
        button.setGraphic(graphic);
        button.setId("cluster-" + choice.name().toLowerCase(java.util.Locale.ROOT));
        button.getStyleClass().add("choice");
        button.setUserData(choice);
        button.setToggleGroup(choices);
        button.setMaxWidth(Double.MAX_VALUE);
        // Buttons size a wrapping graphic as if it were one character wide: give them their height.
        button.setMinHeight(72);
        button.setPrefHeight(72);
        button.setMaxHeight(72);
        button.setAlignment(Pos.CENTER_LEFT);
        return button;
    }

    private void showDetails(Choice choice) {
        Label text = new Label(switch (choice) {
            case LOCAL -> "The local demo runs its own Solana cluster, a private DHT and a dozen hosts on this PC, with a wallet "
                    + "holding test USDC; it does not use the wallet you set up here. Close this window and run:\n\n    shaga demo\n\n"
                    + "To use a local Solana you run yourself (shaga localnet), choose Custom RPC with http://127.0.0.1:8899.";
            case DEVNET -> "Payments use devnet USDC, which has no value: the place to try renting and hosting. Solana RPC: "
                    + Cluster.DEVNET.rpcUrl() + " (public, rate-limited).";
            case MAINNET -> "Payments are real USDC. Solana RPC: " + Cluster.MAINNET_BETA.rpcUrl()
                    + " (public and rate-limited; a custom RPC from a provider is smoother).";
            case CUSTOM -> "Shaga checks that the node answers and which cluster it serves (Mainnet, Devnet or a local Shaga cluster).";
        });
        text.setWrapText(true);
        text.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        text.getStyleClass().add("muted");
        text.setId("cluster-details");
        if (choice == Choice.CUSTOM) {
            HBox.setHgrow(rpc, Priority.ALWAYS);
            HBox line = new HBox(8, rpc, test, testing);
            line.setAlignment(Pos.CENTER_LEFT);
            details.getChildren().setAll(text, line, rpcStatus);
        } else {
            details.getChildren().setAll(text);
        }
    }

    /**
     * The settings for the current choice, checking a custom RPC first (in the background, with progress) if it was not
     * checked as typed; {@code then} receives them, or nothing when the choice cannot be used (the reason is shown).
     */
    void settings(boolean hosting, Consumer<Optional<AppSettings>> then) {
        switch (choice()) {
            case LOCAL -> then.accept(Optional.empty());
            case DEVNET -> then.accept(Optional.of(new AppSettings(Cluster.DEVNET.name(), Optional.empty(), hosting, onlineTiles.isSelected())));
            case MAINNET -> then.accept(Optional.of(new AppSettings(Cluster.MAINNET_BETA.name(), Optional.empty(), hosting,
                    onlineTiles.isSelected())));
            case CUSTOM -> probe(cluster -> then.accept(cluster.map(c -> new AppSettings(c.name(), Optional.of(c.rpcUrl()), hosting,
                    onlineTiles.isSelected()))));
        }
    }

    /** Whether the user can move on with this choice (the local demo is only explained here). */
    boolean usable() {
        return choice() != Choice.LOCAL;
    }

    private void probe(Consumer<Optional<Cluster>> then) {
        String text = rpc.getText().strip();
        if (verified != null && text.equals(verifiedText)) {
            showVerified();
            then.accept(Optional.of(verified));
            return;
        }
        RpcUrl.Check check = RpcUrl.check(text);
        if (check instanceof RpcUrl.Invalid invalid) {
            rpcStatus.getStyleClass().setAll("label", "start-error");
            rpcStatus.setText(invalid.reason());
            then.accept(Optional.empty());
            return;
        }
        URI url = ((RpcUrl.Valid) check).url();
        busy.set(true);
        rpcStatus.getStyleClass().setAll("label", "muted");
        rpcStatus.setText("Asking " + url + " for its health and genesis hash…");
        RpcProbe.probe(url, io).thenAccept(result -> fx.execute(() -> {
            busy.set(false);
            if (result instanceof RpcProbe.Reachable reachable) {
                verified = reachable.cluster();
                verifiedText = text;
                verifiedGenesis = reachable.genesisHash();
                showVerified();
                then.accept(Optional.of(verified));
            } else {
                rpcStatus.getStyleClass().setAll("label", "start-error");
                rpcStatus.setText(((RpcProbe.Refused) result).reason());
                then.accept(Optional.empty());
            }
        }));
    }

    private void showVerified() {
        rpcStatus.getStyleClass().setAll("label", "start-ok");
        rpcStatus.setText("✓ Healthy · serves " + describe(verified) + " · genesis " + shortHash(verifiedGenesis));
    }

    private static String shortHash(String hash) {
        return hash.length() <= 12 ? hash : hash.substring(0, 6) + "…" + hash.substring(hash.length() - 6);
    }

    static String describe(Cluster cluster) {
        return switch (cluster.name()) {
            case "mainnet-beta" -> "Mainnet";
            case "devnet" -> "Devnet";
            default -> "a local Shaga cluster";
        };
    }
}
