package network.shaga.app.ui.wallet;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import network.shaga.wallet.rpc.SolanaRpc;

/** The Wallet screen's state. */
final class WalletModel {
    final StringProperty address = new SimpleStringProperty("");
    final StringProperty sol = new SimpleStringProperty("…");
    final StringProperty usdc = new SimpleStringProperty("…");
    final StringProperty cluster = new SimpleStringProperty("");
    final StringProperty sendStatus = new SimpleStringProperty("");
    final StringProperty balanceStatus = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty(false);
    final ObservableList<SolanaRpc.SignatureInfo> history = FXCollections.observableArrayList();
}
