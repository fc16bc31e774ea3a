package network.shaga.app.net;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Parsing and reasoning about {@code host:port} endpoints given on the command line or in settings. */
public final class Endpoints {
    private Endpoints() {
    }

    /** Parses {@code H:P[,H:P...]} ({@code [v6]:P} for IPv6); names are resolved now. */
    public static List<InetSocketAddress> parseList(String text) {
        List<InetSocketAddress> list = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                list.add(parse(part.trim()));
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("expected HOST:PORT[,HOST:PORT...], got '" + text + "'");
        }
        return list;
    }

    public static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number in '" + text + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535 in '" + text + "'");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host '" + host + "'");
        }
    }

    public static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** True when every endpoint is on this machine's loopback (a private test or demo network). */
    public static boolean allLoopback(List<InetSocketAddress> endpoints) {
        return !endpoints.isEmpty() && endpoints.stream().allMatch(e -> e.getAddress() != null && e.getAddress().isLoopbackAddress());
    }

    /** The local address this machine would use to reach {@code peer} (no packet is sent). */
    public static InetAddress localAddressToward(InetSocketAddress peer) {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(peer);
            InetAddress local = socket.getLocalAddress();
            return local.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : local;
        } catch (SocketException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
