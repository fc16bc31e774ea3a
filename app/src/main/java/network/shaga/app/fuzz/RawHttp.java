package network.shaga.app.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket from a chosen local address: the fuzzer must send bytes no HTTP
 * client library would produce, and appear as many machines to the server's per-address limit.
 * One request per connection ({@code Connection: close}); the request side is shut after writing
 * so that a short or lying body never leaves the server waiting.
 */
final class RawHttp {
  /** Longest answer read; the host API's answers are a few kilobytes. */
  private static final int MAX_RESPONSE = 256 * 1024;

  private RawHttp() {}

  /** A status line and body; {@code status} is -1 when the answer was not HTTP. */
  record Response(int status, byte[] body) {}

  /** The bytes of a request with {@code Host}, {@code Content-Length} and {@code Connection: close}. */
  static byte[] request(String method, String target, InetSocketAddress host,
      Map<String, String> headers, byte[] body) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put("Host", host.getAddress().getHostAddress() + ":" + host.getPort());
    all.put("Connection", "close");
    if (body.length > 0 || method.equals("POST")) {
      all.put("Content-Type", "application/json");
      all.put("Content-Length", Integer.toString(body.length));
    }
    all.putAll(headers);
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] out = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, out, h.length, body.length);
    return out;
  }

  /**
   * Sends {@code request} from {@code from} and reads the answer until the server closes; empty
   * when the server closed or reset without answering, or did not answer within the timeout.
   */
  static Optional<Response> exchange(InetAddress from, InetSocketAddress to, byte[] request,
      int timeoutMillis) throws IOException {
    try (Socket socket = new Socket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(to, timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      try {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // The server may answer and close before reading all of a bad request: read what it said.
      }
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0 && answer.size() < MAX_RESPONSE) {
          answer.write(buffer, 0, n);
        }
      } catch (IOException e) {
        if (answer.size() == 0) {
          return Optional.empty();
        }
      }
      return answer.size() == 0 ? Optional.empty() : Optional.of(parse(answer.toByteArray()));
    }
  }

  private static Response parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int lineEnd = text.indexOf("\r\n");
    int headEnd = text.indexOf("\r\n\r\n");
    String[] statusLine = (lineEnd < 0 ? text : text.substring(0, lineEnd)).split(" ");
    int status = -1;
    if (statusLine.length >= 2 && statusLine[0].startsWith("HTTP/")) {
      try {
        status = Integer.parseInt(statusLine[1]);
      } catch (NumberFormatException e) {
        status = -1;
      }
    }
    byte[] body = headEnd < 0 ? new byte[0] : Arrays.copyOfRange(raw, headEnd + 4, raw.length);
    return new Response(status, body);
  }
}
