package network.shaga.app.ui.wallet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import network.shaga.app.core.Usdc;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.setup.WalletSetup;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.app.ui.Formats;
import network.shaga.app.ui.FxThread;
import network.shaga.wallet.WalletService;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.pay.PaymentPreview;
import network.shaga.wallet.pay.PaymentRequest;
import org.p2p.solanaj.core.PublicKey;

/** The Wallet screen's behaviour: balances and history from the cluster, copy/QR of the address, sending USDC. */
public final class WalletController {
    private static final int HISTORY_SIZE = 25;

    private final WalletModel model = new WalletModel();
    private final WalletView view = new WalletView(model);
    private final PlayerServices services;
    private final FxThread fx;
    private final Executor io;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> periodic;
    private PaymentPreview pendingPreview;

    public WalletController(PlayerServices services, FxThread fx, Executor io, ScheduledExecutorService timer) {
        this.services = services;
        this.fx = fx;
        this.io = io;
        this.timer = timer;
        String address = services.key().address();
        model.address.set(address);
        model.cluster.set(services.cluster().name());
        view.qr.setImage(QrCodes.of("solana:" + address, 360));
        view.copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(address);
            Clipboard.getSystemClipboard().setContent(content);
            model.balanceStatus.set("Address copied.");
        });
        view.refresh.setOnAction(event -> refresh());
        view.send.setOnAction(event -> sendOrConfirm());
        view.sendTo.textProperty().addListener(o -> resetSend());
        view.sendAmount.textProperty().addListener(o -> resetSend());
        view.explorer = this::openInExplorer;
        WalletSetup walletFile = new WalletSetup(services.wallet().file().path(), Keystore.withDefaults(), new SecureRandom());
        view.backup.setOnAction(event -> new BackupDialog(walletFile, fx, io,
                view.root.getScene() == null ? null : view.root.getScene().getWindow()).show());
    }

    /** Shows Lock, which runs {@code onLock} (back to the unlock screen); where there is no unlock screen it stays hidden. */
    public void enableLock(Runnable onLock) {
        view.lock.setVisible(true);
        view.lock.setOnAction(event -> onLock.run());
    }

    public Parent view() {
        return view.root;
    }

    public void start() {
        refresh();
        periodic = timer.scheduleWithFixedDelay(() -> fx.execute(this::refresh), 15, 15, TimeUnit.SECONDS);
    }

    public void stop() {
        if (periodic != null) {
            periodic.cancel(false);
        }
    }

    /** Reads balances and history off the FX thread. */
    public void refresh() {
        WalletService wallet = services.wallet();
        String address = model.address.get();
        CompletableFuture.supplyAsync(() -> wallet.balance(address), io).whenComplete((balances, error) -> fx.execute(() -> {
            if (error != null) {
                model.balanceStatus.set("Cannot reach the Solana node at " + services.cluster().rpcUrl() + ": " + Formats.problem(error));
                return;
            }
            model.usdc.set(Formats.usdc(balances.usdcMicro()));
            model.sol.set(Formats.sol(balances.lamports()));
            model.balanceStatus.set("");
        }));
        CompletableFuture.supplyAsync(() -> wallet.history(address, HISTORY_SIZE), io).thenAccept(list -> fx.execute(() -> model.history.setAll(list)));
    }

    private void resetSend() {
        pendingPreview = null;
        view.send.setText("Send USDC");
    }

    /** First press: checks the input and shows the fee; second press: signs and sends. */
    private void sendOrConfirm() {
        if (pendingPreview != null) {
            send(pendingPreview.request());
            return;
        }
        PaymentRequest request;
        try {
            PublicKey to = new PublicKey(view.sendTo.getText().trim());
            long micro = Usdc.parseMicro(view.sendAmount.getText());
            if (micro <= 0) {
                throw new IllegalArgumentException("enter an amount above zero");
            }
            request = new PaymentRequest(to, services.wallet().usdcMint(), micro, new PublicKey(WalletKey.generate(new SecureRandom()).address()),
                    "shaga:send");
        } catch (RuntimeException e) {
            model.sendStatus.set("Check the recipient and the amount: " + Formats.problem(e));
            return;
        }
        model.busy.set(true);
        model.sendStatus.set("Computing the network fee…");
        CompletableFuture.supplyAsync(() -> services.wallet().previewPayment(model.address.get(), request), io)
                .whenComplete((preview, error) -> fx.execute(() -> {
                    model.busy.set(false);
                    if (error != null) {
                        model.sendStatus.set("Cannot prepare the payment: " + Formats.problem(error));
                        return;
                    }
                    if (!preview.affordable()) {
                        model.sendStatus.set("Not enough funds: after this payment you would have " + Formats.usdc(preview.tokenAfter())
                                + " and " + Formats.sol(preview.solAfter()) + ".");
                        return;
                    }
                    pendingPreview = preview;
                    view.send.setText("Confirm: send " + Formats.usdc(request.amount()));
                    model.sendStatus.set("Network fee " + Formats.sol(preview.feeLamports() + preview.rentLamports())
                            + (preview.createsRecipientAccount() ? " (includes the recipient's token account)" : "")
                            + ". Balance after: " + Formats.usdc(preview.tokenAfter()) + ".");
                }));
    }

    private void send(PaymentRequest request) {
        model.busy.set(true);
        model.sendStatus.set("Sending and waiting for confirmation…");
        CompletableFuture.supplyAsync(() -> {
            try {
                return services.wallet().payWith(services.key(), request);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("the payment ledger cannot be written: " + e.getMessage(), e);
            }
        }, io).whenComplete((result, error) -> fx.execute(() -> {
            model.busy.set(false);
            resetSend();
            if (error != null) {
                model.sendStatus.set("Not sent: " + Formats.problem(error));
            } else if (result.ok()) {
                model.sendStatus.set("Sent and confirmed in " + result.confirmedMillis() + " ms. Signature " + result.signature().orElse(""));
                view.sendAmount.clear();
                refresh();
            } else {
                model.sendStatus.set("Not sent (" + result.status() + "): " + result.detail());
            }
        }));
    }

    private void openInExplorer(String signature) {
        String url = "https://explorer.solana.com/tx/" + signature + "?cluster=" + switch (services.cluster().name()) {
            case "mainnet-beta" -> "mainnet-beta";
            case "devnet" -> "devnet";
            default -> "custom&customUrl=" + URLEncoder.encode(services.cluster().rpcUrl().toString(), StandardCharsets.UTF_8);
        };
        io.execute(() -> {
            try {
                if (java.awt.Desktop.isDesktopSupported()) {
                    java.awt.Desktop.getDesktop().browse(java.net.URI.create(url));
                    return;
                }
            } catch (Exception e) {
                // fall through to showing the link
            }
            fx.execute(() -> model.sendStatus.set("Open in a browser: " + url));
        });
    }

}
