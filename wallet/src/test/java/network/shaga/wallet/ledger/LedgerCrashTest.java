package network.shaga.wallet.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A process killed (SIGKILL) right after consuming a signature cannot have it reused afterwards. */
@Timeout(60)
class LedgerCrashTest {
  @TempDir Path dir;

  /** Child process: consumes a signature, reports it, then waits to be killed without closing anything. */
  public static void main(String[] args) throws Exception {
    Ledger ledger = Ledger.open(Path.of(args[0]), Clock.systemUTC());
    Instant now = Instant.now();
    ledger.saveQuote(new Quote("q1", "player", "host", "mint", 1, "ref1", "shaga:q1", 1, now, now.plusSeconds(60)));
    ledger.saveQuote(new Quote("q2", "player", "host", "mint", 1, "ref2", "shaga:q2", 1, now, now.plusSeconds(60)));
    SessionStart start = ledger.startSession("q1", new Ledger.VerifiedPayment("sig", "player", 1, 1, now), Duration.ofMinutes(1));
    System.out.println(start instanceof SessionStart.Started ? "committed" : "refused");
    System.out.flush();
    Thread.sleep(60_000);
  }

  @Test
  void consumedSignatureSurvivesAKill() throws Exception {
    Path db = dir.resolve("ledger.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LedgerCrashTest.class.getName(),
        db.toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      String last = null;
      while ((line = out.readLine()) != null) {
        last = line;
        if (line.equals("committed") || line.equals("refused")) {
          break;
        }
      }
      assertThat(last).isEqualTo("committed");
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }
    try (Ledger reopened = Ledger.open(db, Clock.systemUTC())) {
      assertThat(reopened.isSignatureUsed("sig")).isTrue();
      assertThat(reopened.startSession("q2", new Ledger.VerifiedPayment("sig", "player", 1, 1, Instant.now()),
          Duration.ofMinutes(1))).isEqualTo(new SessionStart.SignatureReused("sig"));
    }
  }
}
