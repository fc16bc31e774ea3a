package network.shaga.wallet.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/**
 * The wallet's SQLite ledger (WAL): quotes, payments, sessions, earnings and outgoing payments.
 * A payment signature is consumed in the same SQLite transaction that records its session, so a
 * signature can start at most one session, across restarts and crashes.
 */
public final class Ledger implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Ledger.class.getName());

  /** Schema steps; index i migrates user_version i to i + 1. Never edit a shipped step. */
  private static final List<String[]> MIGRATIONS = List.<String[]>of(new String[] {
      """
      CREATE TABLE quotes (
        id TEXT PRIMARY KEY,
        player TEXT NOT NULL,
        recipient TEXT NOT NULL,
        mint TEXT NOT NULL,
        amount INTEGER NOT NULL CHECK (amount > 0),
        reference TEXT NOT NULL UNIQUE,
        memo TEXT NOT NULL,
        minutes INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL)""",
      """
      CREATE TABLE payments (
        signature TEXT PRIMARY KEY,
        quote_id TEXT NOT NULL UNIQUE REFERENCES quotes(id),
        payer TEXT NOT NULL,
        amount INTEGER NOT NULL,
        slot INTEGER NOT NULL,
        block_time INTEGER NOT NULL,
        recorded_at INTEGER NOT NULL)""",
      """
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        quote_id TEXT NOT NULL UNIQUE REFERENCES quotes(id),
        player TEXT NOT NULL,
        signature TEXT NOT NULL UNIQUE REFERENCES payments(signature),
        amount INTEGER NOT NULL,
        started_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        ended_at INTEGER)""",
      """
      CREATE TABLE earnings (
        session_id TEXT PRIMARY KEY REFERENCES sessions(id),
        signature TEXT NOT NULL UNIQUE,
        mint TEXT NOT NULL,
        amount INTEGER NOT NULL,
        earned_at INTEGER NOT NULL,
        settled_at INTEGER)""",
      """
      CREATE TABLE outgoing (
        reference TEXT PRIMARY KEY,
        signature TEXT NOT NULL UNIQUE,
        wire TEXT NOT NULL,
        last_valid_block_height INTEGER NOT NULL,
        fee_lamports INTEGER NOT NULL,
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        confirmed_at INTEGER)"""
  });

  private final Connection db;
  private final Clock clock;

  private Ledger(Connection db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Opens (creating and migrating as needed) the ledger at {@code file}. */
  public static Ledger open(Path file, Clock clock) throws SQLException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (java.io.IOException e) {
      throw new SQLException("cannot create the directory of " + file, e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(5000);
    // IMMEDIATE takes the write lock at BEGIN: a read-then-write transaction racing another
    // process would otherwise fail with SQLITE_BUSY instead of waiting its turn.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    Connection db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    Ledger ledger = new Ledger(db, clock);
    ledger.migrate();
    return ledger;
  }

  public synchronized int schemaVersion() throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private void migrate() throws SQLException {
    int version = schemaVersion();
    if (version > MIGRATIONS.size()) {
      throw new SQLException("ledger schema " + version + " is newer than this Shaga understands ("
          + MIGRATIONS.size() + "); update Shaga");
    }
    for (int v = version; v < MIGRATIONS.size(); v++) {
      int target = v + 1;
      inTransaction(() -> {
        try (Statement st = db.createStatement()) {
          for (String sql : MIGRATIONS.get(target - 1)) {
            st.execute(sql);
          }
          st.execute("PRAGMA user_version=" + target);
        }
        return null;
      });
      LOG.log(System.Logger.Level.INFO, "ledger migrated to schema " + target);
    }
  }

  // ---- quotes -------------------------------------------------------------------------------

  public synchronized void saveQuote(Quote q) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(
        "INSERT INTO quotes(id, player, recipient, mint, amount, reference, memo, minutes, created_at, expires_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      ps.setString(1, q.id());
      ps.setString(2, q.player());
      ps.setString(3, q.recipient());
      ps.setString(4, q.mint());
      ps.setLong(5, q.amount());
      ps.setString(6, q.reference());
      ps.setString(7, q.memo());
      ps.setInt(8, q.minutes());
      ps.setLong(9, q.createdAt().toEpochMilli());
      ps.setLong(10, q.expiresAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  public synchronized Optional<Quote> findQuote(String id) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT * FROM quotes WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Quote(rs.getString("id"), rs.getString("player"), rs.getString("recipient"),
            rs.getString("mint"), rs.getLong("amount"), rs.getString("reference"), rs.getString("memo"),
            rs.getInt("minutes"), Instant.ofEpochMilli(rs.getLong("created_at")),
            Instant.ofEpochMilli(rs.getLong("expires_at"))));
      }
    }
  }

  // ---- payments and sessions ----------------------------------------------------------------

  /** Whether {@code signature} already paid for a session. */
  public synchronized boolean isSignatureUsed(String signature) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM payments WHERE signature = ?")) {
      ps.setString(1, signature);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** A verified payment to record: signature, payer, amount, and where it landed on chain. */
  public record VerifiedPayment(String signature, String payer, long amount, long slot, Instant blockTime) {}

  /**
   * Consumes {@code payment} and records the session it pays for, lasting {@code length} from now,
   * atomically: either both rows exist afterwards or neither does.
   */
  public synchronized SessionStart startSession(String quoteId, VerifiedPayment payment, Duration length)
      throws SQLException {
    return consumeAtomically(() -> {
      Optional<Quote> quote = findQuote(quoteId);
      if (quote.isEmpty()) {
        return new SessionStart.UnknownQuote(quoteId);
      }
      if (isSignatureUsed(payment.signature())) {
        return new SessionStart.SignatureReused(payment.signature());
      }
      try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM payments WHERE quote_id = ?")) {
        ps.setString(1, quoteId);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            return new SessionStart.QuoteAlreadyUsed(quoteId);
          }
        }
      }
      Instant now = clock.instant();
      Instant endsAt = now.plus(length);
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT INTO payments(signature, quote_id, payer, amount, slot, block_time, recorded_at) VALUES (?,?,?,?,?,?,?)")) {
        ps.setString(1, payment.signature());
        ps.setString(2, quoteId);
        ps.setString(3, payment.payer());
        ps.setLong(4, payment.amount());
        ps.setLong(5, payment.slot());
        ps.setLong(6, payment.blockTime().getEpochSecond());
        ps.setLong(7, now.toEpochMilli());
        ps.executeUpdate();
      }
      Session session = new Session(UUID.randomUUID().toString(), quoteId, quote.get().player(), payment.signature(),
          payment.amount(), now, endsAt, Optional.empty());
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT INTO sessions(id, quote_id, player, signature, amount, started_at, ends_at) VALUES (?,?,?,?,?,?,?)")) {
        ps.setString(1, session.id());
        ps.setString(2, quoteId);
        ps.setString(3, session.player());
        ps.setString(4, payment.signature());
        ps.setLong(5, payment.amount());
        ps.setLong(6, now.toEpochMilli());
        ps.setLong(7, endsAt.toEpochMilli());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = db.prepareStatement(
          "INSERT INTO earnings(session_id, signature, mint, amount, earned_at) VALUES (?,?,?,?,?)")) {
        ps.setString(1, session.id());
        ps.setString(2, payment.signature());
        ps.setString(3, quote.get().mint());
        ps.setLong(4, payment.amount());
        ps.setLong(5, now.toEpochMilli());
        ps.executeUpdate();
      }
      return new SessionStart.Started(session);
    }, payment.signature());
  }

  /** Marks a session ended now; false if it was unknown or already ended. */
  public synchronized boolean endSession(String sessionId) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL")) {
      ps.setLong(1, clock.instant().toEpochMilli());
      ps.setString(2, sessionId);
      return ps.executeUpdate() == 1;
    }
  }

  /** Marks the session paid by quote {@code quoteId} ended now; false if there is none or it already ended. */
  public synchronized boolean endSessionOfQuote(String quoteId) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(
        "UPDATE sessions SET ended_at = ? WHERE quote_id = ? AND ended_at IS NULL")) {
      ps.setLong(1, clock.instant().toEpochMilli());
      ps.setString(2, quoteId);
      return ps.executeUpdate() == 1;
    }
  }

  public synchronized Optional<Session> findSession(String id) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT * FROM sessions WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long ended = rs.getLong("ended_at");
        boolean open = rs.wasNull();
        return Optional.of(new Session(rs.getString("id"), rs.getString("quote_id"), rs.getString("player"),
            rs.getString("signature"), rs.getLong("amount"), Instant.ofEpochMilli(rs.getLong("started_at")),
            Instant.ofEpochMilli(rs.getLong("ends_at")), open ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended))));
      }
    }
  }

  /** Marks the earning paid by {@code signature} settled (its payment reached finalized). */
  public synchronized boolean settle(String signature) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(
        "UPDATE earnings SET settled_at = ? WHERE signature = ? AND settled_at IS NULL")) {
      ps.setLong(1, clock.instant().toEpochMilli());
      ps.setString(2, signature);
      return ps.executeUpdate() == 1;
    }
  }

  /** All earnings, newest first. */
  public synchronized List<Earning> earnings() throws SQLException {
    List<Earning> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM earnings ORDER BY earned_at DESC, session_id")) {
      while (rs.next()) {
        long settled = rs.getLong("settled_at");
        boolean unsettled = rs.wasNull();
        out.add(new Earning(rs.getString("session_id"), rs.getString("signature"), rs.getString("mint"),
            rs.getLong("amount"), Instant.ofEpochMilli(rs.getLong("earned_at")),
            unsettled ? Optional.empty() : Optional.of(Instant.ofEpochMilli(settled))));
      }
    }
    return out;
  }

  // ---- outgoing payments --------------------------------------------------------------------

  /** Records a signed payment before it is first sent, so a crash cannot lose track of it. */
  public synchronized void recordOutgoing(OutgoingPayment p) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement(
        "INSERT OR REPLACE INTO outgoing(reference, signature, wire, last_valid_block_height, fee_lamports, status,"
            + " created_at, confirmed_at) VALUES (?,?,?,?,?,?,?,?)")) {
      ps.setString(1, p.reference());
      ps.setString(2, p.signature());
      ps.setString(3, p.wireBase64());
      ps.setLong(4, p.lastValidBlockHeight());
      ps.setLong(5, p.feeLamports());
      ps.setString(6, p.status().name());
      ps.setLong(7, p.createdAt().toEpochMilli());
      if (p.confirmedAt().isPresent()) {
        ps.setLong(8, p.confirmedAt().get().toEpochMilli());
      } else {
        ps.setNull(8, java.sql.Types.INTEGER);
      }
      ps.executeUpdate();
    }
  }

  /**
   * Records {@code p} as the payment for its reference unless a live one (pending or confirmed)
   * is already recorded, which is returned instead; atomic across threads and processes, so two
   * concurrent attempts can never both send a transaction for the same payment.
   */
  public synchronized Optional<OutgoingPayment> claimOutgoing(OutgoingPayment p) throws SQLException {
    return inTransaction(() -> {
      Optional<OutgoingPayment> existing = findOutgoing(p.reference());
      if (existing.isPresent() && (existing.get().status() == OutgoingPayment.Status.PENDING
          || existing.get().status() == OutgoingPayment.Status.CONFIRMED)) {
        return existing;
      }
      recordOutgoing(p);
      return Optional.empty();
    });
  }

  public synchronized Optional<OutgoingPayment> findOutgoing(String reference) throws SQLException {
    try (PreparedStatement ps = db.prepareStatement("SELECT * FROM outgoing WHERE reference = ?")) {
      ps.setString(1, reference);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        long confirmed = rs.getLong("confirmed_at");
        boolean pending = rs.wasNull();
        return Optional.of(new OutgoingPayment(rs.getString("reference"), rs.getString("signature"), rs.getString("wire"),
            rs.getLong("last_valid_block_height"), rs.getLong("fee_lamports"),
            OutgoingPayment.Status.valueOf(rs.getString("status")), Instant.ofEpochMilli(rs.getLong("created_at")),
            pending ? Optional.empty() : Optional.of(Instant.ofEpochMilli(confirmed))));
      }
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    db.close();
  }

  // ---- transactions -------------------------------------------------------------------------

  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) throws SQLException {
    synchronized (db) {
      db.setAutoCommit(false);
      try {
        T result = work.run();
        db.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        db.rollback();
        throw e;
      } finally {
        db.setAutoCommit(true);
      }
    }
  }

  /**
   * Runs {@code work} in a transaction; a UNIQUE violation (a concurrent writer in another
   * process consumed the same signature first) becomes a {@link SessionStart.SignatureReused}.
   */
  private SessionStart consumeAtomically(Work<SessionStart> work, String signature) throws SQLException {
    try {
      return inTransaction(work);
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("UNIQUE") && isSignatureUsed(signature)) {
        return new SessionStart.SignatureReused(signature);
      }
      throw e;
    }
  }
}
