package network.shaga.wallet.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Raw Solana JSON-RPC over the JDK HTTP client: typed errors, timeouts and retries with backoff.
 * solanaj's client mis-cases commitments and drops fields (FINDINGS), so calls are made directly.
 */
public final class SolanaRpc {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final System.Logger LOG = System.getLogger(SolanaRpc.class.getName());
  /** Larger answers are refused: no method we call returns more, and a hostile node could exhaust memory. */
  static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

  /** Pauses between retries; injected so tests run without real waiting. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final URI endpoint;
  private final HttpClient http;
  private final Duration timeout;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final AtomicLong ids = new AtomicLong();

  public SolanaRpc(URI endpoint, HttpClient http, Duration timeout, RetryPolicy retry, Sleeper sleeper) {
    this.endpoint = endpoint;
    this.http = http;
    this.timeout = timeout;
    this.retry = retry;
    this.sleeper = sleeper;
  }

  /** A client for {@code endpoint} with 10 s timeouts and the default retry policy. */
  public static SolanaRpc connect(URI endpoint) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return new SolanaRpc(endpoint, http, Duration.ofSeconds(10), RetryPolicy.DEFAULT, d -> Thread.sleep(d.toMillis()));
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Calls {@code method} and returns its {@code result}, retrying transient failures. */
  public JsonNode call(String method, Object... params) {
    return callWith(retry, method, params);
  }

  /** Calls {@code method} once: for sends whose retry the caller controls. */
  public JsonNode callOnce(String method, Object... params) {
    return callWith(RetryPolicy.NONE, method, params);
  }

  private JsonNode callWith(RetryPolicy policy, String method, Object... params) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ids.incrementAndGet());
    request.put("method", method);
    request.set("params", JSON.valueToTree(params));
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new IllegalArgumentException("parameters of " + method + " are not serialisable", e);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return once(method, body);
      } catch (RpcException e) {
        if (!e.transientFailure() || attempt >= policy.maxAttempts()) {
          throw e;
        }
        Duration delay = policy.delayAfter(attempt);
        LOG.log(System.Logger.Level.DEBUG, method + " failed (" + e.getMessage() + "), retry in " + delay.toMillis() + " ms");
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new RpcException.Unreachable("interrupted while waiting to retry " + method, ie);
        }
      }
    }
  }

  private JsonNode once(String method, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpResponse<java.io.InputStream> response;
    byte[] responseBody;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (java.io.InputStream in = response.body()) {
        responseBody = in.readNBytes(MAX_RESPONSE_BYTES + 1);
      }
    } catch (HttpTimeoutException e) {
      throw new RpcException.Unreachable("Solana node at " + endpoint + " did not answer " + method + " within "
          + timeout.toMillis() + " ms", e);
    } catch (IOException e) {
      throw new RpcException.Unreachable("cannot reach the Solana node at " + endpoint + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcException.Unreachable("interrupted during " + method, e);
    }
    if (responseBody.length > MAX_RESPONSE_BYTES) {
      throw new RpcException.Malformed("the answer to " + method + " exceeds " + MAX_RESPONSE_BYTES + " bytes", null);
    }
    int status = response.statusCode();
    if (status == 429) {
      throw new RpcException.RateLimited("the Solana node at " + endpoint + " is rate limiting us (HTTP 429)");
    }
    if (status / 100 != 2) {
      throw new RpcException.HttpStatus(status, "the Solana node at " + endpoint + " answered HTTP " + status);
    }
    JsonNode root;
    try {
      root = JSON.readTree(responseBody);
    } catch (IOException e) {
      throw new RpcException.Malformed("the answer to " + method + " is not JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw new RpcException.Malformed("the answer to " + method + " is not a JSON-RPC object", null);
    }
    JsonNode error = root.get("error");
    if (error != null && !error.isNull()) {
      JsonNode data = error.get("data");
      throw new RpcException.JsonRpcError(error.path("code").asLong(), error.path("message").asText(),
          data == null ? "" : data.toString());
    }
    if (!root.has("result")) {
      throw new RpcException.Malformed("the answer to " + method + " has neither result nor error", null);
    }
    return root.get("result");
  }

  // ---- typed methods -------------------------------------------------------------------------

  /** A recent blockhash and the last block height at which transactions using it are valid. */
  public record Blockhash(String hash, long lastValidBlockHeight) {}

  /** The status of a signature as the node reports it, including the execution error. */
  public record SignatureStatus(long slot, Optional<Long> confirmations, Optional<JsonNode> err, String confirmationStatus) {
    public boolean confirmedOrFinalized() {
      return "confirmed".equals(confirmationStatus) || "finalized".equals(confirmationStatus);
    }
  }

  /** One entry of an address's transaction history. */
  public record SignatureInfo(String signature, long slot, Optional<Long> blockTime, boolean failed, Optional<String> memo) {}

  public Blockhash getLatestBlockhash(String commitment) {
    JsonNode value = value(call("getLatestBlockhash", config(commitment)), "getLatestBlockhash");
    return new Blockhash(text(value, "blockhash"), number(value, "lastValidBlockHeight"));
  }

  public long getBlockHeight(String commitment) {
    return asLong(call("getBlockHeight", config(commitment)), "getBlockHeight");
  }

  /** Lamports held by {@code address} (0 for an account that does not exist). */
  public long getBalance(String address, String commitment) {
    return asLong(value(call("getBalance", address, config(commitment)), "getBalance"), "getBalance");
  }

  /** Whether an account exists at {@code address}. */
  public boolean accountExists(String address, String commitment) {
    ObjectNode cfg = config(commitment);
    cfg.put("encoding", "base64");
    JsonNode value = call("getAccountInfo", address, cfg).get("value");
    return value != null && !value.isNull();
  }

  /** The raw amount in a token account, or empty if the account does not exist. */
  public Optional<Long> getTokenAccountBalance(String tokenAccount, String commitment) {
    if (!accountExists(tokenAccount, commitment)) {
      return Optional.empty();
    }
    JsonNode value = value(call("getTokenAccountBalance", tokenAccount, config(commitment)), "getTokenAccountBalance");
    return Optional.of(parseAmount(text(value, "amount"), "getTokenAccountBalance"));
  }

  /** The fee in lamports the cluster charges for a serialized message, if its blockhash is known. */
  public Optional<Long> getFeeForMessage(String messageBase64, String commitment) {
    JsonNode value = call("getFeeForMessage", messageBase64, config(commitment)).get("value");
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(asLong(value, "getFeeForMessage"));
  }

  /** Submits a signed transaction once; returns the signature the node reports. */
  public String sendTransaction(String transactionBase64, boolean skipPreflight, String preflightCommitment) {
    ObjectNode cfg = JSON.createObjectNode();
    cfg.put("encoding", "base64");
    cfg.put("skipPreflight", skipPreflight);
    cfg.put("preflightCommitment", preflightCommitment);
    cfg.put("maxRetries", 0);
    JsonNode result = callOnce("sendTransaction", transactionBase64, cfg);
    if (!result.isTextual()) {
      throw new RpcException.Malformed("sendTransaction did not return a signature", null);
    }
    return result.asText();
  }

  /** Statuses of {@code signatures}, searching the full history; empty for unknown signatures. */
  public List<Optional<SignatureStatus>> getSignatureStatuses(List<String> signatures) {
    ObjectNode cfg = JSON.createObjectNode();
    cfg.put("searchTransactionHistory", true);
    JsonNode value = value(call("getSignatureStatuses", signatures, cfg), "getSignatureStatuses");
    if (!value.isArray() || value.size() != signatures.size()) {
      throw new RpcException.Malformed("getSignatureStatuses returned " + value.size() + " entries for "
          + signatures.size() + " signatures", null);
    }
    List<Optional<SignatureStatus>> out = new ArrayList<>();
    for (JsonNode s : value) {
      if (s == null || s.isNull()) {
        out.add(Optional.empty());
        continue;
      }
      JsonNode err = s.get("err");
      JsonNode conf = s.get("confirmations");
      out.add(Optional.of(new SignatureStatus(number(s, "slot"),
          conf == null || conf.isNull() ? Optional.empty() : Optional.of(conf.asLong()),
          err == null || err.isNull() ? Optional.empty() : Optional.of(err),
          s.path("confirmationStatus").asText("processed"))));
    }
    return out;
  }

  /** The transaction with {@code signature} at {@code commitment} ("json" encoding), or empty. */
  public Optional<JsonNode> getTransaction(String signature, String commitment) {
    ObjectNode cfg = config(commitment);
    cfg.put("encoding", "json");
    cfg.put("maxSupportedTransactionVersion", 0);
    JsonNode result = call("getTransaction", signature, cfg);
    if (result == null || result.isNull()) {
      return Optional.empty();
    }
    if (!result.isObject()) {
      throw new RpcException.Malformed("getTransaction returned a " + result.getNodeType(), null);
    }
    return Optional.of(result);
  }

  /** The newest {@code limit} signatures touching {@code address}. */
  public List<SignatureInfo> getSignaturesForAddress(String address, int limit, String commitment) {
    ObjectNode cfg = config(commitment);
    cfg.put("limit", limit);
    JsonNode result = call("getSignaturesForAddress", address, cfg);
    if (!result.isArray()) {
      throw new RpcException.Malformed("getSignaturesForAddress did not return an array", null);
    }
    List<SignatureInfo> out = new ArrayList<>();
    for (JsonNode n : result) {
      JsonNode bt = n.get("blockTime");
      JsonNode err = n.get("err");
      JsonNode memo = n.get("memo");
      out.add(new SignatureInfo(text(n, "signature"), number(n, "slot"),
          bt == null || bt.isNull() ? Optional.empty() : Optional.of(bt.asLong()),
          err != null && !err.isNull(),
          memo == null || memo.isNull() ? Optional.empty() : Optional.of(memo.asText())));
    }
    return out;
  }

  /** The hash of the cluster's genesis block: its identity. */
  public String getGenesisHash() {
    JsonNode result = call("getGenesisHash");
    if (!result.isTextual()) {
      throw new RpcException.Malformed("getGenesisHash did not return a hash", null);
    }
    return result.asText();
  }

  /** Lamports an account of {@code size} bytes must hold to be rent exempt. */
  public long getMinimumBalanceForRentExemption(int size) {
    return asLong(call("getMinimumBalanceForRentExemption", size), "getMinimumBalanceForRentExemption");
  }

  /** Asks the cluster's faucet (localnet, devnet) for {@code lamports}; returns the signature. */
  public String requestAirdrop(String address, long lamports) {
    // Once only: a retried airdrop whose first answer was lost would be granted twice.
    JsonNode result = callOnce("requestAirdrop", address, lamports);
    if (!result.isTextual()) {
      throw new RpcException.Malformed("requestAirdrop did not return a signature", null);
    }
    return result.asText();
  }

  private static ObjectNode config(String commitment) {
    ObjectNode cfg = JSON.createObjectNode();
    cfg.put("commitment", commitment);
    return cfg;
  }

  private static JsonNode value(JsonNode result, String method) {
    JsonNode value = result == null ? null : result.get("value");
    if (value == null) {
      throw new RpcException.Malformed(method + " result has no value", null);
    }
    return value;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new RpcException.Malformed("expected text field " + field, null);
    }
    return v.asText();
  }

  private static long number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToLong()) {
      throw new RpcException.Malformed("expected integer field " + field, null);
    }
    return v.asLong();
  }

  private static long asLong(JsonNode node, String method) {
    if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
      throw new RpcException.Malformed(method + " did not return an integer", null);
    }
    return node.asLong();
  }

  private static long parseAmount(String s, String method) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new RpcException.Malformed(method + " returned a non-integer amount", e);
    }
  }

}
