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
 * @param slot                wall-clock duration of one slot
 * @param confirmSlots        slots after which a transaction is {@code confirmed}
 * @param finalizeSlots       slots after which a transaction is {@code finalized}
 * @param blockhashValidSlots slots during which a blockhash is accepted
 * @param startTimeout        how long to wait for the server's ready line
 */
public record LocalnetOptions(
        Optional<Path> directory,
        Optional<String> node,
        Duration slot,
        int confirmSlots,
        int finalizeSlots,
        int blockhashValidSlots,
        Duration startTimeout) {

    public LocalnetOptions {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(startTimeout, "startTimeout");
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
        return new LocalnetOptions(Optional.empty(), Optional.empty(), Duration.ofMillis(400), 1, 5, 150,
                Duration.ofSeconds(60));
    }

    /** Fast timing for tests: 50 ms slots, confirmed after 1 slot, finalized after 4. */
    public static LocalnetOptions fast() {
        return defaults().withSlot(Duration.ofMillis(50)).withCommitmentSlots(1, 4);
    }

    public LocalnetOptions withDirectory(Path dir) {
        return new LocalnetOptions(Optional.of(dir), node, slot, confirmSlots, finalizeSlots, blockhashValidSlots,
                startTimeout);
    }

    public LocalnetOptions withNode(String executable) {
        return new LocalnetOptions(directory, Optional.of(executable), slot, confirmSlots, finalizeSlots,
                blockhashValidSlots, startTimeout);
    }

    public LocalnetOptions withSlot(Duration duration) {
        return new LocalnetOptions(directory, node, duration, confirmSlots, finalizeSlots, blockhashValidSlots,
                startTimeout);
    }

    public LocalnetOptions withCommitmentSlots(int confirm, int finalize) {
        return new LocalnetOptions(directory, node, slot, confirm, finalize, blockhashValidSlots, startTimeout);
    }

    public LocalnetOptions withBlockhashValidSlots(int slots) {
        return new LocalnetOptions(directory, node, slot, confirmSlots, finalizeSlots, slots, startTimeout);
    }

    public LocalnetOptions withStartTimeout(Duration timeout) {
        return new LocalnetOptions(directory, node, slot, confirmSlots, finalizeSlots, blockhashValidSlots, timeout);
    }
}
