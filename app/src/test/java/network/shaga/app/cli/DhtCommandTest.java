package network.shaga.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import network.shaga.app.net.DhtSettings;
import network.shaga.app.net.Endpoints;
import network.shaga.dht.DhtNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code shaga dht ...} against a small private DHT on loopback. */
@Timeout(120)
class DhtCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<DhtNode> NODES = new ArrayList<>();
    private static String bootstrap;

    @TempDir
    Path dir;

    @BeforeAll
    static void startNetwork() throws Exception {
        for (int i = 0; i < 6; i++) {
            List<InetSocketAddress> boot = NODES.isEmpty() ? List.of(new InetSocketAddress("127.0.0.1", 9)) : List.of(NODES.get(0).localAddress());
            DhtNode node = DhtNode.create(DhtSettings.forBootstrap(boot, null, 0, 8, null).build());
            try {
                node.start().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException firstNodeHasNobody) {
                // The first node has nobody to join; the others join through it.
            }
            NODES.add(node);
        }
        bootstrap = Endpoints.format(NODES.get(0).localAddress()) + "," + Endpoints.format(NODES.get(1).localAddress());
    }

    @AfterAll
    static void stopNetwork() {
        NODES.forEach(DhtNode::close);
    }

    private record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return JSON.readTree(out);
        }
    }

    private Run shaga(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = ShagaCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void signedPutThenVerifiedGet() throws Exception {
        Path key = Files.writeString(dir.resolve("key.hex"), "11".repeat(32));
        Run put = shaga("dht", "put", "--key", key.toString(), "--salt", "cli-test", "--seq", "7", "--value", "hello",
                "--bootstrap", bootstrap, "--json");
        assertThat(put.code()).as(put.err()).isZero();
        JsonNode stored = put.json();
        assertThat(stored.get("acks").asInt()).isPositive();
        assertThat(stored.get("seq").asLong()).isEqualTo(7);

        Run get = shaga("dht", "get", "--pubkey", stored.get("pubkey").asText(), "--salt", "cli-test", "--bootstrap", bootstrap, "--json");
        assertThat(get.code()).as(get.err()).isZero();
        assertThat(get.json().get("value").asText()).isEqualTo("hello");
        assertThat(get.json().get("seq").asLong()).isEqualTo(7);
        assertThat(get.json().get("verified").asBoolean()).isTrue();

        Run other = shaga("dht", "get", "--pubkey", stored.get("pubkey").asText(), "--salt", "another-salt", "--bootstrap", bootstrap, "--json");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.json().get("found").asBoolean()).isFalse();
    }

    @Test
    void immutablePutAndGet() throws Exception {
        Run put = shaga("dht", "put", "--immutable", "--value", "immutable hello", "--bootstrap", bootstrap, "--json");
        assertThat(put.code()).as(put.err()).isZero();
        Run get = shaga("dht", "get", "--target", put.json().get("target").asText(), "--bootstrap", bootstrap, "--json");
        assertThat(get.json().get("value").asText()).isEqualTo("immutable hello");
    }

    @Test
    void announceThenPeersThenRemoveWithTtlZero() throws Exception {
        String infohash = "ab".repeat(20);
        assertThat(shaga("dht", "announce", "--infohash", infohash, "--port", "4242", "--bootstrap", bootstrap, "--json").code()).isZero();
        Run peers = shaga("dht", "peers", "--infohash", infohash, "--bootstrap", bootstrap, "--json");
        assertThat(peers.json().get("peers").toString()).contains("127.0.0.1:4242");
        assertThat(shaga("dht", "announce", "--infohash", infohash, "--port", "4242", "--ttl", "0", "--bootstrap", bootstrap).code()).isZero();
        assertThat(shaga("dht", "peers", "--infohash", infohash, "--bootstrap", bootstrap, "--json").json().get("peers")).isEmpty();
    }

    @Test
    void pingReportsTheRoundTrip() throws Exception {
        Run ping = shaga("dht", "ping", "--node", Endpoints.format(NODES.get(2).localAddress()), "--bootstrap", bootstrap, "--json");
        assertThat(ping.code()).as(ping.err()).isZero();
        assertThat(ping.json().get("rtt_ms").asDouble()).isPositive();
    }

    @Test
    void badArgumentsAreUsageErrorsOrClearFailures() throws Exception {
        assertThat(shaga("dht", "peers", "--infohash", "ab".repeat(20), "--bootstrap", "nohost").code()).isEqualTo(2);
        assertThat(shaga("dht", "peers", "--infohash", "ab".repeat(20)).code()).isEqualTo(2);
        Run shortHash = shaga("dht", "peers", "--infohash", "abcd", "--bootstrap", bootstrap);
        assertThat(shortHash.code()).isEqualTo(1);
        assertThat(shortHash.err()).contains("--infohash must be 20 bytes in hex");
        Run noKey = shaga("dht", "put", "--value", "x", "--bootstrap", bootstrap);
        assertThat(noKey.err()).contains("needs --key");
        Path junk = Files.writeString(dir.resolve("junk.json"), "[1,2,3]");
        Run badKey = shaga("dht", "put", "--key", junk.toString(), "--value", "x", "--bootstrap", bootstrap);
        assertThat(badKey.code()).isEqualTo(1);
        assertThat(badKey.err()).contains("expected a JSON array of 64 numbers");
    }
}
