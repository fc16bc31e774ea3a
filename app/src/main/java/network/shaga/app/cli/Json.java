package network.shaga.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The commands' shared JSON mapper, created on first use: picocli instantiates every command to build its model, and
 * a mapper per command would load Jackson (hundreds of classes) even for {@code shaga --version}.
 */
final class Json {
    private Json() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
