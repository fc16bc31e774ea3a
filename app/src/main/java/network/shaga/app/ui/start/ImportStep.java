package network.shaga.app.ui.start;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import network.shaga.app.ui.FxThread;
import network.shaga.wallet.keys.Bip39;
import network.shaga.wallet.keys.KeyImport;

/** The first run's import step: a recovery phrase (with its optional passphrase) or a Solana CLI keypair file. */
final class ImportStep {
    /** Keypair files are 64 numbers; anything much larger is not one. */
    private static final long MAX_KEYPAIR_FILE_BYTES = 16 * 1024;

    /** What the user gave, checked. */
    sealed interface Source permits Phrase, KeypairFile {
    }

    record Phrase(String phrase, String passphrase) implements Source {
    }

    record KeypairFile(String json, String address) implements Source {
    }

    private final FxThread fx;
    private final Executor io;
    private final ToggleButton phraseMode = new ToggleButton("Recovery phrase");
    private final ToggleButton fileMode = new ToggleButton("Keypair file");
    private final TextArea phrase = new TextArea();
    private final PasswordField passphrase = new PasswordField();
    private final Button choose = new Button("Choose keypair file…");
    private final Label chosen = new Label("No file chosen.");
    private final VBox detail = new VBox(10);
    private final VBox root;
    private KeypairFile keypair;

    ImportStep(FxThread fx, Executor io) {
        this.fx = fx;
        this.io = io;
        ToggleGroup modes = new ToggleGroup();
        phraseMode.setToggleGroup(modes);
        fileMode.setToggleGroup(modes);
        phraseMode.setId("import-phrase-mode");
        fileMode.setId("import-file-mode");
        phraseMode.getStyleClass().add("mode-button");
        fileMode.getStyleClass().add("mode-button");
        phrase.setId("import-phrase");
        phrase.setPromptText("The 12 or 24 words of your recovery phrase, separated by spaces");
        phrase.setWrapText(true);
        phrase.setPrefRowCount(3);
        passphrase.setId("import-passphrase");
        passphrase.setPromptText("Passphrase (only if your wallet uses one; most do not)");
        choose.setId("import-choose-file");
        choose.setOnAction(event -> chooseFile());
        chosen.setId("import-file");
        chosen.setWrapText(true);
        chosen.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        modes.selectedToggleProperty().addListener((obs, old, selected) -> {
            if (selected == null) {
                old.setSelected(true);
            } else {
                showMode();
            }
        });
        phraseMode.setSelected(true);
        HBox switcher = new HBox(4, phraseMode, fileMode);
        switcher.setAlignment(Pos.CENTER_LEFT);
        root = new VBox(12, switcher, detail);
    }

    Node view() {
        return root;
    }

    private void showMode() {
        if (phraseMode.isSelected()) {
            Label hint = muted("The same words Phantom, Solflare and the Solana CLI use (path m/44'/501'/0'/0'): the wallet gets the same address.");
            detail.getChildren().setAll(phrase, passphrase, hint);
        } else {
            Label hint = muted("A file written by solana-keygen: a JSON array of 64 numbers. It has no recovery phrase; "
                    + "back up the file itself.");
            HBox line = new HBox(10, choose, chosen);
            line.setAlignment(Pos.CENTER_LEFT);
            detail.getChildren().setAll(line, hint);
        }
    }

    /** The checked input, or why it cannot be used. */
    sealed interface Checked permits Ok, Problem {
    }

    record Ok(Source source) implements Checked {
    }

    record Problem(String message) implements Checked {
    }

    Checked check() {
        if (fileMode.isSelected()) {
            return keypair != null ? new Ok(keypair) : new Problem("Choose your keypair file first.");
        }
        var words = Bip39.normalise(phrase.getText());
        Optional<Bip39.Rejection> rejection = Bip39.validate(words);
        if (rejection.isPresent()) {
            return new Problem(rejection.get().message());
        }
        return new Ok(new Phrase(String.join(" ", words), passphrase.getText()));
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Solana keypair file");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Keypair (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        java.io.File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            load(file.toPath());
        }
    }

    /** Reads and checks a keypair file in the background. */
    void load(Path file) {
        keypair = null;
        chosen.setText("Reading " + file.getFileName() + "…");
        CompletableFuture.supplyAsync(() -> {
            try {
                if (Files.size(file) > MAX_KEYPAIR_FILE_BYTES) {
                    return new Problem(file.getFileName() + " is too large to be a keypair file.");
                }
                String json = Files.readString(file, StandardCharsets.UTF_8);
                KeyImport.Result result = KeyImport.fromKeypairJson(json);
                if (result instanceof KeyImport.Imported imported) {
                    return (Checked) new Ok(new KeypairFile(json, imported.key().address()));
                }
                return new Problem(file.getFileName() + ": " + ((KeyImport.Refused) result).message());
            } catch (IOException e) {
                return new Problem("Cannot read " + file + ": " + e.getMessage());
            }
        }, io).thenAccept(checked -> fx.execute(() -> {
            if (checked instanceof Ok ok && ok.source() instanceof KeypairFile file1) {
                keypair = file1;
                chosen.setText("✓ " + file.getFileName() + " · wallet " + file1.address());
            } else {
                chosen.setText(((Problem) checked).message());
            }
        }));
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        label.getStyleClass().add("muted");
        return label;
    }
}
