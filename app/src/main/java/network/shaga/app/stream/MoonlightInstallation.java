package network.shaga.app.stream;

import java.util.List;

/** How to run Moonlight on this machine: the command prefix (binary, or {@code flatpak run ...}) and where it was found. */
public record MoonlightInstallation(List<String> command, String foundAt) {
    public MoonlightInstallation {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty Moonlight command");
        }
    }
}
