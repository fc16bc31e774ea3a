package network.shaga.app.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import network.shaga.dht.MutableItem;

/** The JSON form of a signed host record on {@code GET /v1/host}: the BEP 44 item, field for field. */
public final class HostRecordJson {
    private static final HexFormat HEX = HexFormat.of();

    private HostRecordJson() {
    }

    public static ObjectNode toJson(ObjectMapper mapper, MutableItem item, int replicas) {
        return mapper.createObjectNode()
                .put("k", HEX.formatHex(item.publicKey()))
                .put("salt", new String(item.salt(), StandardCharsets.UTF_8))
                .put("seq", item.seq())
                .put("v", Base64.getEncoder().encodeToString(item.value()))
                .put("sig", HEX.formatHex(item.signature()))
                .put("replicas", replicas);
    }

    /** The item in a response, unverified; empty when the JSON does not have the right shape. */
    public static Optional<MutableItem> fromJson(JsonNode json) {
        try {
            byte[] k = HEX.parseHex(json.path("k").asText(""));
            byte[] sig = HEX.parseHex(json.path("sig").asText(""));
            byte[] v = Base64.getDecoder().decode(json.path("v").asText(""));
            byte[] salt = json.path("salt").asText("").getBytes(StandardCharsets.UTF_8);
            JsonNode seq = json.path("seq");
            if (k.length != 32 || sig.length != 64 || !seq.canConvertToLong() || seq.asLong() < 0) {
                return Optional.empty();
            }
            return Optional.of(new MutableItem(k, salt, seq.asLong(), v, sig));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static int replicas(JsonNode json) {
        return Math.max(0, json.path("replicas").asInt(0));
    }
}
