package network.shaga.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import network.shaga.dht.Ed25519KeyPair;
import network.shaga.wallet.keys.KeyImport;

/** Reads an ed25519 key for signing DHT items: a Solana CLI keypair file, or a file holding the 32-byte seed in hex. */
final class KeyFile {
    private KeyFile() {
    }

    static Ed25519KeyPair read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("key file " + file + " does not exist");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.matches("[0-9a-fA-F]{64}")) {
            return Ed25519KeyPair.fromSeed(HexFormat.of().parseHex(text));
        }
        KeyImport.Result result = KeyImport.fromKeypairJson(text);
        if (result instanceof KeyImport.Imported imported) {
            return Ed25519KeyPair.fromSeed(imported.key().seed());
        }
        throw new IOException(file + ": " + ((KeyImport.Refused) result).message()
                + " (or a 64-character hex seed)");
    }
}
