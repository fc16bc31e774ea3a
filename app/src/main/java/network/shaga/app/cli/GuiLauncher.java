package network.shaga.app.cli;

import java.net.InetAddress;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import network.shaga.app.net.DhtSettings;
import network.shaga.app.ui.map.OnlineTiles;
import network.shaga.app.ui.map.OsmTileDownloader;
import network.shaga.app.ui.start.StartOptions;
import java.util.Optional;
import java.util.function.Function;
import network.shaga.app.stream.MoonlightLocator;
import network.shaga.app.ui.DesktopApp;

/** Opens the desktop app, or explains why it cannot be opened here. */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static int launch(ShagaCommand root) throws Exception {
        Optional<String> problem = displayProblem(System.getProperty("os.name", ""), System::getenv,
                "Monocle".equals(System.getProperty("glass.platform")));
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
        DesktopApp.withSignIn(root.dataDirectory(), VersionProvider.version(), publicNetwork(VersionProvider.version()), MoonlightLocator.system(),
                DesktopApp.HostSetup.localSunshine()).runUntilClosed();
        return ShagaCommand.EXIT_OK;
    }

    /**
     * What plain {@code shaga} joins: the public mainline DHT through its well-known routers (DESIGN.md §8), and
     * OpenStreetMap tiles (cached in the data folder) when the settings allow them.
     */
    static StartOptions publicNetwork(String version) {
        String userAgent = OsmTileDownloader.userAgent(version, VersionProvider.PROJECT_URL);
        return new StartOptions(DhtSettings.PUBLIC_BOOTSTRAP, InetAddress::getByName, Optional.of(dataDirectory -> OnlineTiles.openStreetMap(
                dataDirectory.resolve(OnlineTiles.CACHE_FOLDER), OnlineTiles.DEFAULT_CACHE_BYTES, userAgent, tileThreads())));
    }

    /** Two threads: OpenStreetMap allows two parallel downloads per client, and cache reads are quick. */
    private static ExecutorService tileThreads() {
        return Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "shaga-map-tiles");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Why no window can be opened here, if that is so: on X11/Wayland systems, a missing display. */
    static Optional<String> displayProblem(String osName, Function<String, String> env, boolean headlessToolkit) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean linuxLike = !os.contains("win") && !os.contains("mac");
        if (linuxLike && !headlessToolkit && isBlank(env.apply("DISPLAY")) && isBlank(env.apply("WAYLAND_DISPLAY"))) {
            return Optional.of("cannot open the desktop app: no display (DISPLAY is not set). "
                    + "Start it from a desktop session, or use a subcommand (shaga --help).");
        }
        return Optional.empty();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
