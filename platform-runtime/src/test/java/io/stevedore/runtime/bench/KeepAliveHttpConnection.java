package io.stevedore.runtime.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client connection for load generation: POSTs over one keep-alive socket and
 * reads back only the status, so that the client spends as little of the machine's CPU as possible.
 * Reconnects when the server closes the connection (Tomcat does after max-keep-alive-requests).
 */
final class KeepAliveHttpConnection implements AutoCloseable {
  private final InetSocketAddress server;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  KeepAliveHttpConnection(InetSocketAddress server) {
    this.server = server;
  }

  /** POSTs {@code body} as JSON to {@code path}; returns the status code. */
  int post(String path, String apiKey, byte[] body) throws IOException {
    if (socket == null) {
      connect();
    }
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Authorization: Bearer "
            + apiKey
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return readResponse();
  }

  private int readResponse() throws IOException {
    String statusLine = readLine();
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    boolean close = false;
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      String header = line.toLowerCase(Locale.ROOT);
      if (header.startsWith("content-length:")) {
        contentLength = Long.parseLong(header.substring(15).trim());
      } else if (header.startsWith("transfer-encoding:") && header.contains("chunked")) {
        chunked = true;
      } else if (header.startsWith("connection:") && header.contains("close")) {
        close = true;
      }
    }
    if (chunked) {
      for (long size = chunkSize(); size > 0; size = chunkSize()) {
        in.skipNBytes(size + 2);
      }
      readLine();
    } else if (contentLength > 0) {
      in.skipNBytes(contentLength);
    }
    if (close) {
      close();
    }
    return status;
  }

  private long chunkSize() throws IOException {
    String line = readLine();
    int extension = line.indexOf(';');
    return Long.parseLong(extension < 0 ? line : line.substring(0, extension), 16);
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("Connection closed by the server");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(server);
    in = new BufferedInputStream(socket.getInputStream(), 8192);
    out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
      socket = null;
    }
  }
}
