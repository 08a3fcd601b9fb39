package io.stevedore.sandbox;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a sandbox run has started, closed in reverse order exactly once: when the run ends, or from
 * a shutdown hook when the JVM is stopped (SIGTERM, SIGHUP, Ctrl-C), since the JVM does not wait
 * for the main thread then.
 */
final class RunResources implements AutoCloseable {
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private boolean closed;

  /** Resources that a shutdown hook closes if the JVM is stopped first. */
  static RunResources closedOnShutdown() {
    var resources = new RunResources();
    Runtime.getRuntime().addShutdownHook(new Thread(resources::close, "sandbox-shutdown"));
    return resources;
  }

  /** Adds a resource just started; if the run is already stopping, closes it at once and throws. */
  synchronized <T extends AutoCloseable> T add(T resource) {
    if (closed) {
      closeQuietly(resource);
      throw new IllegalStateException("the sandbox is stopping");
    }
    started.push(resource);
    return resource;
  }

  /** Waits until the run is stopping or {@code timeout} passes; true if stopping. */
  boolean awaitStopping(Duration timeout) throws InterruptedException {
    return stopping.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    stopping.countDown();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      while (!started.isEmpty()) {
        closeQuietly(started.pop());
      }
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      System.err.println("Could not stop " + resource.getClass().getSimpleName() + ": " + e);
    }
  }
}
