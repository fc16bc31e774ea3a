package network.shaga.app.cli;

import java.util.Locale;
import network.shaga.app.ui.DesktopApp;

/** Opens the desktop app, or explains why it cannot be opened here. */
final class GuiLauncher {
    private GuiLauncher() {
    }

    static int launch(ShagaCommand root) throws Exception {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        boolean monocle = "Monocle".equals(System.getProperty("glass.platform"));
        boolean linuxLike = !os.contains("win") && !os.contains("mac");
        if (linuxLike && !monocle && isBlank(System.getenv("DISPLAY")) && isBlank(System.getenv("WAYLAND_DISPLAY"))) {
            throw new IllegalStateException("cannot open the desktop app: no display (DISPLAY is not set). "
                    + "Start it from a desktop session, or use a subcommand (shaga --help).");
        }
        new DesktopApp(root.dataDirectory(), VersionProvider.version()).runUntilClosed();
        return ShagaCommand.EXIT_OK;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
