package network.shaga.wallet.pay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import network.shaga.wallet.keys.WalletKey;
import network.shaga.wallet.ledger.Ledger;
import network.shaga.wallet.ledger.OutgoingPayment;
import network.shaga.wallet.rpc.RetryPolicy;
import network.shaga.wallet.rpc.SolanaRpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.utils.Base58;

/**
 * The confirmation loop against a scripted node that loses sends, delays statuses or lets the
 * blockhash expire: the same signed bytes are resent, and nothing new is built unless expired.
 */
@Timeout(30)
class ResendTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;
  private HttpServer server;
  private final Map<String, Function<JsonNode, String>> methods = new ConcurrentHashMap<>();
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final AtomicInteger height = new AtomicInteger(100);
  private Ledger ledger;
  private PaymentSender sender;
  private final WalletKey player = WalletKey.generate(RANDOM);
  private final PaymentRequest request = new PaymentRequest(WalletKey.generate(RANDOM).publicKey(),
      WalletKey.generate(RANDOM).publicKey(), 1_000_000, WalletKey.generate(RANDOM).publicKey(), "shaga:resend");

  @BeforeEach
  void node() throws Exception {
    methods.put("getAccountInfo", p -> "{\"context\":{\"slot\":1},\"value\":{\"lamports\":1,\"data\":[\"\",\"base64\"]}}");
    methods.put("getLatestBlockhash", p -> "{\"context\":{\"slot\":1},\"value\":{\"blockhash\":\"" + newBlockhash()
        + "\",\"lastValidBlockHeight\":" + (height.get() + 20) + "}}");
    methods.put("getFeeForMessage", p -> "{\"context\":{\"slot\":1},\"value\":5000}");
    methods.put("getBalance", p -> "{\"context\":{\"slot\":1},\"value\":1000000000}");
    methods.put("getTokenAccountBalance", p -> "{\"context\":{\"slot\":1},\"value\":{\"amount\":\"50000000\",\"decimals\":6}}");
    methods.put("getBlockHeight", p -> Integer.toString(height.incrementAndGet()));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      JsonNode req = JSON.readTree(exchange.getRequestBody());
      String method = req.path("method").asText();
      String body;
      int status = 200;
      if (method.equals("sendTransaction")) {
        sent.add(req.path("params").path(0).asText());
      }
      Function<JsonNode, String> handler = methods.get(method);
      String result = handler == null ? null : handler.apply(req.path("params"));
      if (result == null) {
        status = 503;
        body = "";
      } else if (result.startsWith("ERROR")) {
        body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32002,\"message\":\"" + result + "\"}}";
      } else {
        body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + result + "}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
    server.start();
    SolanaRpc rpc = new SolanaRpc(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), HttpClient.newHttpClient(),
        Duration.ofSeconds(2), RetryPolicy.NONE, d -> { });
    ledger = Ledger.open(dir.resolve("l.db"), Clock.systemUTC());
    sender = new PaymentSender(rpc, ledger, Clock.systemUTC(), d -> Thread.sleep(1),
        new PaymentSender.Timing(Duration.ofMillis(1), Duration.ZERO, Duration.ofSeconds(10)));
  }

  @AfterEach
  void stop() throws Exception {
    server.stop(0);
    ledger.close();
  }

  private static String newBlockhash() {
    byte[] hash = new byte[32];
    RANDOM.nextBytes(hash);
    return Base58.encode(hash);
  }

  private static String status(String confirmation, String err) {
    return "{\"context\":{\"slot\":1},\"value\":[{\"slot\":5,\"confirmations\":0,\"err\":" + err
        + ",\"confirmationStatus\":\"" + confirmation + "\"}]}";
  }

  private static String signatureOf(String wireBase64) {
    byte[] wire = java.util.Base64.getDecoder().decode(wireBase64);
    return Base58.encode(java.util.Arrays.copyOfRange(wire, 1, 65));
  }

  @Test
  void lostSendsAreRetriedWithTheSameBytesUntilConfirmed() throws Exception {
    AtomicInteger sends = new AtomicInteger();
    // The first send fails at the HTTP level; later ones are accepted.
    methods.put("sendTransaction", p -> sends.incrementAndGet() == 1 ? null : "\"" + signatureOf(p.path(0).asText()) + "\"");
    AtomicInteger polls = new AtomicInteger();
    methods.put("getSignatureStatuses", p -> {
      int n = polls.incrementAndGet();
      if (n < 4) {
        return "{\"context\":{\"slot\":1},\"value\":[null]}";
      }
      return n < 6 ? status("processed", "null") : status("confirmed", "null");
    });
    PaymentOutcome outcome = sender.pay(player, request);
    assertThat(outcome).isInstanceOf(PaymentOutcome.Confirmed.class);
    assertThat(sent).hasSizeGreaterThanOrEqualTo(2);
    assertThat(sent).allSatisfy(s -> assertThat(s).isEqualTo(sent.get(0)));
    assertThat(((PaymentOutcome.Confirmed) outcome).signature()).isEqualTo(signatureOf(sent.get(0)));
    int sendsBefore = sent.size();
    // Asking again returns the recorded payment without touching the node's send path.
    assertThat(sender.pay(player, request)).isEqualTo(new PaymentOutcome.Confirmed(signatureOf(sent.get(0)), 5000,
        ((PaymentOutcome.Confirmed) sender.pay(player, request)).confirmedMillis()));
    assertThat(sent).hasSize(sendsBefore);
  }

  @Test
  void anUnseenTransactionPastItsBlockhashIsExpiredAndOnlyThenRebuilt() throws Exception {
    methods.put("sendTransaction", p -> "\"" + signatureOf(p.path(0).asText()) + "\"");
    methods.put("getSignatureStatuses", p -> "{\"context\":{\"slot\":1},\"value\":[null]}");
    PaymentOutcome first = sender.pay(player, request);
    assertThat(first).isInstanceOf(PaymentOutcome.Expired.class);
    assertThat(sent).allSatisfy(s -> assertThat(s).isEqualTo(sent.get(0)));
    assertThat(ledger.findOutgoing(request.reference().toBase58()).orElseThrow().status())
        .isEqualTo(OutgoingPayment.Status.EXPIRED);

    sent.clear();
    methods.put("getSignatureStatuses", p -> status("confirmed", "null"));
    PaymentOutcome second = sender.pay(player, request);
    assertThat(second).isInstanceOf(PaymentOutcome.Confirmed.class);
    assertThat(((PaymentOutcome.Confirmed) second).signature()).isNotEqualTo(((PaymentOutcome.Expired) first).signature());
  }

  @Test
  void aProcessedTransactionIsNeverDeclaredExpired() throws Exception {
    methods.put("sendTransaction", p -> "\"" + signatureOf(p.path(0).asText()) + "\"");
    AtomicInteger polls = new AtomicInteger();
    // Processed for far longer than the blockhash lives, then confirmed.
    methods.put("getSignatureStatuses", p -> polls.incrementAndGet() < 30 ? status("processed", "null") : status("confirmed", "null"));
    assertThat(sender.pay(player, request)).isInstanceOf(PaymentOutcome.Confirmed.class);
    assertThat(sent).hasSize(1);
  }

  @Test
  void onChainFailureIsReported() throws Exception {
    methods.put("sendTransaction", p -> "\"" + signatureOf(p.path(0).asText()) + "\"");
    methods.put("getSignatureStatuses", p -> status("confirmed", "{\"InstructionError\":[1,{\"Custom\":1}]}"));
    assertThat(sender.pay(player, request)).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
        f -> assertThat(f.error()).contains("Custom"));
    assertThat(ledger.findOutgoing(request.reference().toBase58()).orElseThrow().status())
        .isEqualTo(OutgoingPayment.Status.FAILED);
  }

  @Test
  void simulationRefusalIsRejectedWithTheNodesMessage() throws Exception {
    methods.put("sendTransaction", p -> "ERROR Transaction simulation failed: insufficient funds");
    methods.put("getSignatureStatuses", p -> "{\"context\":{\"slot\":1},\"value\":[null]}");
    assertThat(sender.pay(player, request)).isInstanceOfSatisfying(PaymentOutcome.Rejected.class,
        r -> assertThat(r.error()).contains("insufficient funds"));
    assertThat(sent).hasSize(1);
  }

  @Test
  void aPreviewFromAnotherMintStillResolvesToTheRecordedPayment() throws Exception {
    methods.put("sendTransaction", p -> "\"" + signatureOf(p.path(0).asText()) + "\"");
    methods.put("getSignatureStatuses", p -> status("confirmed", "null"));
    var first = (PaymentOutcome.Confirmed) sender.pay(player, request);
    PaymentRequest sameReference = new PaymentRequest(request.recipient(), new PublicKey(player.address()), 5,
        request.reference(), "shaga:other");
    assertThat(((PaymentOutcome.Confirmed) sender.send(player, sender.preview(player.publicKey(), sameReference))).signature())
        .isEqualTo(first.signature());
    assertThat(sent).hasSize(1);
  }

  @Test
  void concurrentAttemptsForOnePaymentSendOneTransaction() throws Exception {
    methods.put("sendTransaction", p -> "\"" + signatureOf(p.path(0).asText()) + "\"");
    AtomicInteger polls = new AtomicInteger();
    methods.put("getSignatureStatuses", p -> polls.incrementAndGet() < 10 ? "{\"context\":{\"slot\":1},\"value\":[null]}"
        : status("confirmed", "null"));
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<PaymentOutcome>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> sender.pay(player, request)));
      }
      java.util.Set<String> signatures = new java.util.HashSet<>();
      for (var f : results) {
        PaymentOutcome outcome = f.get();
        assertThat(outcome).isInstanceOf(PaymentOutcome.Confirmed.class);
        signatures.add(((PaymentOutcome.Confirmed) outcome).signature());
      }
      assertThat(signatures).hasSize(1);
      assertThat(sent).allSatisfy(s -> assertThat(signatureOf(s)).isEqualTo(signatures.iterator().next()));
    } finally {
      pool.shutdownNow();
    }
  }
}
