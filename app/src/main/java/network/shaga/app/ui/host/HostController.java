package network.shaga.app.ui.host;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import network.shaga.app.core.Usdc;
import network.shaga.app.directory.GeoPoint;
import network.shaga.app.directory.PublishReport;
import network.shaga.app.directory.SeqCounter;
import network.shaga.app.host.HardwareProbe;
import network.shaga.app.host.HostRuntime;
import network.shaga.app.host.HostSettings;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.session.HostSession;
import network.shaga.app.session.SessionHost;
import network.shaga.app.session.SessionSettings;
import network.shaga.app.stream.SunshineClient;
import network.shaga.app.stream.SunshineCredentials;
import network.shaga.app.stream.SunshineServerInfo;
import network.shaga.app.ui.Formats;
import network.shaga.app.ui.FxThread;
import network.shaga.app.ui.map.WorldMap;
import network.shaga.dht.Ed25519KeyPair;
import org.controlsfx.control.ToggleSwitch;

/**
 * Host mode: this machine's Sunshine and hardware, what it publishes (name, price, location picked on the map), an
 * availability switch that registers it in the directory and sells sessions, the DHT health and the sessions.
 */
public final class HostController {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int HEARTBEAT_SECONDS = 30;

    private final PlayerServices services;
    private final FxThread fx;
    private final Executor io;
    private final ScheduledExecutorService timer;
    private final Path hostDir;
    private final URI sunshineHttp;
    private final URI sunshineApi;
    private final WorldMap map = new WorldMap();
    private final TextField name = new TextField("My gaming PC");
    private final TextField price = new TextField("1.00");
    private final TextField sunshineUser = new TextField();
    private final PasswordField sunshinePassword = new PasswordField();
    private final Label location = new Label("Click the map where this PC is (published to about 5 km).");
    private final Label sunshine = new Label("Looking for Sunshine…");
    private final Label hardware = new Label("Detecting…");
    private final Label health = new Label("Offline.");
    private final ToggleSwitch available = new ToggleSwitch("Available for rent");
    private final ObservableList<String> sessions = FXCollections.observableArrayList();
    private final VBox root = new VBox();
    private GeoPoint picked;
    private SunshineServerInfo sunshineInfo;
    private HardwareProbe.Hardware detected = new HardwareProbe.Hardware("", "", 0);
    private HostRuntime runtime;
    private SessionHost sessionHost;

    /**
     * {@code hostDir} keeps the record's sequence and the session store; {@code sunshineHttp}/{@code sunshineApi} are
     * where this machine's Sunshine answers.
     */
    public HostController(PlayerServices services, FxThread fx, Executor io, ScheduledExecutorService timer, Path hostDir, URI sunshineHttp,
            URI sunshineApi, SunshineCredentials knownCredentials) {
        this.services = services;
        this.fx = fx;
        this.io = io;
        this.timer = timer;
        this.hostDir = hostDir;
        this.sunshineHttp = sunshineHttp;
        this.sunshineApi = sunshineApi;
        if (knownCredentials != null) {
            sunshineUser.setText(knownCredentials.username());
            sunshinePassword.setText(knownCredentials.password());
        }
        build();
        map.setOnLocationPicked(point -> {
            picked = new GeoPoint(point.latitude(), point.longitude());
            map.showPin(point);
            location.setText(String.format("%.3f, %.3f (%s)", picked.lat(), picked.lon(), Formats.region(picked)));
            updateSwitch();
        });
        available.selectedProperty().addListener((obs, was, on) -> {
            if (on && runtime == null) {
                goOnline();
            } else if (!on && runtime != null) {
                goOffline();
            }
        });
    }

    public Parent view() {
        return root;
    }

    /** Detects Sunshine and the hardware, off the FX thread. */
    public void start() {
        CompletableFuture.supplyAsync(HardwareProbe::detect, io).thenAccept(hw -> fx.execute(() -> {
            detected = hw;
            hardware.setText((hw.gpu().isEmpty() ? "GPU unknown" : hw.gpu()) + " · " + hw.cpu() + " · " + hw.ramGb() + " GB");
        }));
        CompletableFuture.supplyAsync(() -> {
            try {
                return new SunshineClient(sunshineHttp, sunshineApi, null).serverInfo();
            } catch (network.shaga.app.stream.SunshineException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, io).whenComplete((info, error) -> fx.execute(() -> {
            if (error != null) {
                sunshine.setText("Sunshine not found at " + sunshineHttp + ". Install it (https://github.com/LizardByte/Sunshine), "
                        + "start it, then come back.");
            } else {
                sunshineInfo = info;
                sunshine.setText("Sunshine " + info.version() + " on " + info.hostname() + " · codecs " + info.codecs()
                        + (info.busy() ? " · streaming now" : ""));
            }
            updateSwitch();
        }));
        map.centerOn(30, 10, 1.35);
    }

    /** Deregisters and stops selling sessions when the app closes or the wallet is locked; completes once offline. */
    public CompletableFuture<Void> stop() {
        return runtime != null ? goOffline() : CompletableFuture.completedFuture(null);
    }

    private void build() {
        root.setId("screen-host");
        name.setId("host-name");
        price.setId("host-price");
        available.setId("host-available");
        health.setId("host-health");
        sunshine.setId("host-sunshine");
        sunshine.setWrapText(true);
        health.setWrapText(true);
        sunshineUser.setPromptText("Sunshine user");
        sunshinePassword.setPromptText("Sunshine password");
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("Price (USDC/h)"), price);
        form.addRow(2, new Label("Location"), location);
        form.addRow(3, new Label("Sunshine"), sunshine);
        form.addRow(4, new Label("Sunshine login"), sunshineUser);
        form.addRow(5, new Label(""), sunshinePassword);
        form.addRow(6, new Label("Hardware"), hardware);
        // The labels keep their width when a long, wrapping status (e.g. "Sunshine not found…") fills the other column.
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        form.getColumnConstraints().addAll(labels, new javafx.scene.layout.ColumnConstraints());
        GridPane.setHgrow(name, Priority.ALWAYS);
        location.setWrapText(true);
        Label sessionsTitle = new Label("Sessions");
        sessionsTitle.getStyleClass().add("card-title");
        ListView<String> sessionList = new ListView<>(sessions);
        sessionList.setId("host-sessions");
        sessionList.setPlaceholder(new Label("No sessions yet."));
        VBox side = new VBox(12, available, health, form, sessionsTitle, sessionList);
        VBox.setVgrow(sessionList, Priority.ALWAYS);
        side.setPadding(new Insets(14));
        side.getStyleClass().add("side-panel");
        SplitPane split = new SplitPane(map.view(), side);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren().add(split);
        updateSwitch();
    }

    private void updateSwitch() {
        available.setDisable(runtime == null && (picked == null || sunshineInfo == null));
    }

    private void goOnline() {
        long priceMicro;
        try {
            priceMicro = Usdc.parseMicro(price.getText());
            if (priceMicro <= 0) {
                throw new IllegalArgumentException("the price must be above zero");
            }
        } catch (IllegalArgumentException e) {
            health.setText("Check the price: " + e.getMessage());
            available.setSelected(false);
            return;
        }
        SunshineCredentials credentials;
        try {
            credentials = new SunshineCredentials(sunshineUser.getText().trim(), sunshinePassword.getText());
        } catch (IllegalArgumentException e) {
            health.setText("Enter the user name and password of Sunshine's web UI: the host submits pairing PINs through it.");
            available.setSelected(false);
            return;
        }
        String hostName = name.getText().strip();
        GeoPoint where = picked;
        SunshineServerInfo info = sunshineInfo;
        health.setText("Publishing…");
        CompletableFuture.supplyAsync(() -> {
            try {
                InetAddress address = services.node().localAddress().getAddress();
                HostSettings settings = new HostSettings(hostName, where, priceMicro, HEARTBEAT_SECONDS,
                        new InetSocketAddress(address, 0), address, services.cluster().name(), detected, info.codecModeSupport(), "1920x1080@60");
                HostRuntime opened = HostRuntime.open(services.node(), Ed25519KeyPair.fromSeed(services.key().seed()),
                        new SeqCounter(hostDir.resolve("seq"), System::currentTimeMillis), settings, Clock.systemUTC(), timer);
                opened.publisher().addListener(report -> fx.execute(() -> showReport(report)));
                SunshineClient client = new SunshineClient(sunshineHttp, sunshineApi, credentials);
                SessionHost selling = SessionHost.start(opened, services.wallet(), services.key(), client,
                        new SessionSettings(priceMicro, SessionSettings.DEFAULT_MAX_MINUTES, Duration.ofMinutes(2), Duration.ofMinutes(2),
                                sunshineHttp.getHost() + ":" + sunshineHttp.getPort()),
                        hostDir.resolve("sessions.db"), Clock.systemUTC(), timer);
                selling.sessions().addListener(session -> fx.execute(() -> showSession(session)));
                return new Object[] {opened, selling};
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, io).whenComplete((parts, error) -> fx.execute(() -> {
            if (error != null) {
                health.setText("Could not go online: " + error.getMessage());
                available.setSelected(false);
                return;
            }
            runtime = (HostRuntime) parts[0];
            sessionHost = (SessionHost) parts[1];
            runtime.register();
            name.setDisable(true);
            price.setDisable(true);
        }));
    }

    private CompletableFuture<Void> goOffline() {
        HostRuntime closing = runtime;
        SessionHost selling = sessionHost;
        runtime = null;
        sessionHost = null;
        health.setText("Going offline…");
        CompletableFuture<Void> offline = CompletableFuture.runAsync(() -> {
            selling.close();
            closing.close();
        }, io);
        offline.whenComplete((ok, error) -> fx.execute(() -> {
            name.setDisable(false);
            price.setDisable(false);
            if (error != null) {
                health.setText("Went offline, but deregistering failed: " + error.getMessage());
            }
            updateSwitch();
        }));
        return offline.exceptionally(error -> null);
    }

    private void showReport(PublishReport report) {
        health.setText(report.ok()
                ? report.status().wire() + " · stored on " + report.recordAcks() + " of " + report.recordAttempted()
                        + " nodes · last " + report.kind().name().toLowerCase(java.util.Locale.ROOT) + " at " + TIME.format(report.at())
                : "The last publish reached no DHT node (" + report.error() + "); retrying at the next heartbeat.");
    }

    private void showSession(HostSession session) {
        String line = session.id().substring(0, 8) + " · " + session.state().wireName() + " · " + session.minutes() + " min · "
                + Formats.usdc(session.paidMicro()) + (session.refundMicro() > 0 ? " · refunded " + Formats.usdc(session.refundMicro()) : "");
        for (int i = 0; i < sessions.size(); i++) {
            if (sessions.get(i).startsWith(session.id().substring(0, 8))) {
                sessions.set(i, line);
                return;
            }
        }
        sessions.add(0, line);
    }

}
