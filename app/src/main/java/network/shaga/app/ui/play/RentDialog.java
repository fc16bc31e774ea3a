package network.shaga.app.ui.play;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.session.HostApiClient;
import network.shaga.app.session.RentFlow;
import network.shaga.app.session.SessionApi;
import network.shaga.app.session.SessionSettings;
import network.shaga.app.stream.MoonlightLocator;
import network.shaga.app.stream.StreamOptions;
import network.shaga.app.ui.Formats;
import network.shaga.app.ui.FxThread;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.pay.PaymentPreview;
import network.shaga.wallet.pay.PaymentRequest;
import org.p2p.solanaj.core.PublicKey;

/**
 * Renting one host: choose the minutes and see the total, the network fee and the balance after; then follow the
 * journey (paid, verified by the host, PIN, pairing, streaming) and the countdown, with Extend and End.
 */
final class RentDialog {
    private static final RentFlow.Step[] SHOWN = {RentFlow.Step.QUOTED, RentFlow.Step.PAID, RentFlow.Step.VERIFIED_BY_HOST,
        RentFlow.Step.PIN_UNSEALED, RentFlow.Step.PAIRED, RentFlow.Step.STREAMING};
    private static final int EXTEND_MINUTES = 15;

    private final HostRow host;
    private final PlayerServices services;
    private final MoonlightLocator moonlight;
    private final FxThread fx;
    private final Executor io;
    private final ScheduledExecutorService timer;
    private final Stage stage = new Stage();
    private final Spinner<Integer> minutes = new Spinner<>(15, 240, 30, 15);
    private final Label total = new Label();
    private final Label fee = new Label("Computing the network fee…");
    private final Label after = new Label();
    private final Button pay = new Button("Pay and start");
    private final Map<RentFlow.Step, Label> steps = new EnumMap<>(RentFlow.Step.class);
    private final Label detail = new Label();
    private final TextField command = new TextField();
    private final Label countdown = new Label();
    private final Button extend = new Button("Extend " + EXTEND_MINUTES + " min");
    private final Button end = new Button("End session");
    private final VBox body = new VBox(12);
    private RentFlow.RentedSession rented;
    private Optional<String> sessionId = Optional.empty();
    private Instant endsAt;
    private ScheduledFuture<?> ticker;
    private long previewGeneration;

    RentDialog(HostRow host, PlayerServices services, MoonlightLocator moonlight, FxThread fx, Executor io, ScheduledExecutorService timer,
            Window owner) {
        this.host = host;
        this.services = services;
        this.moonlight = moonlight;
        this.fx = fx;
        this.io = io;
        this.timer = timer;
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle("Rent " + host.name());
        body.setPadding(new Insets(20));
        body.setPrefWidth(520);
        body.getStyleClass().addAll("card", "rent-dialog");
        body.setId("rent-dialog");
        showQuoteForm();
        Scene scene = new Scene(body);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.setOnHidden(event -> stopTicker());
    }

    void show() {
        stage.show();
    }

    private void showQuoteForm() {
        Label title = new Label(host.name());
        title.getStyleClass().add("details-title");
        Label what = new Label(host.gpu() + " · " + host.codecs() + " · " + Formats.usdc(host.priceMicro()) + " per hour");
        what.getStyleClass().add("muted");
        minutes.setId("rent-minutes");
        minutes.setEditable(true);
        total.setId("rent-total");
        fee.setId("rent-fee");
        after.setId("rent-balance-after");
        GridPane form = new GridPane();
        form.setHgap(14);
        form.setVgap(8);
        form.addRow(0, new Label("Minutes"), minutes);
        form.addRow(1, new Label("Total"), total);
        form.addRow(2, new Label("Network fee"), fee);
        form.addRow(3, new Label("Balance after"), after);
        pay.setId("rent-pay");
        pay.getStyleClass().add("accent");
        pay.setDisable(true);
        Button cancel = new Button("Cancel");
        cancel.setOnAction(event -> stage.close());
        pay.setOnAction(event -> start());
        body.getChildren().setAll(title, what, form, buttons(cancel, pay));
        minutes.valueProperty().addListener((obs, old, value) -> preview());
        preview();
    }

    private long amountMicro() {
        return SessionSettings.priceOf(host.priceMicro(), minutes.getValue());
    }

    /** Prices the payment the host will quote (same transaction shape) without signing anything. */
    private void preview() {
        long generation = ++previewGeneration;
        long amount = amountMicro();
        total.setText(Formats.usdc(amount) + " for " + minutes.getValue() + " min");
        pay.setDisable(true);
        String payer = services.key().address();
        PaymentRequest request = new PaymentRequest(new PublicKey(host.listing().address()), services.wallet().usdcMint(), amount,
                new PublicKey(WalletKey.generate(new SecureRandom()).address()), "shaga:preview");
        CompletableFuture.supplyAsync(() -> services.wallet().previewPayment(payer, request), io).whenComplete((preview, error) -> fx.execute(() -> {
            if (generation != previewGeneration) {
                return;
            }
            if (error != null) {
                fee.setText("unknown: the Solana node does not answer (" + error.getClass().getSimpleName() + ")");
                return;
            }
            showPreview(preview);
        }));
    }

    private void showPreview(PaymentPreview preview) {
        fee.setText(Formats.sol(preview.feeLamports() + preview.rentLamports())
                + (preview.createsRecipientAccount() ? " (includes the host's token account)" : ""));
        after.setText(Formats.usdc(preview.tokenAfter()) + " · " + Formats.sol(preview.solAfter()));
        pay.setDisable(!preview.affordable());
        if (!preview.affordable()) {
            after.setText(after.getText() + " — not enough funds: add USDC or SOL in Wallet");
        }
    }

    private void start() {
        int chosen = minutes.getValue();
        Label title = new Label("Renting " + host.name());
        title.getStyleClass().add("details-title");
        VBox list = new VBox(6);
        for (RentFlow.Step step : SHOWN) {
            Label label = new Label("○  " + describe(step));
            label.setId("step-" + step.wireName());
            label.getStyleClass().add("step-pending");
            steps.put(step, label);
            list.getChildren().add(label);
        }
        detail.setId("rent-detail");
        detail.setWrapText(true);
        command.setId("rent-command");
        command.setEditable(false);
        command.setVisible(false);
        command.setManaged(false);
        countdown.setId("rent-countdown");
        countdown.getStyleClass().add("countdown");
        extend.setId("rent-extend");
        extend.setDisable(true);
        extend.setOnAction(event -> extend());
        end.setId("rent-end");
        end.setDisable(true);
        end.setOnAction(event -> end());
        Button close = new Button("Close");
        close.setOnAction(event -> stage.close());
        body.getChildren().setAll(title, list, detail, command, countdown, buttons(close, extend, end));
        stage.sizeToScene();
        markActive(RentFlow.Step.QUOTED);

        RentFlow flow = new RentFlow(services.wallet(), services.key(), moonlight, Clock.systemUTC(), HttpClient.newHttpClient());
        RentFlow.Target target = new RentFlow.Target(host.listing().endpoint(), host.listing().address(), host.priceMicro());
        RentFlow.Options options = new RentFlow.Options(chosen, Optional.empty(), StreamOptions.defaults(), Duration.ofSeconds(90));
        CompletableFuture.supplyAsync(() -> {
            try {
                return flow.rent(target, options, progress -> fx.execute(() -> onProgress(progress)));
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, io).whenComplete((outcome, error) -> fx.execute(() -> finish(outcome, error)));
    }

    private void onProgress(RentFlow.Progress progress) {
        RentFlow.Step step = progress.step();
        switch (step) {
            case QUOTED, PAID, VERIFIED_BY_HOST, PIN_UNSEALED, PAIRED, STREAMING -> {
                markDone(step, progress);
                nextAfter(step);
            }
            case FEE_PREVIEWED -> detail.setText("Paying " + Formats.usdc(amountMicro()) + "…");
            case MOONLIGHT_MISSING -> {
                Object line = progress.facts().get("pair_command");
                detail.setText(String.valueOf(progress.facts().getOrDefault("install", "Moonlight is not installed."))
                        + " Then pair with the command below. The host refunds the session if no client pairs in time.");
                command.setText(line == null ? "" : line.toString());
                command.setVisible(true);
                command.setManaged(true);
                stage.sizeToScene();
                markFailed(RentFlow.Step.PAIRED, "waiting for Moonlight");
            }
            case FAILED -> detail.setText(progress.detail());
            case EXTENDED, COUNTDOWN, ENDED -> detail.setText(progress.detail());
        }
        if (progress.facts().get("ends_at") instanceof String text) {
            endsAt = Instant.parse(text);
            startTicker();
        }
        if (progress.facts().get("session") instanceof String id) {
            sessionId = Optional.of(id);
            end.setDisable(false);
        }
    }

    private void finish(RentFlow.Outcome outcome, Throwable error) {
        if (error != null) {
            detail.setText("The rental stopped: " + Formats.problem(error));
            return;
        }
        if (outcome instanceof RentFlow.Streaming streaming) {
            rented = streaming.session();
            extend.setDisable(false);
            detail.setText("Moonlight is streaming. Launched " + streaming.session().launchedAfter().toMillis() + " ms after Rent.");
        } else if (outcome instanceof RentFlow.Stopped stopped) {
            sessionId = stopped.sessionId();
            end.setDisable(sessionId.isEmpty());
            if (stopped.step() != RentFlow.Step.MOONLIGHT_MISSING) {
                markFailed(stopped.step(), stopped.reason());
                detail.setText(stopped.reason());
            }
        }
    }

    private void extend() {
        extend.setDisable(true);
        detail.setText("Paying for " + EXTEND_MINUTES + " more minutes…");
        RentFlow.RentedSession session = rented;
        CompletableFuture.supplyAsync(() -> {
            try {
                return session.extend(services.wallet(), services.key(), EXTEND_MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, io).whenComplete((reply, error) -> fx.execute(() -> {
            extend.setDisable(false);
            if (error != null || !reply.ok()) {
                detail.setText("Not extended: " + (error != null ? Formats.problem(error) : reply.describe()));
            } else {
                endsAt = session.endsAt();
                detail.setText("Extended until " + endsAt);
            }
        }));
    }

    private void end() {
        end.setDisable(true);
        extend.setDisable(true);
        RentFlow.RentedSession session = rented;
        Optional<String> id = sessionId;
        CompletableFuture.supplyAsync(() -> {
            try {
                if (session != null) {
                    return session.end();
                }
                HostApiClient api = new HostApiClient(host.listing().endpoint(), host.listing().address(),
                        Ed25519KeyPair.fromSeed(services.key().seed()), Clock.systemUTC(), HttpClient.newHttpClient());
                return api.post(SessionApi.PREFIX + "/" + id.orElseThrow() + "/end",
                        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, io).whenComplete((reply, error) -> fx.execute(() -> {
            stopTicker();
            countdown.setText("");
            detail.setText(error != null ? "Ending failed: " + Formats.problem(error)
                    : reply.ok() ? "Session ended (" + reply.body().path("state").asText() + ")." : "Ending failed: " + reply.describe());
        }));
    }

    private void startTicker() {
        if (ticker == null) {
            ticker = timer.scheduleAtFixedRate(() -> fx.execute(this::tick), 0, 1, TimeUnit.SECONDS);
        }
    }

    private void tick() {
        if (endsAt != null) {
            long left = Math.max(0, Duration.between(Instant.now(), endsAt).toSeconds());
            countdown.setText(String.format("%02d:%02d left", left / 60, left % 60));
        }
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    private void markDone(RentFlow.Step step, RentFlow.Progress progress) {
        Label label = steps.get(step);
        label.setText("✓  " + describe(step) + "  · " + progress.elapsed().toMillis() + " ms");
        label.getStyleClass().setAll("label", "step-done");
    }

    private void markFailed(RentFlow.Step step, String why) {
        Label label = steps.get(step);
        if (label != null) {
            label.setText("✗  " + describe(step) + " — " + why);
            label.getStyleClass().setAll("label", "step-failed");
        }
    }

    private void markActive(RentFlow.Step step) {
        Label label = steps.get(step);
        if (label != null && label.getStyleClass().contains("step-pending")) {
            label.getStyleClass().setAll("label", "step-active");
            label.setText("●  " + describe(step) + "…");
        }
    }

    private void nextAfter(RentFlow.Step step) {
        for (int i = 0; i < SHOWN.length - 1; i++) {
            if (SHOWN[i] == step) {
                markActive(SHOWN[i + 1]);
            }
        }
    }

    private static String describe(RentFlow.Step step) {
        return switch (step) {
            case QUOTED -> "Quote from the host";
            case PAID -> "Payment confirmed on Solana";
            case VERIFIED_BY_HOST -> "Payment verified by the host";
            case PIN_UNSEALED -> "Pairing PIN received";
            case PAIRED -> "Moonlight paired";
            case STREAMING -> "Streaming";
            default -> step.wireName();
        };
    }

    private static HBox buttons(Button... buttons) {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox row = new HBox(8);
        row.getChildren().add(spacer);
        row.getChildren().addAll(buttons);
        row.setAlignment(Pos.CENTER_RIGHT);
        return row;
    }
}
