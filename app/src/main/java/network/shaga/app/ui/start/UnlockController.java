package network.shaga.app.ui.start;

import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.setup.DesktopSession;
import network.shaga.app.ui.Formats;
import network.shaga.app.ui.FxThread;
import network.shaga.wallet.keystore.KeystoreException;

/** The screen of every later start (and after Lock): the wallet's password, then the main window. */
public final class UnlockController {
    private static final System.Logger LOG = System.getLogger(UnlockController.class.getName());
    private final StartCard card = new StartCard("unlock");
    private final PasswordField password = new PasswordField();
    private final Button unlock = new Button("Unlock");
    private final ProgressIndicator working = new ProgressIndicator();
    private final Label progress = new Label();
    private final DesktopSession session;
    private final FxThread fx;
    private final Consumer<PlayerServices> unlocked;

    /**
     * {@code address} is read from the keystore's header (no password needed); {@code title} and {@code notice} say why
     * the password is asked (a new start, after Lock).
     */
    public UnlockController(DesktopSession session, String address, String title, String notice, FxThread fx,
            Consumer<PlayerServices> unlocked, Runnable changeNetwork) {
        this.session = session;
        this.fx = fx;
        this.unlocked = unlocked;
        card.title.setText(title);
        card.subtitle.setText(notice.isEmpty() ? "Enter your wallet password to open Shaga." : notice);
        Label wallet = new Label(address);
        wallet.setId("unlock-address");
        wallet.getStyleClass().add("pill");
        Label cluster = new Label(StartFlow.describe(session.settings()));
        cluster.setId("unlock-cluster");
        cluster.getStyleClass().add("pill");
        Hyperlink change = new Hyperlink("Change network");
        change.setId("unlock-change-network");
        change.setOnAction(event -> changeNetwork.run());
        HBox network = new HBox(8, cluster, change);
        network.setAlignment(Pos.CENTER_LEFT);
        HBox facts = new HBox(8, wallet);
        password.setId("unlock-password");
        password.setPromptText("Wallet password");
        password.setOnAction(event -> unlock());
        unlock.setId("unlock-button");
        unlock.getStyleClass().add("accent");
        unlock.setOnAction(event -> unlock());
        working.setPrefSize(22, 22);
        working.setVisible(false);
        progress.setId("unlock-progress");
        progress.getStyleClass().add("muted");
        progress.managedProperty().bind(progress.textProperty().isNotEmpty());
        Label forgot = new Label("Forgot it? Move wallet.json out of the data folder and start Shaga again to restore the wallet "
                + "from its recovery phrase.");
        forgot.setWrapText(true);
        forgot.getStyleClass().add("muted");
        HBox line = new HBox(10, password, unlock, working);
        line.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(password, javafx.scene.layout.Priority.ALWAYS);
        card.setBody(facts, network, line, progress, forgot);
        card.footer.setVisible(false);
    }

    public Parent view() {
        return card.root;
    }

    /** Puts the cursor in the password field (once the screen is shown). */
    void focus() {
        password.requestFocus();
    }

    /** Shows a problem that happened before this screen, e.g. while opening the wallet right after the first run. */
    void showError(String message) {
        card.error.setText(message);
    }

    private void unlock() {
        if (password.getText().isEmpty()) {
            card.error.setText("Enter your password.");
            return;
        }
        char[] typed = password.getText().toCharArray();
        busy(true);
        card.error.setText("");
        progress.setText("Opening the wallet and joining the network…");
        long started = System.nanoTime();
        session.unlock(typed).whenComplete((player, error) -> fx.execute(() -> {
            LOG.log(System.Logger.Level.INFO, (error == null ? "unlocked in " : "unlock failed after ")
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            java.util.Arrays.fill(typed, '\0');
            busy(false);
            progress.setText("");
            if (error == null) {
                password.clear();
                unlocked.accept(player);
                return;
            }
            card.error.setText(describe(error));
            password.selectAll();
            password.requestFocus();
        }));
    }

    /** What went wrong, in words: a wrong password says so plainly. */
    static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof KeystoreException)) {
            cause = cause.getCause();
        }
        if (cause instanceof KeystoreException keystore) {
            return switch (keystore.reason()) {
                case WRONG_PASSWORD -> "Wrong password. Check Caps Lock and the keyboard layout, then try again.";
                case NOT_FOUND -> "The wallet file is gone: " + keystore.getMessage() + ". Start Shaga again to set up or import a wallet.";
                default -> "The wallet cannot be opened: " + keystore.getMessage();
            };
        }
        return "Shaga could not start: " + Formats.problem(error) + ". Check that the Solana node is running and reachable, "
                + "or use Change network.";
    }

    private void busy(boolean on) {
        working.setVisible(on);
        unlock.setDisable(on);
        password.setDisable(on);
    }
}
