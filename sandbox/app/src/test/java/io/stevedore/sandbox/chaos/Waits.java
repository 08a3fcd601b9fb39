package io.stevedore.sandbox.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Awaitility waits that return the value they waited for. (Awaitility's own {@code until(supplier,
 * predicate)} describes a mismatch through Hamcrest, whose old copy on this classpath, brought by
 * DynamoDB Local, lacks the method it calls.)
 */
final class Waits {
  private Waits() {}

  static <T> T until(Duration atMost, Duration poll, Callable<T> value, Predicate<T> done) {
    AtomicReference<T> last = new AtomicReference<>();
    await()
        .atMost(atMost)
        .pollInterval(poll)
        .ignoreExceptions()
        .until(
            () -> {
              T current = value.call();
              last.set(current);
              return done.test(current);
            });
    return last.get();
  }
}
