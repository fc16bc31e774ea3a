package network.shaga.app;

import network.shaga.app.cli.ShagaCommand;

/** Entry point of the {@code shaga} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ShagaCommand.run(args, System.out, System.err));
    }
}
