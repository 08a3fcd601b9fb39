package io.stevedore.sandbox.faults;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local port in front of a real service that a test can take down without touching the service
 * other tests share: {@link #refuse()} is a stopped process (open connections reset, new ones
 * refused), {@link #silence()} a hung one (connections accepted, nothing ever answered), {@link
 * #forward()} brings it back on the same port.
 */
public final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads = Executors.newCachedThreadPool(TcpProxy::daemon);
  private volatile ServerSocket server;
  private volatile boolean silent;
  private final AtomicLong clientBytes = new AtomicLong();

  /** Client bytes still forwarded before every connection is cut; negative: no cut planned. */
  private final AtomicLong cutIn = new AtomicLong(-1);

  private TcpProxy(InetSocketAddress target, boolean silent) {
    this.target = target;
    this.silent = silent;
    this.server = listen(0);
    this.port = server.getLocalPort();
    threads.execute(() -> accept(server));
  }

  /** A proxy forwarding to {@code host:port}. */
  public static TcpProxy to(String host, int port) {
    return new TcpProxy(new InetSocketAddress(host, port), false);
  }

  /** A port that accepts connections and never answers: a hung service from the start. */
  public static TcpProxy neverAnswering() {
    return new TcpProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), true);
  }

  /** A proxy forwarding to the host and port of an {@code http://} or {@code jdbc:} URL. */
  public static TcpProxy toUrl(String url) {
    URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
    return to(uri.getHost(), uri.getPort());
  }

  public int port() {
    return port;
  }

  /** Client connections open through the proxy right now. */
  public int openConnections() {
    return clients.size();
  }

  /** The URL {@code url} becomes when it goes through this proxy. */
  public String through(String url) {
    URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
    return url.replace(uri.getHost() + ":" + uri.getPort(), "127.0.0.1:" + port);
  }

  /** Bytes the clients have sent through the proxy so far. */
  public long clientBytes() {
    return clientBytes.get();
  }

  /**
   * Forwards {@code bytes} more from the clients, then drops every open connection (new ones are
   * forwarded again): a connection cut at an exact point of a conversation, whatever its timing.
   */
  public void cutAfterClientBytes(long bytes) {
    cutIn.set(bytes);
  }

  /** As if the service stopped: open connections reset, new ones refused. */
  public synchronized void refuse() {
    closeQuietly(server);
    dropConnections();
  }

  /** As if the service hung: connections are accepted, nothing is ever answered. */
  public synchronized void silence() {
    silent = true;
  }

  /** Forwards again, on the same port. */
  public synchronized void forward() {
    silent = false;
    if (server.isClosed()) {
      server = listen(port);
      ServerSocket current = server;
      threads.execute(() -> accept(current));
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly(server);
    dropConnections();
    threads.shutdownNow();
  }

  private void dropConnections() {
    sockets.forEach(TcpProxy::closeQuietly);
    sockets.clear();
    clients.clear();
  }

  private static ServerSocket listen(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void accept(ServerSocket listening) {
    while (!listening.isClosed()) {
      try {
        Socket client = listening.accept();
        sockets.add(client);
        clients.add(client);
        if (silent) {
          continue; // held open, never read: the client waits for an answer that never comes
        }
        Socket upstream = new Socket();
        sockets.add(upstream);
        try {
          upstream.connect(target, 2_000);
        } catch (IOException e) {
          closeQuietly(client);
          closeQuietly(upstream);
          clients.remove(client);
          continue;
        }
        threads.execute(() -> pump(client, upstream, true));
        threads.execute(() -> pump(upstream, client, false));
      } catch (IOException e) {
        // The listening socket was closed: refused until forward() listens again.
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int read;
      while ((read = in.read(buffer)) >= 0) {
        if (silent) {
          continue;
        }
        int forwarded = fromClient ? forwardable(read) : read;
        out.write(buffer, 0, forwarded);
        out.flush();
        if (fromClient && cutIn.compareAndSet(0, -1)) {
          dropConnections();
          return;
        }
      }
    } catch (IOException e) {
      // One side went away or the proxy refused: both ends close below.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
      clients.remove(from);
      clients.remove(to);
    }
  }

  /** How many of {@code read} client bytes may pass before a planned cut (which counts them). */
  private synchronized int forwardable(int read) {
    long left = cutIn.get();
    int allowed = left < 0 ? read : (int) Math.min(read, left);
    if (left >= 0) {
      cutIn.set(left - allowed);
    }
    clientBytes.addAndGet(allowed);
    return allowed;
  }

  private static Thread daemon(Runnable runnable) {
    Thread thread = new Thread(runnable, "tcp-proxy");
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // Closing is best effort.
    }
  }
}
