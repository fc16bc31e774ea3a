package network.shaga.wallet.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Error handling against a loopback HTTP server that answers with scripted responses. */
@Timeout(30)
class SolanaRpcTest {
  private record Reply(int status, String body, long delayMs) {}

  private HttpServer server;
  private final Deque<Reply> script = new ConcurrentLinkedDeque<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Duration> sleeps = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      Reply r = script.isEmpty() ? new Reply(500, "", 0) : script.poll();
      if (r.delayMs() > 0) {
        try {
          Thread.sleep(r.delayMs());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private SolanaRpc rpc(RetryPolicy policy, Duration timeout) {
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return new SolanaRpc(uri, HttpClient.newHttpClient(), timeout, policy, sleeps::add);
  }

  private static Reply ok(String result) {
    return new Reply(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + result + "}", 0);
  }

  @Test
  void retriesRateLimitAndServerErrorsWithBackoffThenSucceeds() {
    script.add(new Reply(429, "", 0));
    script.add(new Reply(503, "", 0));
    script.add(ok("{\"context\":{\"slot\":1},\"value\":12345}"));
    long balance = rpc(new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1)), Duration.ofSeconds(2))
        .getBalance("11111111111111111111111111111111", "confirmed");
    assertThat(balance).isEqualTo(12345);
    assertThat(requests).hasValue(3);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
  }

  @Test
  void persistentRateLimitIsReportedAsSuch() {
    for (int i = 0; i < 3; i++) {
      script.add(new Reply(429, "", 0));
    }
    assertThatThrownBy(() -> rpc(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1)), Duration.ofSeconds(2))
        .getBlockHeight("confirmed"))
        .isInstanceOf(RpcException.RateLimited.class);
    assertThat(requests).hasValue(3);
  }

  @Test
  void jsonRpcErrorsAreTypedAndNotRetried() {
    script.add(new Reply(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32602,\"message\":\"Invalid param\"}}", 0));
    assertThatThrownBy(() -> rpc(RetryPolicy.DEFAULT, Duration.ofSeconds(2)).getBlockHeight("confirmed"))
        .isInstanceOfSatisfying(RpcException.JsonRpcError.class, e -> {
          assertThat(e.code()).isEqualTo(-32602);
          assertThat(e.transientFailure()).isFalse();
        });
    assertThat(requests).hasValue(1);
  }

  @Test
  void malformedAnswersAreTyped() {
    script.add(new Reply(200, "<html>not json</html>", 0));
    script.add(new Reply(200, "{\"jsonrpc\":\"2.0\",\"id\":1}", 0));
    script.add(ok("\"not a number\""));
    script.add(new Reply(200, "[1,2]", 0));
    SolanaRpc rpc = rpc(RetryPolicy.DEFAULT, Duration.ofSeconds(2));
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> rpc.getBlockHeight("confirmed")).isInstanceOf(RpcException.Malformed.class);
    }
  }

  @Test
  void oversizedAnswersAreRefused() {
    script.add(new Reply(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + "x".repeat(SolanaRpc.MAX_RESPONSE_BYTES) + "\"}", 0));
    assertThatThrownBy(() -> rpc(RetryPolicy.NONE, Duration.ofSeconds(10)).getBlockHeight("confirmed"))
        .isInstanceOf(RpcException.Malformed.class).hasMessageContaining("exceeds");
  }

  @Test
  void clientErrorStatusIsNotRetried() {
    script.add(new Reply(403, "", 0));
    assertThatThrownBy(() -> rpc(RetryPolicy.DEFAULT, Duration.ofSeconds(2)).getBlockHeight("confirmed"))
        .isInstanceOfSatisfying(RpcException.HttpStatus.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThat(requests).hasValue(1);
  }

  @Test
  void slowNodeTimesOutAsUnreachable() {
    script.add(new Reply(200, "{}", 2000));
    assertThatThrownBy(() -> rpc(RetryPolicy.NONE, Duration.ofMillis(200)).getBlockHeight("confirmed"))
        .isInstanceOf(RpcException.Unreachable.class)
        .hasMessageContaining("did not answer");
  }

  @Test
  void closedPortIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    SolanaRpc rpc = new SolanaRpc(URI.create("http://127.0.0.1:" + port), HttpClient.newHttpClient(),
        Duration.ofSeconds(1), new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)), sleeps::add);
    assertThatThrownBy(() -> rpc.getBlockHeight("confirmed"))
        .isInstanceOf(RpcException.Unreachable.class)
        .hasMessageContaining("cannot reach");
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void signatureStatusesKeepTheError() {
    script.add(ok("{\"context\":{\"slot\":9},\"value\":[null,{\"slot\":7,\"confirmations\":null,"
        + "\"err\":{\"InstructionError\":[2,{\"Custom\":1}]},\"confirmationStatus\":\"finalized\"}]}"));
    var statuses = rpc(RetryPolicy.NONE, Duration.ofSeconds(2)).getSignatureStatuses(List.of("a", "b"));
    assertThat(statuses.get(0)).isEmpty();
    assertThat(statuses.get(1)).hasValueSatisfying(s -> {
      assertThat(s.err()).isPresent();
      assertThat(s.err().get().toString()).contains("Custom");
      assertThat(s.confirmedOrFinalized()).isTrue();
    });
  }

  @Test
  void backoffIsCapped() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(200), Duration.ofSeconds(1));
    assertThat(p.delayAfter(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.delayAfter(3)).isEqualTo(Duration.ofMillis(800));
    assertThat(p.delayAfter(9)).isEqualTo(Duration.ofSeconds(1));
  }
}
