package network.shaga.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import network.shaga.app.core.DataDirectory;
import network.shaga.app.core.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root {@code shaga} command: global options, subcommands, and the GUI when no subcommand is given. */
@Command(
        name = "shaga",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Peer-to-peer cloud gaming: find a gaming PC on the map, pay in USDC, stream with Moonlight.",
            "Without a subcommand, opens the desktop app."
        },
        subcommands = {CommandLine.HelpCommand.class, InfoCommand.class, NodeCommand.class, DhtCommand.class, HostCommand.class,
            HostsCommand.class, PlayCommand.class, LocalnetCommand.class, DemoCommand.class,
            WalletCommand.class, PayCommand.class, VerifyCommand.class, SimCommand.class, BenchUiCommand.class, FuzzCommand.class},
        scope = ScopeType.INHERIT)
public final class ShagaCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger(ShagaCommand.class.getName());
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Where Shaga keeps its wallet, ledger, DHT state and logs (default: the per-OS data folder).")
    Path dataDirOverride;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log debug output to stderr and show stack traces on errors.")
    boolean verbose;

    private DataDirectory dataDirectory;
    private PrintWriter out;
    private PrintWriter err;

    /** Runs the command line and returns the process exit code: 0 ok, 1 failure, 2 bad usage. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ShagaCommand root = new ShagaCommand();
        CommandLine cli = new CommandLine(root);
        root.out = new PrintWriter(out, true);
        root.err = new PrintWriter(err, true);
        cli.setOut(root.out);
        cli.setErr(root.err);
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            LOG.log(System.Logger.Level.ERROR, "command failed: " + String.join(" ", args), exception);
            PrintWriter writer = commandLine.getErr();
            writer.println("shaga: error: " + describe(exception));
            if (root.verbose) {
                exception.printStackTrace(writer);
            } else {
                writer.println("(run again with --verbose for details; the log is in the data folder under logs/)");
            }
            return EXIT_FAILURE;
        });
        cli.setParameterExceptionHandler((exception, arguments) -> {
            PrintWriter writer = exception.getCommandLine().getErr();
            writer.println("shaga: " + exception.getMessage());
            writer.println("Try '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_USAGE;
        });
        cli.setExecutionStrategy(parseResult -> {
            Integer helpExit = CommandLine.executeHelpRequest(parseResult);
            if (helpExit != null) {
                return helpExit;
            }
            try {
                root.dataDirectory();
            } catch (IOException e) {
                throw new CommandLine.ExecutionException(cli, e.getMessage(), e);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cli.execute(args);
    }

    private static String describe(Throwable exception) {
        Throwable shown = exception;
        while (shown.getMessage() == null && shown.getCause() != null) {
            shown = shown.getCause();
        }
        return shown.getMessage() != null ? shown.getMessage() : shown.getClass().getSimpleName();
    }

    /** The data directory, created and with logging configured on first use. */
    public DataDirectory dataDirectory() throws IOException {
        if (dataDirectory == null) {
            dataDirectory = DataDirectory.open(dataDirOverride);
            Logging.configure(dataDirectory, verbose);
        }
        return dataDirectory;
    }

    /** Where commands print their results. */
    public PrintWriter out() {
        return out;
    }

    /** Where commands print progress and errors. */
    public PrintWriter err() {
        return err;
    }

    public boolean verbose() {
        return verbose;
    }

    @Override
    public Integer call() throws Exception {
        return GuiLauncher.launch(this);
    }
}
