package network.shaga.app.directory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.LongSupplier;

/**
 * The BEP 44 {@code seq} of the host record: strictly increasing across restarts and clock changes,
 * {@code max(last + 1, now_ms)}, written to disk before it is used so a crash never reuses one.
 */
public final class SeqCounter {
    private final Path file;
    private final LongSupplier nowMillis;
    private long last;

    public SeqCounter(Path file, LongSupplier nowMillis) throws IOException {
        this.file = file;
        this.nowMillis = nowMillis;
        this.last = Files.exists(file) ? parse(Files.readString(file, StandardCharsets.US_ASCII)) : 0;
    }

    private SeqCounter(LongSupplier nowMillis) {
        this.file = null;
        this.nowMillis = nowMillis;
    }

    /** A counter kept in memory only (simulated hosts): strictly increasing for the life of the process. */
    public static SeqCounter inMemory(LongSupplier nowMillis) {
        return new SeqCounter(nowMillis);
    }

    private long parse(String text) throws IOException {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IOException("the host's sequence file " + file + " is damaged; delete it to start from the current time");
        }
    }

    /** The next seq, already persisted. */
    public synchronized long next() {
        long next = Math.max(last + 1, nowMillis.getAsLong());
        try {
            if (file != null) {
                write(next);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the host's sequence number to " + file, e);
        }
        last = next;
        return next;
    }

    public synchronized long last() {
        return last;
    }

    private void write(long value) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(Long.toString(value).getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
