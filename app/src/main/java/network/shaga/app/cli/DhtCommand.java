package network.shaga.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import network.shaga.app.net.Endpoints;
import network.shaga.dht.Bencode;
import network.shaga.dht.DhtNode;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.dht.MutableItem;
import network.shaga.dht.StoreResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code shaga dht ...}: one DHT operation from a short-lived node, for operators and interop checks. */
@Command(name = "dht", mixinStandardHelpOptions = true,
        description = "Query and store on the DHT: ping, put, get, announce, peers.",
        subcommands = {DhtCommand.Ping.class, DhtCommand.Put.class, DhtCommand.Get.class, DhtCommand.Announce.class, DhtCommand.Peers.class})
final class DhtCommand {
    private static final HexFormat HEX = HexFormat.of();

    @ParentCommand
    ShagaCommand root;

    /** Shared by the subcommands: output and the way to the DHT. */
    abstract static class Operation implements Callable<Integer> {
        @ParentCommand
        DhtCommand parent;

        @ArgGroup(exclusive = false, multiplicity = "1")
        DhtOptions dht;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        abstract int run(DhtNode node) throws Exception;

        @Override
        public Integer call() throws Exception {
            try (DhtNode node = dht.join()) {
                return run(node);
            }
        }

        <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
            try {
                return future.get(dht.timeoutSeconds, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("no answer from the DHT within " + dht.timeoutSeconds + " s");
            }
        }

        void print(ObjectNode result, String text) {
            parent.root.out().println(json ? result.toString() : text);
        }
    }

    @Command(name = "ping", mixinStandardHelpOptions = true, description = "Ping one node and print the round-trip time.")
    static final class Ping extends Operation {
        @Option(names = "--node", paramLabel = "H:P", required = true, description = "The node to ping.")
        String target;

        @Override
        int run(DhtNode node) throws Exception {
            InetSocketAddress address = Endpoints.parse(target);
            Duration rtt = await(node.ping(address));
            double ms = rtt.toNanos() / 1e6;
            print(Json.mapper().createObjectNode().put("node", Endpoints.format(address)).put("rtt_ms", ms),
                    String.format("%s answered in %.2f ms", Endpoints.format(address), ms));
            return ShagaCommand.EXIT_OK;
        }
    }

    @Command(name = "put", mixinStandardHelpOptions = true,
            description = "Store a value: signed (BEP 44 mutable, with --key) or immutable (--immutable).")
    static final class Put extends Operation {
        @Option(names = "--key", paramLabel = "FILE", description = "ed25519 key: a Solana keypair JSON file or a hex seed file.")
        Path keyFile;

        @Option(names = "--immutable", description = "Store an immutable item under SHA1 of the value.")
        boolean immutable;

        @Option(names = "--salt", paramLabel = "TEXT", defaultValue = "", description = "Salt (at most 64 bytes).")
        String salt;

        @Option(names = "--seq", paramLabel = "N", description = "Sequence number (default: now in milliseconds).")
        Long seq;

        @Option(names = "--value", paramLabel = "TEXT", description = "The value, stored as a bencoded string.")
        String value;

        @Option(names = "--value-hex", paramLabel = "HEX", description = "The value, already bencoded, in hex.")
        String valueHex;

        @Option(names = "--ttl", paramLabel = "S", description = "Seconds Shaga nodes keep it (other nodes ignore this).")
        Long ttl;

        @Override
        int run(DhtNode node) throws Exception {
            byte[] v = valueBytes(value, valueHex);
            StoreResult result;
            ObjectNode out = Json.mapper().createObjectNode();
            if (immutable) {
                result = await(node.putImmutable(v));
            } else {
                if (keyFile == null) {
                    throw new IllegalArgumentException("a mutable put needs --key FILE (or use --immutable)");
                }
                Ed25519KeyPair key = KeyFile.read(keyFile);
                long sequence = seq != null ? seq : System.currentTimeMillis();
                MutableItem item = MutableItem.sign(key, salt.getBytes(StandardCharsets.UTF_8), sequence, v);
                result = await(node.put(item, null, ttl == null ? null : Duration.ofSeconds(ttl)));
                out.put("pubkey", HEX.formatHex(key.publicKey())).put("salt", salt).put("seq", sequence);
            }
            out.put("target", result.target().toString()).put("acks", result.acks()).put("attempted", result.attempted());
            print(out, "stored " + result.target() + " on " + result.acks() + " of " + result.attempted() + " nodes");
            return result.acks() > 0 ? ShagaCommand.EXIT_OK : ShagaCommand.EXIT_FAILURE;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true,
            description = "Fetch a value: signed (--pubkey, verified) or immutable (--target, hash checked).")
    static final class Get extends Operation {
        @Option(names = "--pubkey", paramLabel = "HEX", description = "The signer's 32-byte public key in hex.")
        String pubkey;

        @Option(names = "--salt", paramLabel = "TEXT", defaultValue = "", description = "Salt the item was stored with.")
        String salt;

        @Option(names = "--target", paramLabel = "HEX", description = "An immutable item's 20-byte target in hex.")
        String target;

        @Override
        int run(DhtNode node) throws Exception {
            ObjectNode out = Json.mapper().createObjectNode();
            byte[] v;
            if (pubkey != null) {
                Optional<MutableItem> item = await(node.get(hex(pubkey, 32, "--pubkey"), salt.getBytes(StandardCharsets.UTF_8)));
                if (item.isEmpty()) {
                    return notFound(out);
                }
                v = item.get().value();
                out.put("pubkey", pubkey).put("salt", salt).put("seq", item.get().seq()).put("verified", item.get().verify());
            } else if (target != null) {
                Optional<byte[]> item = await(node.getImmutable(hex(target, 20, "--target")));
                if (item.isEmpty()) {
                    return notFound(out);
                }
                v = item.get();
                out.put("target", target).put("verified", true);
            } else {
                throw new IllegalArgumentException("give --pubkey HEX (signed item) or --target HEX (immutable item)");
            }
            out.put("found", true).put("value_hex", HEX.formatHex(v));
            describeValue(v).ifPresent(text -> out.put("value", text));
            print(out, out.has("value") ? out.get("value").asText() : HEX.formatHex(v));
            return ShagaCommand.EXIT_OK;
        }

        private int notFound(ObjectNode out) {
            print(out.put("found", false), "not found");
            return ShagaCommand.EXIT_FAILURE;
        }
    }

    @Command(name = "announce", mixinStandardHelpOptions = true,
            description = "Announce a port under an infohash (BEP 5); --ttl 0 removes it from Shaga nodes.")
    static final class Announce extends Operation {
        @Option(names = "--infohash", paramLabel = "HEX", required = true, description = "20-byte infohash in hex.")
        String infohash;

        @Option(names = "--port", paramLabel = "P", required = true, description = "The port to announce.")
        int port;

        @Option(names = "--ttl", paramLabel = "S", description = "Seconds Shaga nodes keep it; 0 removes it.")
        Long ttl;

        @Override
        int run(DhtNode node) throws Exception {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--port must be 1-65535");
            }
            StoreResult result = await(node.announce(hex(infohash, 20, "--infohash"), port, ttl == null ? null : Duration.ofSeconds(ttl)));
            print(Json.mapper().createObjectNode().put("infohash", infohash).put("port", port).put("acks", result.acks())
                    .put("attempted", result.attempted()),
                    "announced on " + result.acks() + " of " + result.attempted() + " nodes");
            return result.acks() > 0 ? ShagaCommand.EXIT_OK : ShagaCommand.EXIT_FAILURE;
        }
    }

    @Command(name = "peers", mixinStandardHelpOptions = true, description = "List the peers announced under an infohash (BEP 5).")
    static final class Peers extends Operation {
        @Option(names = "--infohash", paramLabel = "HEX", required = true, description = "20-byte infohash in hex.")
        String infohash;

        @Override
        int run(DhtNode node) throws Exception {
            List<InetSocketAddress> peers = await(node.getPeers(hex(infohash, 20, "--infohash")));
            ObjectNode out = Json.mapper().createObjectNode().put("infohash", infohash);
            ArrayNode list = out.putArray("peers");
            peers.forEach(peer -> list.add(Endpoints.format(peer)));
            print(out, peers.isEmpty() ? "no peers" : String.join("\n", peers.stream().map(Endpoints::format).toList()));
            return ShagaCommand.EXIT_OK;
        }
    }

    static byte[] hex(String text, int length, String option) {
        try {
            byte[] bytes = HEX.parseHex(text);
            if (bytes.length == length) {
                return bytes;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below with the expected length
        }
        throw new IllegalArgumentException(option + " must be " + length + " bytes in hex (" + 2 * length + " characters)");
    }

    static byte[] valueBytes(String text, String hexValue) {
        if ((text == null) == (hexValue == null)) {
            throw new IllegalArgumentException("give exactly one of --value TEXT or --value-hex HEX");
        }
        byte[] v;
        if (text != null) {
            v = Bencode.encode(text.getBytes(StandardCharsets.UTF_8));
        } else {
            try {
                v = HEX.parseHex(hexValue);
                Bencode.decode(v);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--value-hex must be a bencoded value in hex");
            }
        }
        if (v.length > MutableItem.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("the value is " + v.length + " bytes bencoded; the DHT allows " + MutableItem.MAX_VALUE_BYTES);
        }
        return v;
    }

    /** The value as text when it is a bencoded UTF-8 string. */
    static Optional<String> describeValue(byte[] v) {
        try {
            if (Bencode.decode(v) instanceof byte[] bytes) {
                return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
            }
        } catch (CharacterCodingException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
