package network.shaga.app.setup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The desktop app's settings file ({@code settings.json} in the data folder): small JSON, replaced atomically so a
 * crash mid-write leaves the old or the new file, never half of one.
 */
public final class SettingsFile {
    public static final String FILE_NAME = "settings.json";
    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final System.Logger LOG = System.getLogger(SettingsFile.class.getName());

    private final Path file;

    public SettingsFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** What reading the file found. */
    public sealed interface Loaded permits Missing, Found, Unreadable {
    }

    /** No settings yet: the first run has not been completed. */
    public record Missing() implements Loaded {
    }

    public record Found(AppSettings settings) implements Loaded {
    }

    /** The file exists but cannot be used; {@code message} names the file, what is wrong and what to do. */
    public record Unreadable(String message) implements Loaded {
    }

    public Loaded load() {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (IOException e) {
            return new Unreadable("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return new Found(parse(JSON.readTree(raw)));
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return new Unreadable("the settings file " + file + " is damaged (" + e.getMessage()
                    + "); delete it to run the first-run setup again (the wallet is kept)");
        }
    }

    private static AppSettings parse(JsonNode root) throws URISyntaxException {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode version = root.path("version");
        if (!version.isInt()) {
            throw new IllegalArgumentException("no version");
        }
        if (version.intValue() != VERSION) {
            throw new IllegalArgumentException("version " + version.intValue() + " is not supported by this Shaga (it reads " + VERSION + ")");
        }
        JsonNode cluster = root.path("cluster");
        if (!cluster.isTextual()) {
            throw new IllegalArgumentException("no cluster");
        }
        JsonNode rpc = root.path("rpcUrl");
        Optional<URI> rpcUrl = rpc.isTextual() ? Optional.of(new URI(rpc.asText())) : Optional.empty();
        return new AppSettings(cluster.asText(), rpcUrl, root.path("hosting").asBoolean(false), root.path("onlineMapTiles").asBoolean(true));
    }

    /** Writes {@code settings}: a temporary file next to the target, flushed to disk, then renamed over it. */
    public void save(AppSettings settings) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("cluster", settings.cluster());
        settings.rpcUrl().ifPresent(url -> root.put("rpcUrl", url.toString()));
        root.put("hosting", settings.hosting());
        root.put("onlineMapTiles", settings.onlineMapTiles());
        byte[] bytes;
        try {
            bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain nodes always serialises", e);
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            if (Files.deleteIfExists(tmp)) {
                LOG.log(System.Logger.Level.DEBUG, "removed the unused temporary file " + tmp);
            }
        }
    }
}
