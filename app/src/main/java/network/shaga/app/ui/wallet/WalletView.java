package network.shaga.app.ui.wallet;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import network.shaga.wallet.rpc.SolanaRpc;

/** The Wallet screen's layout: balances, receive (address and QR), send, history. */
final class WalletView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    final BorderPane root = new BorderPane();
    final ImageView qr = new ImageView();
    final Button copy = new Button("Copy address");
    final Button refresh = new Button("Refresh");
    final TextField sendTo = new TextField();
    final TextField sendAmount = new TextField();
    final Button send = new Button("Send USDC");
    final Button backup = new Button("Back up…");
    final Button lock = new Button("Lock");
    final ListView<SolanaRpc.SignatureInfo> history = new ListView<>();
    Explorer explorer = signature -> { };

    /** Opens a transaction in a block explorer. */
    interface Explorer {
        void open(String signature);
    }

    WalletView(WalletModel model) {
        root.setId("screen-wallet");
        Label usdc = big(model, true);
        Label sol = big(model, false);
        Label cluster = new Label();
        cluster.textProperty().bind(model.cluster);
        cluster.getStyleClass().add("pill");
        Label balanceStatus = new Label();
        balanceStatus.textProperty().bind(model.balanceStatus);
        balanceStatus.getStyleClass().add("muted");
        refresh.setId("wallet-refresh");
        VBox balances = card("Balance", usdc, sol, new HBox(8, cluster, refresh), balanceStatus);

        TextField address = new TextField();
        address.setId("wallet-address");
        address.setEditable(false);
        address.textProperty().bind(model.address);
        address.setPrefColumnCount(44);
        copy.setId("copy-address");
        qr.setId("wallet-qr");
        qr.setFitWidth(180);
        qr.setFitHeight(180);
        VBox receive = card("Receive", qr, address, copy);

        sendTo.setId("send-to");
        sendTo.setPromptText("Recipient address");
        sendAmount.setId("send-amount");
        sendAmount.setPromptText("Amount in USDC");
        send.setId("send-button");
        send.getStyleClass().add("accent");
        send.disableProperty().bind(model.busy);
        Label sendStatus = new Label();
        sendStatus.setId("send-status");
        sendStatus.setWrapText(true);
        sendStatus.textProperty().bind(model.sendStatus);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(8);
        form.addRow(0, new Label("To"), sendTo);
        form.addRow(1, new Label("Amount"), sendAmount);
        GridPane.setHgrow(sendTo, Priority.ALWAYS);
        VBox sendCard = card("Send", form, send, sendStatus);

        history.setId("wallet-history");
        history.setItems(model.history);
        history.setPlaceholder(new Label("No transactions yet."));
        history.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(SolanaRpc.SignatureInfo item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                String when = item.blockTime().map(t -> TIME.format(Instant.ofEpochSecond(t))).orElse("slot " + item.slot());
                Label what = new Label(when + "  " + item.memo().orElse("") + (item.failed() ? "  FAILED" : ""));
                Hyperlink link = new Hyperlink(item.signature().substring(0, 16) + "…");
                link.setOnAction(event -> explorer.open(item.signature()));
                Region spacer = new Region();
                HBox.setHgrow(spacer, Priority.ALWAYS);
                HBox line = new HBox(8, what, spacer, link);
                line.setAlignment(Pos.CENTER_LEFT);
                setGraphic(line);
                setText(null);
            }
        });
        VBox historyCard = card("History", history);
        VBox.setVgrow(history, Priority.ALWAYS);

        backup.setId("wallet-backup");
        lock.setId("wallet-lock");
        lock.setVisible(false);
        lock.managedProperty().bind(lock.visibleProperty());
        Label securityText = new Label("Back up shows the recovery phrase (or saves the keypair file) after your password. "
                + "Lock forgets the unlocked key until you enter the password again.");
        securityText.setWrapText(true);
        securityText.getStyleClass().add("muted");
        securityText.setMaxWidth(420);
        VBox security = card("Security", securityText, new HBox(8, backup, lock));

        VBox left = new VBox(14, balances, receive, security);
        VBox right = new VBox(14, sendCard, historyCard);
        VBox.setVgrow(historyCard, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox columns = new HBox(14, left, right);
        columns.setPadding(new Insets(16));
        root.setCenter(columns);
    }

    private static Label big(WalletModel model, boolean usdc) {
        Label label = new Label();
        label.setId(usdc ? "balance-usdc" : "balance-sol");
        label.textProperty().bind(usdc ? model.usdc : model.sol);
        label.getStyleClass().add(usdc ? "balance-main" : "balance-sub");
        return label;
    }

    private static VBox card(String title, javafx.scene.Node... content) {
        Label heading = new Label(title);
        heading.getStyleClass().add("card-title");
        VBox card = new VBox(10, heading);
        card.getChildren().addAll(content);
        card.getStyleClass().add("card");
        card.setPadding(new Insets(14));
        return card;
    }
}
