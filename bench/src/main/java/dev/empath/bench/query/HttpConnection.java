package dev.empath.bench.query;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection issuing GETs and reading whole responses. Deliberately bare:
 * the load generator shares two cores with the server, so every cycle it spends is one the server
 * does not get.
 */
public final class HttpConnection implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;
  private final String host;
  private final String authorization;

  public HttpConnection(String host, int port, String apiKey) throws IOException {
    this.socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5_000);
    socket.setSoTimeout(30_000);
    this.out = socket.getOutputStream();
    this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.host = host + ":" + port;
    this.authorization = "Bearer " + apiKey;
  }

  /** Sends a GET and reads the response; returns the status code. */
  public int get(String path) throws IOException {
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\nHost: "
            + host
            + "\r\nAuthorization: "
            + authorization
            + "\r\nAccept: application/json\r\n\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String statusLine = readLine();
    if (statusLine == null || statusLine.length() < 12) {
      throw new IOException("connection closed by server");
    }
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          length = Integer.parseInt(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.contains("chunked")) {
          chunked = true;
        }
      }
    }
    if (chunked) {
      readChunked();
    } else if (length > 0) {
      skip(length);
    }
    return status;
  }

  private void readChunked() throws IOException {
    while (true) {
      int size = Integer.parseInt(readLine().trim(), 16);
      skip(size);
      readLine();
      if (size == 0) {
        return;
      }
    }
  }

  private void skip(int n) throws IOException {
    int left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("connection closed mid-body");
        }
        skipped = 1;
      }
      left -= (int) skipped;
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        return line.toString();
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
