package network.shaga.app.ui.start;

import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import network.shaga.app.setup.AppSettings;
import network.shaga.app.setup.SettingsFile;
import network.shaga.app.setup.WalletSetup;
import network.shaga.app.ui.Formats;
import network.shaga.app.ui.FxThread;
import network.shaga.wallet.WalletFile;

/**
 * The first run of plain {@code shaga}: create a wallet (24 words shown, three typed back) or import one, choose its
 * password, choose the network, say whether this PC hosts; then the wallet and {@code settings.json} are written
 * (in the background) and {@code finished} hears the settings and, for a new wallet, its password.
 * With a wallet already in the data folder (e.g. from {@code shaga wallet create}) only the network and hosting are asked.
 */
public final class FirstRunController {
    /** What the first run set up: the settings, the wallet's address and, for a wallet made here, its password. */
    public record Result(AppSettings settings, String address, Optional<char[]> password) {
    }

    /** The screens of the flow. */
    enum Step { WELCOME, SHOW_PHRASE, CONFIRM_PHRASE, IMPORT, PASSWORD, NETWORK, HOSTING }

    private final StartCard card = new StartCard("firstrun");
    private final WalletSetup wallet;
    private final SettingsFile settingsFile;
    private final FxThread fx;
    private final Executor io;
    private final SecureRandom random;
    private final Optional<String> existingWallet;
    private final Consumer<Result> finished;
    private final Runnable cancel;
    private final NetworkStep network;
    private final HostingStep hosting;
    private final ImportStep importing;
    private final Button back = new Button("Back");
    private final Button next = new Button("Continue");
    private final ProgressIndicator working = new ProgressIndicator();
    private Step step;
    private final PasswordStep password = new PasswordStep();
    private PhraseStep phrase;
    private ImportStep.Source imported;
    private Runnable onNext = () -> { };
    private Runnable onBack = () -> { };

    /**
     * {@code existingWallet}: the address of a wallet already in the data folder, which is kept (only the network and
     * hosting are then asked); {@code sunshineHttp}/{@code sunshineApi}: where this PC's Sunshine would answer.
     */
    public FirstRunController(WalletSetup wallet, SettingsFile settingsFile, Optional<String> existingWallet, URI sunshineHttp, URI sunshineApi,
            FxThread fx, Executor io, SecureRandom random, Consumer<Result> finished) {
        this(wallet, settingsFile, existingWallet, sunshineHttp, sunshineApi, fx, io, random, finished, null);
    }

    /** As above; {@code cancel} (may be null) is what Back does on the first screen, e.g. return to the unlock screen. */
    public FirstRunController(WalletSetup wallet, SettingsFile settingsFile, Optional<String> existingWallet, URI sunshineHttp, URI sunshineApi,
            FxThread fx, Executor io, SecureRandom random, Consumer<Result> finished, Runnable cancel) {
        this.cancel = cancel;
        this.wallet = wallet;
        this.settingsFile = settingsFile;
        this.existingWallet = existingWallet;
        this.fx = fx;
        this.io = io;
        this.random = random;
        this.finished = finished;
        this.network = new NetworkStep(fx, io);
        this.hosting = new HostingStep(fx, io, sunshineHttp, sunshineApi);
        this.importing = new ImportStep(fx, io);
        back.setId("firstrun-back");
        back.setOnAction(event -> onBack.run());
        next.setId("firstrun-next");
        next.getStyleClass().add("accent");
        next.setDefaultButton(true);
        next.setOnAction(event -> onNext.run());
        working.setPrefSize(22, 22);
        working.setVisible(false);
        back.managedProperty().bind(back.visibleProperty());
        next.managedProperty().bind(next.visibleProperty());
        card.setFooter(working, back, next);
        show(existingWallet.isPresent() ? Step.NETWORK : Step.WELCOME);
    }

    public Parent view() {
        return card.root;
    }

    /** Reads a keypair file as if chosen in the import step's file dialog (which tests cannot drive). */
    void importKeypairFile(java.nio.file.Path file) {
        importing.load(file);
    }

    /** Shows a message about why the setup runs again (e.g. a damaged settings file) until the user moves on. */
    void notice(String message) {
        card.error.setText(message);
    }

    private void show(Step target) {
        step = target;
        card.error.setText("");
        next.setText(target == Step.HOSTING ? "Finish" : "Continue");
        next.disableProperty().unbind();
        next.setDisable(false);
        next.setVisible(target != Step.WELCOME);
        card.footer.setVisible(target != Step.WELCOME);
        boolean first = target == Step.WELCOME || existingWallet.isPresent() && target == Step.NETWORK;
        back.setVisible(!first || cancel != null);
        List<String> names = existingWallet.isPresent() ? List.of("Network", "Hosting") : List.of("Wallet", "Password", "Network", "Hosting");
        card.steps(names, existingWallet.isPresent() ? target.ordinal() - Step.NETWORK.ordinal() : stepIndex(target));
        switch (target) {
            case WELCOME -> welcome();
            case SHOW_PHRASE -> showPhrase();
            case CONFIRM_PHRASE -> confirmPhrase();
            case IMPORT -> importWallet();
            case PASSWORD -> choosePassword();
            case NETWORK -> chooseNetwork();
            case HOSTING -> chooseHosting();
        }
    }

    private static int stepIndex(Step step) {
        return switch (step) {
            case WELCOME, SHOW_PHRASE, CONFIRM_PHRASE, IMPORT -> 0;
            case PASSWORD -> 1;
            case NETWORK -> 2;
            case HOSTING -> 3;
        };
    }

    private void welcome() {
        card.title.setText("Welcome to Shaga");
        card.subtitle.setText("Rent a gaming PC near you by the minute, or rent yours out. Payments are USDC on Solana, straight "
                + "from your wallet to the host: first, your wallet.");
        Button create = bigChoice("firstrun-create", "Create a new wallet", "Shaga makes a new Solana wallet. You write down 24 words that restore it.");
        Button importButton = bigChoice("firstrun-import", "Import a wallet",
                "Use your recovery phrase (Phantom, Solflare…) or a Solana CLI keypair file.");
        create.setOnAction(event -> {
            phrase = new PhraseStep(WalletSetup.newPhrase(random));
            imported = null;
            show(Step.SHOW_PHRASE);
        });
        importButton.setOnAction(event -> show(Step.IMPORT));
        Label demo = muted("Just looking around? Close this window and run  shaga demo : a complete local world with test money, no setup.");
        onBack = cancel != null ? cancel : () -> { };
        HBox choices = new HBox(12, create, importButton);
        card.setBody(choices, demo);
    }

    private Button bigChoice(String id, String title, String text) {
        Label heading = new Label(title);
        heading.getStyleClass().add("choice-title");
        Label description = new Label(text);
        description.getStyleClass().add("choice-text");
        description.setWrapText(true);
        description.setPrefWidth(300);
        description.setMinHeight(Region.USE_PREF_SIZE);
        Button button = new Button();
        button.setGraphic(new VBox(6, heading, description));
        button.setId(id);
        button.getStyleClass().add("choice");
        button.setAlignment(Pos.TOP_LEFT);
        button.setPrefWidth(340);
        // Buttons size a wrapping graphic as if it were one character wide: give them their height.
        button.setMinHeight(96);
        button.setPrefHeight(96);
        button.setMaxHeight(96);
        return button;
    }

    private void showPhrase() {
        card.title.setText("Your recovery phrase");
        card.subtitle.setText("These 24 words are your wallet. Write them on paper, in this order, and keep the paper somewhere "
                + "safe and offline.");
        Label warning = new Label("Anyone who has these words can take your money, and nobody, not even Shaga, can recover them "
                + "for you. Never type them into a website or a chat.");
        warning.setWrapText(true);
        warning.setMinHeight(Region.USE_PREF_SIZE);
        warning.getStyleClass().add("start-warning");
        CheckBox written = new CheckBox("I have written down all " + phrase.words().size() + " words, in order");
        written.setId("phrase-written");
        next.disableProperty().bind(written.selectedProperty().not());
        card.setBody(phrase.wordsView(), warning, written);
        onBack = () -> show(Step.WELCOME);
        onNext = () -> show(Step.CONFIRM_PHRASE);
    }

    private void confirmPhrase() {
        card.title.setText("Check your copy");
        card.subtitle.setText("Type these words from your paper, so a mistake shows now and not on the day you need them.");
        card.setBody(phrase.confirmView(random));
        phrase.focusFirstField();
        onBack = () -> show(Step.SHOW_PHRASE);
        onNext = () -> phrase.mismatch().ifPresentOrElse(card.error::setText, () -> show(Step.PASSWORD));
    }

    private void importWallet() {
        card.title.setText("Import a wallet");
        card.subtitle.setText("Your wallet stays on this PC, encrypted with the password you choose next.");
        card.setBody(importing.view());
        onBack = () -> show(Step.WELCOME);
        onNext = () -> {
            ImportStep.Checked checked = importing.check();
            if (checked instanceof ImportStep.Problem problem) {
                card.error.setText(sentence(problem.message()));
                return;
            }
            imported = ((ImportStep.Ok) checked).source();
            phrase = null;
            show(Step.PASSWORD);
        };
    }

    private void choosePassword() {
        card.title.setText("Choose a password");
        card.subtitle.setText("It encrypts the wallet on this PC and unlocks Shaga each time it starts. It is not your recovery "
                + "phrase: if you forget it, restore the wallet from the phrase.");
        card.setBody(password.view());
        password.focus();
        onBack = () -> show(imported != null ? Step.IMPORT : Step.CONFIRM_PHRASE);
        onNext = () -> password.problem().ifPresentOrElse(card.error::setText, () -> show(Step.NETWORK));
    }

    private void chooseNetwork() {
        card.title.setText("Choose the network");
        card.subtitle.setText(existingWallet.map(address -> "Shaga will use the wallet already in this data folder (" + address + "). ")
                .orElse("") + "Hosts and players only see each other on the same Solana cluster.");
        card.setBody(network.view());
        next.disableProperty().bind(network.busy());
        onBack = existingWallet.isEmpty() ? () -> show(Step.PASSWORD) : cancel != null ? cancel : () -> { };
        onNext = () -> {
            if (!network.usable()) {
                card.error.setText("The local demo is started with  shaga demo ; choose Devnet, Mainnet or a custom RPC here.");
                return;
            }
            network.settings(false, settings -> settings.ifPresent(ignored -> show(Step.HOSTING)));
        };
    }

    private void chooseHosting() {
        card.title.setText("Host too?");
        card.subtitle.setText("Optional: you can change your mind at any time in Host mode.");
        card.setBody(hosting.view());
        onBack = () -> show(Step.NETWORK);
        onNext = () -> network.settings(hosting.wantsToHost(), settings -> settings.ifPresent(this::finish));
    }

    /** Writes the wallet (unless one exists) and the settings off the UI thread, then hands over. */
    private void finish(AppSettings settings) {
        char[] chosen = existingWallet.isPresent() ? null : password.password();
        ImportStep.Source source = imported;
        List<String> words = phrase == null ? List.of() : phrase.words();
        working.setVisible(true);
        next.setDisable(true);
        back.setDisable(true);
        card.error.setText("");
        CompletableFuture.supplyAsync(() -> {
            try {
                String address = existingWallet.orElse(null);
                if (chosen != null) {
                    WalletFile.KeyResult result = storeWallet(source, words, chosen);
                    if (result instanceof WalletFile.KeyRefused refused) {
                        throw new IllegalStateException(refused.message());
                    }
                    address = ((WalletFile.KeyStored) result).address();
                }
                settingsFile.save(settings);
                return address;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }, io).whenComplete((address, error) -> fx.execute(() -> {
            working.setVisible(false);
            back.setDisable(false);
            next.setDisable(false);
            if (error != null) {
                card.error.setText("Could not save: " + Formats.problem(error));
                return;
            }
            finished.accept(new Result(settings, address, Optional.ofNullable(chosen)));
        }));
    }

    private WalletFile.KeyResult storeWallet(ImportStep.Source source, List<String> words, char[] chosen) throws Exception {
        if (source instanceof ImportStep.KeypairFile file) {
            return wallet.storeKeypairJson(file.json(), chosen);
        }
        if (source instanceof ImportStep.Phrase phrase) {
            return wallet.storePhrase(phrase.phrase(), phrase.passphrase(), chosen);
        }
        return wallet.storePhrase(String.join(" ", words), "", chosen);
    }

    /** A message from the wallet module ("word 3 is not…") as a sentence. */
    private static String sentence(String text) {
        String capital = text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return capital.endsWith(".") ? capital : capital + ".";
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMinHeight(Region.USE_PREF_SIZE);
        label.getStyleClass().add("muted");
        return label;
    }
}
