package network.shaga.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import network.shaga.app.demo.DemoWorld;
import network.shaga.app.demo.SunshineStandIn;
import network.shaga.app.stream.SunshineCredentials;
import network.shaga.app.net.Endpoints;
import network.shaga.app.player.PlayerServices;
import network.shaga.app.stream.MoonlightLocator;
import network.shaga.app.ui.DesktopApp;
import network.shaga.app.ui.perf.FxResponsiveness;
import network.shaga.app.ui.perf.UiWarmup;
import network.shaga.wallet.keystore.Keystore;
import network.shaga.wallet.keystore.KeystoreContent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga demo}: the whole marketplace on this machine, no internet needed, then the desktop app in Play mode. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start a self-contained world on this machine — a local Solana cluster, a private DHT, a dozen hosts",
            "around the globe and a wallet with test USDC — and open the desktop app on it. Nothing touches the internet."})
final class DemoCommand implements Callable<Integer> {
    /** The demo wallet's password, shown to the user: it protects test money only. */
    static final String DEMO_PASSWORD = "shaga-demo";

    @ParentCommand
    ShagaCommand root;

    @Option(names = "--headless", description = "Run the world without opening the window (until Ctrl-C); prints how to reach it.")
    boolean headless;

    @Option(names = "--fx-watchdog", description = {"Measure how long the window's UI thread is ever blocked, log every stall over 50 ms",
        "with its stack, and write a JSON summary to the logs folder when the window closes (docs/benchmarks.md)."})
    boolean fxWatchdog;

    @Override
    public Integer call() throws Exception {
        if (!headless) {
            Optional<String> problem = GuiLauncher.displayProblem(System.getProperty("os.name", ""), System::getenv,
                    "Monocle".equals(System.getProperty("glass.platform")));
            if (problem.isPresent()) {
                throw new IllegalStateException(problem.get() + " To run the demo without a window: shaga demo --headless");
            }
        }
        Path work = root.dataDirectory().resolve("demo");
        deleteRecursively(work);
        Files.createDirectories(work);
        long started = System.nanoTime();
        // The window's code is warmed up on a copy no one sees while the world starts (see UiWarmup).
        UiWarmup warmup = headless ? null : UiWarmup.start();
        DemoWorld world;
        try {
            world = DemoWorld.start(work, step -> root.err().println("demo: " + step));
        } catch (Exception | Error e) {
            if (warmup != null) {
                warmup.close();
            }
            throw e;
        }
        PlayerServices player = null;
        try {
            Keystore.withDefaults().save(work.resolve(PlayerServices.KEYSTORE_FILE), DEMO_PASSWORD.toCharArray(), KeystoreContent.of(world.player()));
            player = PlayerServices.openInFolder(world.dht().addNode(), PlayerServices.localnet(world.rpcUrl()), Optional.of(world.usdcMint()),
                    world.player(), work);
            root.err().printf("demo: ready in %.1f s — wallet %s (password \"%s\"), RPC %s, DHT %s%n",
                    (System.nanoTime() - started) / 1e9, world.player().address(), DEMO_PASSWORD, world.rpcUrl(),
                    String.join(",", world.dht().bootstrap().stream().map(Endpoints::format).toList()));
            if (headless) {
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "shaga-demo-stop"));
                root.err().println("demo: running headless; try: shaga hosts --bootstrap "
                        + Endpoints.format(world.dht().bootstrap().get(0)) + " --bbox -90,-180,90,180   (Ctrl-C to stop)");
                stop.await();
            } else {
                // "This machine" gets a Sunshine stand-in too, so Host mode can go online and sell sessions in the demo.
                try (SunshineStandIn ownSunshine = new SunshineStandIn(work)) {
                    DesktopApp app = new DesktopApp(root.dataDirectory(), VersionProvider.version(), player, MoonlightLocator.system(),
                            new DesktopApp.HostSetup(ownSunshine.httpBase(), ownSunshine.webApiBase(),
                                    new SunshineCredentials(SunshineStandIn.USER, SunshineStandIn.PASSWORD)));
                    if (fxWatchdog) {
                        Path summary = FxResponsiveness.defaultSummaryFile(root.dataDirectory().logs());
                        root.err().println("demo: watching the UI thread; summary at exit: " + summary);
                        app.watchFxThread(summary);
                    }
                    warmup.close();
                    app.runUntilClosed();
                }
            }
        } finally {
            if (warmup != null) {
                warmup.close();
            }
            if (player != null) {
                player.close();
            }
            world.close();
        }
        return ShagaCommand.EXIT_OK;
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
