package dev.empath.embedded;

import dev.empath.embedded.security.RedisSecurity;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Raw RESP {@code INFO}, without a client library: readiness checks need to know <em>which</em>
 * process answered, because a busy port is answered by whoever already holds it.
 */
final class RedisProbe {

  private static final int TIMEOUT_MILLIS = 500;
  private static final byte[] INFO = "INFO\r\n".getBytes(StandardCharsets.US_ASCII);

  private RedisProbe() {}

  /**
   * True once the server on {@code port} is the process {@code pid} and has finished loading its
   * data (an append-only file is replayed before it serves commands).
   */
  static boolean isReady(String host, int port, long pid) throws IOException {
    return isReady(host, port, pid, null);
  }

  /** As {@link #isReady(String, int, long)}, over TLS as the probe user of {@code security}. */
  static boolean isReady(String host, int port, long pid, RedisSecurity security)
      throws IOException {
    Map<String, String> info =
        security == null ? info(host, port) : securedInfo(host, port, security);
    return String.valueOf(pid).equals(info.get("process_id")) && "0".equals(info.get("loading"));
  }

  static Map<String, String> info(String host, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      return info(socket);
    }
  }

  private static Map<String, String> securedInfo(String host, int port, RedisSecurity security)
      throws IOException {
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      try (Socket socket =
          security
              .certificates()
              .clientContext()
              .getSocketFactory()
              .createSocket(plain, host, port, true)) {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        String user = RedisSecurity.PROBE_USER;
        OutputStream out = socket.getOutputStream();
        out.write(
            ("AUTH " + user + " " + security.password(user) + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String reply = readLine(socket.getInputStream());
        if (!reply.startsWith("+OK")) {
          throw new IOException("probe login refused: " + reply);
        }
        return info(socket);
      }
    }
  }

  private static Map<String, String> info(Socket socket) throws IOException {
    socket.setSoTimeout(TIMEOUT_MILLIS);
    OutputStream out = socket.getOutputStream();
    out.write(INFO);
    out.flush();
    InputStream in = socket.getInputStream();
    String header = readLine(in);
    if (!header.startsWith("$")) {
      throw new IOException("Unexpected reply to INFO: " + header);
    }
    return parse(
        new String(in.readNBytes(Integer.parseInt(header.substring(1))), StandardCharsets.UTF_8));
  }

  private static Map<String, String> parse(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String line : body.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        fields.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return fields;
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        throw new EOFException("Connection closed before a reply");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
