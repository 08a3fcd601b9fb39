package io.stevedore.runtime.bench;

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
  private final byte[] headBuffer = new byte[16 * 1024];
  // Our own read buffer: BufferedInputStream synchronizes every read() of a byte.
  private final byte[] buffer = new byte[8192];
  private int position;
  private int limit;

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
    String head = readHead();
    int status = Integer.parseInt(head.substring(9, 12));
    String headers = head.toLowerCase(Locale.ROOT);
    if (headers.contains("\r\ntransfer-encoding: chunked")) {
      for (long size = chunkSize(); size > 0; size = chunkSize()) {
        skip(size + 2);
      }
      while (read() != '\n') {} // the empty trailer's line end
    } else {
      int at = headers.indexOf("\r\ncontent-length:");
      if (at >= 0) {
        int end = headers.indexOf('\r', at + 2);
        skip(Long.parseLong(headers.substring(at + 17, end).trim()));
      }
    }
    if (headers.contains("\r\nconnection: close")) {
      close();
    }
    return status;
  }

  /** The status line and headers, up to the empty line, read from the socket's own buffer. */
  private String readHead() throws IOException {
    int length = 0;
    while (length < 4
        || headBuffer[length - 4] != '\r'
        || headBuffer[length - 3] != '\n'
        || headBuffer[length - 2] != '\r'
        || headBuffer[length - 1] != '\n') {
      int c = read();
      if (c < 0) {
        throw new IOException("Connection closed by the server");
      }
      headBuffer[length++] = (byte) c;
    }
    return new String(headBuffer, 0, length, StandardCharsets.ISO_8859_1);
  }

  private long chunkSize() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("Connection closed by the server");
      }
      if (c != '\r' && c != ';') {
        line.append((char) c);
      }
    }
    return Long.parseLong(line.toString(), 16);
  }

  private int read() throws IOException {
    if (position == limit) {
      limit = in.read(buffer, 0, buffer.length);
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return -1;
      }
    }
    return buffer[position++] & 0xff;
  }

  private void skip(long count) throws IOException {
    for (long left = count; left > 0; left--) {
      if (read() < 0) {
        throw new IOException("Connection closed by the server");
      }
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(server);
    in = socket.getInputStream();
    position = 0;
    limit = 0;
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
