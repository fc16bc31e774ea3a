package network.shaga.app.ui.start;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import network.shaga.app.host.HardwareProbe;
import network.shaga.app.stream.SunshineClient;
import network.shaga.app.stream.SunshineException;
import network.shaga.app.stream.SunshineServerInfo;
import network.shaga.app.ui.FxThread;

/**
 * The first run's hosting step: "I also want to host" looks for Sunshine and the hardware (the same probes Host mode
 * uses), in the background, so the user knows what is missing before they go online.
 */
final class HostingStep {
    private final FxThread fx;
    private final Executor io;
    private final URI sunshineHttp;
    private final URI sunshineApi;
    private final CheckBox wantToHost = new CheckBox("I also want to rent out this PC (host)");
    private final Label sunshine = new Label();
    private final Label hardware = new Label();
    private final VBox root;
    private boolean probed;

    HostingStep(FxThread fx, Executor io, URI sunshineHttp, URI sunshineApi) {
        this.fx = fx;
        this.io = io;
        this.sunshineHttp = sunshineHttp;
        this.sunshineApi = sunshineApi;
        wantToHost.setId("want-host");
        sunshine.setId("host-detect-sunshine");
        sunshine.setWrapText(true);
        sunshine.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        hardware.setId("host-detect-hardware");
        hardware.getStyleClass().add("muted");
        Label about = new Label("Hosts run Sunshine, the open-source game-stream server, and earn USDC for every minute rented. "
                + "You pick the price and the place on the map in Host mode, and go online with one switch.");
        about.setWrapText(true);
        about.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        about.getStyleClass().add("muted");
        VBox found = new VBox(6, sunshine, hardware);
        found.visibleProperty().bind(wantToHost.selectedProperty());
        found.managedProperty().bind(wantToHost.selectedProperty());
        wantToHost.selectedProperty().addListener((obs, was, on) -> {
            if (on && !probed) {
                probed = true;
                detect();
            }
        });
        root = new VBox(14, about, wantToHost, found);
    }

    Node view() {
        return root;
    }

    boolean wantsToHost() {
        return wantToHost.isSelected();
    }

    private void detect() {
        sunshine.setText("Looking for Sunshine at " + sunshineHttp + "…");
        hardware.setText("Detecting the hardware…");
        CompletableFuture.supplyAsync(() -> {
            try {
                return new SunshineClient(sunshineHttp, sunshineApi, null).serverInfo();
            } catch (SunshineException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, io).whenComplete((info, error) -> fx.execute(() -> showSunshine(info, error)));
        CompletableFuture.supplyAsync(HardwareProbe::detect, io).thenAccept(hw -> fx.execute(() -> hardware.setText(
                (hw.gpu().isEmpty() ? "GPU unknown" : hw.gpu()) + " · " + (hw.cpu().isEmpty() ? "CPU unknown" : hw.cpu()) + " · "
                        + hw.ramGb() + " GB RAM")));
    }

    private void showSunshine(SunshineServerInfo info, Throwable error) {
        if (error != null) {
            sunshine.getStyleClass().setAll("label", "start-warning");
            sunshine.setText("Sunshine is not running at " + sunshineHttp + ". Install it from https://github.com/LizardByte/Sunshine and "
                    + "start it; you can finish here now and set hosting up later in Host mode.");
            return;
        }
        sunshine.getStyleClass().setAll("label", "start-ok");
        sunshine.setText("✓ Sunshine " + info.version() + " on " + info.hostname() + " · codecs " + info.codecs());
    }
}
