package io.stevedore.sandbox.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * What a platform started, closed in the reverse order; every close runs, the first failure wins.
 */
final class CloseStack implements AutoCloseable {
  private final List<AutoCloseable> closeables = new ArrayList<>();

  <T extends AutoCloseable> T add(T closeable) {
    closeables.add(closeable);
    return closeable;
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
