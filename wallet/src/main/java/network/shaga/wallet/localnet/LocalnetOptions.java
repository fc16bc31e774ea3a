package network.shaga.wallet.localnet;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to start the local Solana server: where it lives, which node binary runs it, and its clock
 * (slot length, slots until confirmed / finalized, blockhash lifetime).
 *
 * @param directory           the {@code wallet/localnet} directory; empty = discover it
 * @param node                the Node.js executable; empty = {@code shaga.node} / {@code SHAGA_NODE} / {@code node}
 * @param port                loopback TCP port; 0 picks a free one
 * @param slot                wall-clock duration of one slot
 * @param confirmSlots        slots after which a transaction is {@code confirmed}
 * @param finalizeSlots       slots after which a transaction is {@code finalized}
 * @param blockhashValidSlots slots during which a blockhash is accepted
 * @param startTimeout        how long to wait for the server's ready line
 * @param state               file the chain is loaded from and saved to; empty = in memory only
 */
public record LocalnetOptions(
        Optional<Path> directory,
        Optional<String> node,
        int port,
        Duration slot,
        int confirmSlots,
        int finalizeSlots,
        int blockhashValidSlots,
        Duration startTimeout,
        Optional<Path> state) {

    public LocalnetOptions {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(state, "state");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (slot.toMillis() < 1) {
            throw new IllegalArgumentException("slot must be at least 1 ms");
        }
        if (confirmSlots < 0 || finalizeSlots < confirmSlots) {
            throw new IllegalArgumentException("need 0 <= confirmSlots <= finalizeSlots");
        }
        if (blockhashValidSlots < 1) {
            throw new IllegalArgumentException("blockhashValidSlots must be at least 1");
        }
    }

    /** Cluster-like timing: 400 ms slots, confirmed after 1 slot, finalized after 5, blockhashes for 150. */
    public static LocalnetOptions defaults() {
        return new LocalnetOptions(Optional.empty(), Optional.empty(), 0, Duration.ofMillis(400), 1, 5, 150,
                Duration.ofSeconds(60), Optional.empty());
    }

    /** Fast timing for tests: 50 ms slots, confirmed after 1 slot, finalized after 4. */
    public static LocalnetOptions fast() {
        return defaults().withSlot(Duration.ofMillis(50)).withCommitmentSlots(1, 4);
    }

    public LocalnetOptions withDirectory(Path dir) {
        return new LocalnetOptions(Optional.of(dir), node, port, slot, confirmSlots, finalizeSlots, blockhashValidSlots,
                startTimeout, state);
    }

    public LocalnetOptions withNode(String executable) {
        return new LocalnetOptions(directory, Optional.of(executable), port, slot, confirmSlots, finalizeSlots,
                blockhashValidSlots, startTimeout, state);
    }

    public LocalnetOptions withPort(int tcpPort) {
        return new LocalnetOptions(directory, node, tcpPort, slot, confirmSlots, finalizeSlots, blockhashValidSlots,
                startTimeout, state);
    }

    public LocalnetOptions withSlot(Duration duration) {
        return new LocalnetOptions(directory, node, port, duration, confirmSlots, finalizeSlots, blockhashValidSlots,
                startTimeout, state);
    }

    public LocalnetOptions withCommitmentSlots(int confirm, int finalize) {
        return new LocalnetOptions(directory, node, port, slot, confirm, finalize, blockhashValidSlots, startTimeout,
                state);
    }

    public LocalnetOptions withBlockhashValidSlots(int slots) {
        return new LocalnetOptions(directory, node, port, slot, confirmSlots, finalizeSlots, slots, startTimeout,
                state);
    }

    public LocalnetOptions withState(Path file) {
        return new LocalnetOptions(directory, node, port, slot, confirmSlots, finalizeSlots, blockhashValidSlots,
                startTimeout, Optional.of(file));
    }

    public LocalnetOptions withStartTimeout(Duration timeout) {
        return new LocalnetOptions(directory, node, port, slot, confirmSlots, finalizeSlots, blockhashValidSlots,
                timeout, state);
    }
}
