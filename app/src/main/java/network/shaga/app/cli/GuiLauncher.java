package network.shaga.app.cli;

import java.util.Locale;
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
        new DesktopApp(root.dataDirectory(), VersionProvider.version(), null, MoonlightLocator.system(), DesktopApp.HostSetup.localSunshine())
                .runUntilClosed();
        return ShagaCommand.EXIT_OK;
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
