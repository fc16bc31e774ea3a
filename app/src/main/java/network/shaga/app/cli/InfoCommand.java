package network.shaga.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga info}: where this installation keeps its data and logs, for support and scripts. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Show the version, the data folder and the log file.")
final class InfoCommand implements Callable<Integer> {
    @ParentCommand
    ShagaCommand root;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        var data = root.dataDirectory();
        ObjectNode info = new ObjectMapper().createObjectNode()
                .put("version", VersionProvider.version())
                .put("data_dir", data.path().toString())
                .put("log_file", data.logs().resolve("shaga.0.log").toString())
                .put("java", System.getProperty("java.version"))
                .put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        var out = root.out();
        if (json) {
            out.println(info.toString());
        } else {
            info.fields().forEachRemaining(field -> out.printf("%-9s %s%n", field.getKey(), field.getValue().asText()));
        }
        return ShagaCommand.EXIT_OK;
    }
}
