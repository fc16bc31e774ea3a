package network.shaga.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import network.shaga.app.stream.SunshineClient;
import network.shaga.app.stream.SunshineCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for Sunshine, for the demo's hosts and for tests, where no real Sunshine can run: the same {@code /serverinfo} and admin web API (HTTPS with a self-signed
 * certificate and Basic auth), including the rule that {@code /api/pin} only succeeds while a Moonlight client is
 * waiting to pair. The Moonlight side of pairing (a certificate exchange in real life) is reduced to plain HTTP
 * calls that the {@code moonlight-standin.sh} script makes: {@code /standin/pair}, {@code /standin/pairstatus},
 * {@code /standin/paired}, {@code /standin/launch}, {@code /standin/streaming}.
 */
public final class SunshineStandIn implements AutoCloseable {
    public static final String USER = "sunshine";
    public static final String PASSWORD = "test-password";

    private final HttpServer http;
    private final HttpsServer https;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Pending> pending = new HashMap<>();
    private final Map<String, String> pairStatus = new HashMap<>();
    private final Map<String, String> paired = new LinkedHashMap<>();
    private String streamingClient;
    private int pinCalls;
    private boolean refuseAllPins;

    private record Pending(String pin, String deviceName) {
    }

    public SunshineStandIn(Path workDir) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        http = HttpServer.create(new InetSocketAddress(loopback, 0), 16);
        http.createContext("/serverinfo", this::serverInfo);
        http.createContext("/standin/", this::standin);
        http.setExecutor(Executors.newFixedThreadPool(4));
        https = HttpsServer.create(new InetSocketAddress(loopback, 0), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(selfSigned(workDir)));
        https.createContext("/api/", this::api);
        https.setExecutor(Executors.newFixedThreadPool(4));
        http.start();
        https.start();
    }

    public URI httpBase() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    public URI webApiBase() {
        return URI.create("https://localhost:" + https.getAddress().getPort());
    }

    /** The host argument Moonlight (the stand-in) is given to reach this server. */
    public String moonlightHost() {
        return "127.0.0.1:" + http.getAddress().getPort();
    }

    public SunshineClient client() {
        return new SunshineClient(httpBase(), webApiBase(), new SunshineCredentials(USER, PASSWORD));
    }

    public synchronized Map<String, String> pairedClients() {
        return Map.copyOf(paired);
    }

    public synchronized boolean streaming() {
        return streamingClient != null;
    }

    public synchronized int pinCalls() {
        return pinCalls;
    }

    /** Makes every /api/pin fail as when pairing breaks (a wrong PIN, a Sunshine bug). */
    public synchronized void refuseAllPins() {
        refuseAllPins = true;
    }

    @Override
    public void close() {
        http.stop(0);
        https.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
        ((java.util.concurrent.ExecutorService) https.getExecutor()).shutdownNow();
    }

    private synchronized void serverInfo(HttpExchange exchange) throws IOException {
        String state = streamingClient != null ? "SUNSHINE_SERVER_BUSY" : "SUNSHINE_SERVER_FREE";
        String xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<root status_code=\"200\">"
                + "<hostname>test-rig</hostname><appversion>7.1.431.-1</appversion><GfeVersion>3.23.0.74</GfeVersion>"
                + "<uniqueid>5E1F8A00-0000-4000-8000-000000000001</uniqueid><HttpsPort>47984</HttpsPort>"
                + "<ExternalPort>47989</ExternalPort><MaxLumaPixelsHEVC>1869449984</MaxLumaPixelsHEVC>"
                + "<ServerCodecModeSupport>66305</ServerCodecModeSupport><PairStatus>0</PairStatus>"
                + "<currentgame>" + (streamingClient != null ? 1 : 0) + "</currentgame><state>" + state + "</state></root>";
        respond(exchange, 200, "application/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private void standin(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        String id = query.getOrDefault("uniqueid", "");
        String path = exchange.getRequestURI().getPath();
        String answer;
        synchronized (this) {
            switch (path) {
                case "/standin/pair" -> {
                    pending.put(id, new Pending(query.getOrDefault("pin", ""), query.getOrDefault("devicename", "moonlight")));
                    pairStatus.put(id, "pending");
                    answer = "pending";
                }
                case "/standin/pairstatus" -> answer = pairStatus.getOrDefault(id, "none");
                case "/standin/paired" -> answer = paired.containsKey(id) ? "yes" : "no";
                case "/standin/launch" -> {
                    if (!paired.containsKey(id)) {
                        answer = "not-paired";
                    } else {
                        streamingClient = id;
                        answer = "streaming";
                    }
                }
                case "/standin/streaming" -> answer = id.equals(streamingClient) ? "yes" : "no";
                default -> answer = "unknown";
            }
        }
        respond(exchange, 200, "text/plain", answer.getBytes(StandardCharsets.UTF_8));
    }

    private void api(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Sunshine Gamestream Host\"");
            respond(exchange, 401, "text/plain", new byte[0]);
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            body = bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        } catch (IOException e) {
            respondJson(exchange, 400, json.createObjectNode().put("status", false).put("error", "bad json"));
            return;
        }
        ObjectNode out = json.createObjectNode();
        synchronized (this) {
            switch (method + " " + path) {
                case "POST /api/pin" -> {
                    pinCalls++;
                    String pin = body.path("pin").asText();
                    Map.Entry<String, Pending> waiting = pending.entrySet().stream().findFirst().orElse(null);
                    if (waiting == null) {
                        out.put("status", false);
                    } else {
                        pending.remove(waiting.getKey());
                        boolean ok = !refuseAllPins && waiting.getValue().pin().equals(pin);
                        pairStatus.put(waiting.getKey(), ok ? "paired" : "failed");
                        if (ok) {
                            paired.put(waiting.getKey(), body.path("name").asText(waiting.getValue().deviceName()));
                        }
                        out.put("status", true);
                    }
                }
                case "GET /api/clients/list" -> {
                    ArrayNode certs = out.putArray("named_certs");
                    paired.forEach((uuid, name) -> certs.addObject().put("name", name).put("uuid", uuid));
                    out.put("status", true);
                }
                case "POST /api/clients/unpair" -> {
                    String uuid = body.path("uuid").asText();
                    boolean had = paired.remove(uuid) != null;
                    if (uuid.equals(streamingClient)) {
                        streamingClient = null;
                    }
                    out.put("status", had);
                }
                case "POST /api/apps/close" -> {
                    streamingClient = null;
                    out.put("status", true);
                }
                default -> {
                    respondJson(exchange, 404, json.createObjectNode().put("status_code", 404).put("error", "Not Found"));
                    return;
                }
            }
        }
        respondJson(exchange, 200, out);
    }

    private void respondJson(HttpExchange exchange, int code, JsonNode body) throws IOException {
        respond(exchange, code, "application/json", json.writeValueAsBytes(body));
    }

    private static void respond(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** The certificate every stand-in of this process serves; made once, since each keytool run starts a JVM (≈ 1 s). */
    private static SSLContext sharedTls;

    /**
     * A self-signed certificate for "localhost", made with the JDK's keytool like Sunshine makes its own. All stand-ins
     * of a process share it: the app accepts any self-signed certificate on loopback and pins none, so one per host
     * would only cost the demo a second of start-up per host.
     */
    private static synchronized SSLContext selfSigned(Path workDir) throws Exception {
        if (sharedTls == null) {
            sharedTls = newSelfSigned(workDir);
        }
        return sharedTls;
    }

    private static SSLContext newSelfSigned(Path workDir) throws Exception {
        Path store = workDir.resolve("sunshine-test-" + UUID.randomUUID() + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "sunshine", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
