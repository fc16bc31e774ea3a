package network.shaga.app.ui.wallet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import network.shaga.app.setup.WalletSetup;
import network.shaga.app.ui.FxThread;
import network.shaga.wallet.keystore.KeystoreException;

/**
 * Wallet → Back up: asks the password again, then shows the recovery phrase the wallet was made from, or, for a
 * wallet without a stored phrase, offers to save its keypair file. Nothing is shown before the password is checked.
 */
final class BackupDialog {
    private final Stage stage = new Stage();
    private final VBox body = new VBox(14);
    private final WalletSetup wallet;
    private final FxThread fx;
    private final Executor io;

    BackupDialog(WalletSetup wallet, FxThread fx, Executor io, Window owner) {
        this.wallet = wallet;
        this.fx = fx;
        this.io = io;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Back up your wallet");
        body.setPadding(new Insets(22));
        body.setPrefWidth(640);
        body.getStyleClass().addAll("card", "backup-dialog");
        body.setId("backup-dialog");
        askPassword();
        Scene scene = new Scene(body);
        // The card's rounded corners over the dialog's own background, not over the default white.
        scene.setFill(javafx.scene.paint.Color.web("#1b2029"));
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    void show() {
        stage.show();
    }

    private void askPassword() {
        Label title = title("Back up your wallet");
        Label text = muted("Enter your wallet password. Make sure nobody can see your screen.");
        PasswordField password = new PasswordField();
        password.setId("backup-password");
        password.setPromptText("Wallet password");
        Label error = new Label();
        error.setId("backup-error");
        error.getStyleClass().add("start-error");
        error.setWrapText(true);
        ProgressIndicator working = new ProgressIndicator();
        working.setPrefSize(20, 20);
        working.setVisible(false);
        Button cancel = new Button("Cancel");
        cancel.setOnAction(event -> stage.close());
        Button show = new Button("Show backup");
        show.setId("backup-show");
        show.getStyleClass().add("accent");
        show.setDefaultButton(true);
        show.setOnAction(event -> {
            char[] typed = password.getText().toCharArray();
            working.setVisible(true);
            show.setDisable(true);
            error.setText("");
            CompletableFuture.supplyAsync(() -> {
                try {
                    return wallet.backup(typed);
                } catch (KeystoreException e) {
                    throw new CompletionException(e);
                } finally {
                    java.util.Arrays.fill(typed, '\0');
                }
            }, io).whenComplete((backup, failure) -> fx.execute(() -> {
                working.setVisible(false);
                show.setDisable(false);
                if (failure == null) {
                    password.clear();
                    showBackup(backup);
                } else {
                    error.setText(failure.getCause() instanceof KeystoreException k && k.reason() == KeystoreException.Reason.WRONG_PASSWORD
                            ? "Wrong password." : "Cannot read the wallet: " + network.shaga.app.ui.Formats.problem(failure));
                }
            }));
        });
        body.getChildren().setAll(title, text, password, error, buttons(working, cancel, show));
    }

    private void showBackup(WalletSetup.Backup backup) {
        Label warning = new Label("Anyone who sees this can take everything in this wallet. Write it on paper and keep it offline; "
                + "never type it into a website or share it, not even with Shaga support.");
        warning.setId("backup-warning");
        warning.getStyleClass().add("start-warning");
        warning.setWrapText(true);
        Button done = new Button("Done");
        done.setId("backup-done");
        done.setOnAction(event -> stage.close());
        if (backup instanceof WalletSetup.PhraseBackup phrase) {
            body.getChildren().setAll(title("Your recovery phrase"), warning, words(phrase),
                    phrase.passphrase().isEmpty() ? muted("It restores this wallet in Shaga, Phantom, Solflare and the Solana CLI.")
                            : muted("This wallet also uses a passphrase, which you need with the words: " + phrase.passphrase()),
                    buttons(done));
        } else {
            String json = ((WalletSetup.KeypairBackup) backup).keypairJson();
            Label text = muted("This wallet was not made from a recovery phrase in the app (it was imported from a keypair file, or "
                    + "created with shaga wallet create, which showed its words once). Its backup is the keypair file: Solana CLI "
                    + "format, readable by solana-keygen, Phantom and Shaga's import.");
            Label saved = new Label();
            saved.setId("backup-saved");
            saved.setWrapText(true);
            Button save = new Button("Save keypair file…");
            save.setId("backup-save-keypair");
            save.getStyleClass().add("accent");
            save.setOnAction(event -> saveKeypair(json, saved));
            body.getChildren().setAll(title("Back up the keypair file"), warning, text, saved, buttons(done, save));
        }
        stage.sizeToScene();
    }

    private static GridPane words(WalletSetup.PhraseBackup phrase) {
        GridPane grid = new GridPane();
        grid.setId("backup-words");
        grid.setHgap(10);
        grid.setVgap(8);
        int rows = (phrase.words().size() + 3) / 4;
        for (int i = 0; i < phrase.words().size(); i++) {
            Label number = new Label(String.valueOf(i + 1));
            number.getStyleClass().add("phrase-number");
            Label word = new Label(phrase.words().get(i));
            word.setId("backup-word-" + (i + 1));
            word.getStyleClass().add("phrase-word");
            HBox chip = new HBox(8, number, word);
            chip.getStyleClass().add("phrase-chip");
            grid.add(chip, i / rows, i % rows);
        }
        return grid;
    }

    private void saveKeypair(String json, Label saved) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the keypair file");
        chooser.setInitialFileName("shaga-wallet-keypair.json");
        java.io.File file = chooser.showSaveDialog(stage);
        if (file == null) {
            return;
        }
        Path target = file.toPath();
        CompletableFuture.runAsync(() -> {
            try {
                writeOwnerOnly(target, json);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, io).whenComplete((ok, error) -> fx.execute(() -> saved.setText(error == null
                ? "Saved to " + target + " (readable by you only). Move it to offline storage."
                : "Not saved: " + network.shaga.app.ui.Formats.problem(error))));
    }

    private static void writeOwnerOnly(Path target, String json) throws IOException {
        Files.deleteIfExists(target);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(target);
        }
        Files.writeString(target, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static Label title(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("details-title");
        return label;
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("muted");
        return label;
    }

    private static HBox buttons(javafx.scene.Node... nodes) {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(10, spacer);
        box.getChildren().addAll(nodes);
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }
}
