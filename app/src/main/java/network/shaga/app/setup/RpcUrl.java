package network.shaga.app.setup;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/** Checks a Solana RPC URL the user typed, before anything is sent to it. */
public final class RpcUrl {
    private RpcUrl() {
    }

    /** The verdict on a typed URL. */
    public sealed interface Check permits Valid, Invalid {
    }

    public record Valid(URI url) implements Check {
    }

    /** {@code reason} says what is wrong, in words the user can act on. */
    public record Invalid(String reason) implements Check {
    }

    /**
     * Accepts {@code https://host[:port][/path]}, and {@code http://} only for this machine or the local network:
     * over the internet an unencrypted RPC node could be impersonated and report false balances and payments.
     */
    public static Check check(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return new Invalid("Enter the RPC URL, e.g. https://my-provider.example/solana");
        }
        URI url;
        try {
            url = new URI(trimmed);
        } catch (URISyntaxException e) {
            return new Invalid("That is not a URL: " + e.getReason() + ".");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return new Invalid("The URL must start with https:// (or http:// for a node on this machine or your network).");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            return new Invalid("The URL has no host name.");
        }
        if (url.getPort() == 0 || url.getPort() > 65535) {
            return new Invalid("The port must be 1–65535.");
        }
        if (url.getRawFragment() != null) {
            return new Invalid("Remove the #… part: RPC URLs have none.");
        }
        if (scheme.equals("http") && !isLocal(host)) {
            return new Invalid("Use https:// for a node on the internet; plain http:// is only for this machine or your local network.");
        }
        return new Valid(url);
    }

    /** Whether {@code host} is this machine or a private network address, judged from its text alone (no DNS). */
    static boolean isLocal(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (!name.matches("[0-9.]+") && !name.startsWith("[")) {
            return false;
        }
        try {
            // Only literal addresses reach here, so this parses and never looks a name up.
            InetAddress address = InetAddress.getByName(name);
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || isUniqueLocalV6(address);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isUniqueLocalV6(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
