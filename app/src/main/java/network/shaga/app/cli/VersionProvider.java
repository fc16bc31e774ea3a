package network.shaga.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Reads the build's version from the jar, so {@code shaga --version} names what is running. */
public final class VersionProvider implements IVersionProvider {
    /** Where to learn about Shaga; sent in the User-Agent of map tile downloads, as OpenStreetMap asks. */
    public static final String PROJECT_URL = "https://shaga.network";

    public static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("/network/shaga/app/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "shaga " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
