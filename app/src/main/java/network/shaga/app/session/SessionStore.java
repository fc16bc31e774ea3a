package network.shaga.app.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/**
 * The host's session states in SQLite (WAL, synchronous FULL), next to the wallet's ledger, so a host that
 * restarts knows which sessions to resume, end or refund. Extension quotes are kept with the session they extend.
 */
public final class SessionStore implements AutoCloseable {
    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS host_sessions (
          id TEXT PRIMARY KEY,
          player TEXT NOT NULL,
          x25519 TEXT NOT NULL,
          client_name TEXT NOT NULL,
          state TEXT NOT NULL,
          minutes INTEGER NOT NULL,
          paid_micro INTEGER NOT NULL,
          signature TEXT UNIQUE,
          sealed_pin TEXT,
          started_at INTEGER,
          ends_at INTEGER,
          refund_micro INTEGER NOT NULL DEFAULT 0,
          refund_signature TEXT,
          refund_due_micro INTEGER NOT NULL DEFAULT 0,
          refund_reference TEXT,
          detail TEXT NOT NULL DEFAULT '',
          updated_at INTEGER NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS extensions (
          quote_id TEXT PRIMARY KEY,
          session_id TEXT NOT NULL REFERENCES host_sessions(id),
          minutes INTEGER NOT NULL,
          signature TEXT UNIQUE)"""
    };

    private final Connection db;
    private final Clock clock;

    private SessionStore(Connection db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public static SessionStore open(Path file, Clock clock) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create the directory of " + file, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(5000);
        Connection db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = db.createStatement()) {
            for (String sql : SCHEMA) {
                st.execute(sql);
            }
        }
        return new SessionStore(db, clock);
    }

    /** Inserts or replaces the row of {@code session}. */
    public synchronized void save(HostSession s) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("""
                INSERT OR REPLACE INTO host_sessions(id, player, x25519, client_name, state, minutes, paid_micro, signature,
                  sealed_pin, started_at, ends_at, refund_micro, refund_signature, refund_due_micro, refund_reference, detail, updated_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""")) {
            ps.setString(1, s.id());
            ps.setString(2, s.player());
            ps.setString(3, s.x25519());
            ps.setString(4, s.clientName());
            ps.setString(5, s.state().name());
            ps.setInt(6, s.minutes());
            ps.setLong(7, s.paidMicro());
            ps.setString(8, s.signature().orElse(null));
            ps.setString(9, s.sealedPin().orElse(null));
            setInstant(ps, 10, s.startedAt());
            setInstant(ps, 11, s.endsAt());
            ps.setLong(12, s.refundMicro());
            ps.setString(13, s.refundSignature().orElse(null));
            ps.setLong(14, s.refundDueMicro());
            ps.setString(15, s.refundReference().orElse(null));
            ps.setString(16, s.detail());
            ps.setLong(17, clock.millis());
            ps.executeUpdate();
        }
    }

    public synchronized Optional<HostSession> find(String id) throws SQLException {
        List<HostSession> found = query("SELECT * FROM host_sessions WHERE id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Sessions that are not ended or failed, oldest first. */
    public synchronized List<HostSession> open() throws SQLException {
        return query("SELECT * FROM host_sessions WHERE state NOT IN ('ENDED','FAILED') ORDER BY updated_at");
    }

    /** Ended or failed sessions that still owe the player a refund (the transfer failed, or the host stopped first). */
    public synchronized List<HostSession> owingRefunds() throws SQLException {
        return query("SELECT * FROM host_sessions WHERE refund_due_micro > 0 ORDER BY updated_at");
    }

    public synchronized void saveExtension(String quoteId, String sessionId, int minutes) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO extensions(quote_id, session_id, minutes) VALUES (?,?,?)")) {
            ps.setString(1, quoteId);
            ps.setString(2, sessionId);
            ps.setInt(3, minutes);
            ps.executeUpdate();
        }
    }

    /** The session an extension quote belongs to and its minutes; empty for unknown quotes. */
    public record Extension(String quoteId, String sessionId, int minutes, Optional<String> signature) {
    }

    public synchronized Optional<Extension> findExtension(String quoteId) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT * FROM extensions WHERE quote_id = ?")) {
            ps.setString(1, quoteId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Extension(rs.getString("quote_id"), rs.getString("session_id"), rs.getInt("minutes"),
                        Optional.ofNullable(rs.getString("signature")))) : Optional.empty();
            }
        }
    }

    /** Applies a paid extension and marks its quote paid, in one transaction. */
    public synchronized void applyExtension(String quoteId, String signature, HostSession extended) throws SQLException {
        db.setAutoCommit(false);
        try {
            try (PreparedStatement ps = db.prepareStatement("UPDATE extensions SET signature = ? WHERE quote_id = ? AND signature IS NULL")) {
                ps.setString(1, signature);
                ps.setString(2, quoteId);
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("extension " + quoteId + " is unknown or already paid");
                }
            }
            save(extended);
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private List<HostSession> query(String sql, String... args) throws SQLException {
        List<HostSession> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HostSession(rs.getString("id"), rs.getString("player"), rs.getString("x25519"),
                            rs.getString("client_name"), SessionState.valueOf(rs.getString("state")), rs.getInt("minutes"),
                            rs.getLong("paid_micro"), Optional.ofNullable(rs.getString("signature")),
                            Optional.ofNullable(rs.getString("sealed_pin")), instant(rs, "started_at"), instant(rs, "ends_at"),
                            rs.getLong("refund_micro"), Optional.ofNullable(rs.getString("refund_signature")), rs.getLong("refund_due_micro"),
                            Optional.ofNullable(rs.getString("refund_reference")), rs.getString("detail")));
                }
            }
        }
        return out;
    }

    private static void setInstant(PreparedStatement ps, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, value.get().toEpochMilli());
        } else {
            ps.setNull(index, java.sql.Types.INTEGER);
        }
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
