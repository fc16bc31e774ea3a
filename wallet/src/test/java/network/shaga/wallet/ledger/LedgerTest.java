package network.shaga.wallet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LedgerTest {
  private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  @TempDir Path dir;

  private static Quote quote(String id, String reference) {
    return new Quote(id, "player", "host", "mint", 2_500_000, reference, "shaga:" + id, 60, NOW, NOW.plusSeconds(600));
  }

  private static Ledger.VerifiedPayment payment(String signature) {
    return new Ledger.VerifiedPayment(signature, "player", 2_500_000, 42, NOW);
  }

  @Test
  void migratesToTheCurrentSchemaOnceAndUsesWal() throws Exception {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, clock)) {
      assertThat(ledger.schemaVersion()).isEqualTo(1);
    }
    try (Ledger ledger = Ledger.open(file, clock)) {
      assertThat(ledger.schemaVersion()).isEqualTo(1);
    }
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
    }
  }

  @Test
  void refusesASchemaFromTheFuture() throws Exception {
    Path file = dir.resolve("ledger.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      c.createStatement().execute("PRAGMA user_version=99");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Ledger.open(file, clock))
        .hasMessageContaining("newer");
  }

  @Test
  void aSignatureStartsOneSessionEvenAcrossRestarts() throws Exception {
    Path file = dir.resolve("ledger.db");
    try (Ledger ledger = Ledger.open(file, clock)) {
      ledger.saveQuote(quote("q1", "ref1"));
      ledger.saveQuote(quote("q2", "ref2"));
      SessionStart first = ledger.startSession("q1", payment("sig1"), Duration.ofSeconds(3600));
      assertThat(first).isInstanceOf(SessionStart.Started.class);
      assertThat(ledger.isSignatureUsed("sig1")).isTrue();
      assertThat(ledger.startSession("q2", payment("sig1"), Duration.ofSeconds(3600)))
          .isEqualTo(new SessionStart.SignatureReused("sig1"));
    }
    try (Ledger reopened = Ledger.open(file, clock)) {
      assertThat(reopened.startSession("q2", payment("sig1"), Duration.ofSeconds(3600)))
          .isEqualTo(new SessionStart.SignatureReused("sig1"));
      assertThat(reopened.startSession("q1", payment("sig9"), Duration.ofSeconds(3600)))
          .isEqualTo(new SessionStart.QuoteAlreadyUsed("q1"));
      assertThat(reopened.startSession("nope", payment("sig8"), Duration.ZERO)).isEqualTo(new SessionStart.UnknownQuote("nope"));
      assertThat(reopened.isSignatureUsed("sig8")).isFalse();
    }
  }

  @Test
  void concurrentConsumersFromTwoProcessesGetExactlyOneSession() throws Exception {
    Path file = dir.resolve("ledger.db");
    try (Ledger setup = Ledger.open(file, clock)) {
      for (int i = 0; i < 8; i++) {
        setup.saveQuote(quote("q" + i, "ref" + i));
      }
    }
    // Two independent connections stand in for two app instances sharing one data dir.
    try (Ledger a = Ledger.open(file, clock); Ledger b = Ledger.open(file, clock)) {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<SessionStart>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          Ledger l = i % 2 == 0 ? a : b;
          String q = "q" + i;
          results.add(pool.submit((Callable<SessionStart>) () -> l.startSession(q, payment("same"), Duration.ofSeconds(60))));
        }
        long started = 0;
        for (Future<SessionStart> f : results) {
          SessionStart s = f.get();
          if (s instanceof SessionStart.Started) {
            started++;
          } else {
            assertThat(s).isEqualTo(new SessionStart.SignatureReused("same"));
          }
        }
        assertThat(started).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void sessionsEndAndEarningsSettle() throws Exception {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), clock)) {
      ledger.saveQuote(quote("q1", "ref1"));
      var started = (SessionStart.Started) ledger.startSession("q1", payment("sig1"), Duration.ofSeconds(3600));
      assertThat(ledger.earnings()).singleElement().satisfies(e -> {
        assertThat(e.amount()).isEqualTo(2_500_000);
        assertThat(e.settledAt()).isEmpty();
      });
      assertThat(ledger.settle("sig1")).isTrue();
      assertThat(ledger.settle("sig1")).isFalse();
      assertThat(ledger.earnings().get(0).settledAt()).contains(NOW);
      assertThat(ledger.endSessionOfQuote("unknown")).isFalse();
      assertThat(ledger.endSessionOfQuote("q1")).isTrue();
      assertThat(ledger.endSessionOfQuote("q1")).isFalse();
      assertThat(ledger.endSession(started.session().id())).isFalse();
      assertThat(ledger.findSession(started.session().id()).orElseThrow()).satisfies(session -> {
        assertThat(session.endedAt()).contains(NOW);
        assertThat(session.endsAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(session.signature()).isEqualTo("sig1");
      });
    }
  }

  @Test
  void outgoingPaymentsRoundTrip() throws Exception {
    try (Ledger ledger = Ledger.open(dir.resolve("ledger.db"), clock)) {
      var p = new OutgoingPayment("ref", "sig", "AAAA", 150, 5000, OutgoingPayment.Status.PENDING, NOW, Optional.empty());
      ledger.recordOutgoing(p);
      assertThat(ledger.findOutgoing("ref")).contains(p);
      var done = new OutgoingPayment("ref", "sig", "AAAA", 150, 5000, OutgoingPayment.Status.CONFIRMED, NOW, Optional.of(NOW));
      ledger.recordOutgoing(done);
      assertThat(ledger.findOutgoing("ref")).contains(done);
      assertThat(ledger.findOutgoing("other")).isEmpty();
    }
  }
}
