package io.stevedore.sandbox.cluster.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The recent changes of every object, in resource-version order, so a plain HTTP watch can be
 * answered with "what happened since resourceVersion N". Bounded: a client that asks for history
 * that was dropped gets "too old resource version" and relists, as on a real API server.
 */
final class WatchJournal {
  /**
   * One change. {@code before} is null for a creation, {@code after} for a deletion (then the
   * object is its last state, with the deletion's resource version).
   */
  record Change(long resourceVersion, JsonNode before, JsonNode after) {
    JsonNode object() {
      return after != null ? after : before;
    }
  }

  /** A change as one watcher sees it, through its selection. */
  record Event(String type, JsonNode object) {}

  /** The events after the watcher's version, and the newest version they are complete up to. */
  record Page(List<Event> events, long resourceVersion) {}

  private final int capacity;
  private final Deque<Change> changes = new ArrayDeque<>();
  private long dropped;
  private long latest;

  WatchJournal(int capacity) {
    this.capacity = capacity;
  }

  synchronized void record(Change change) {
    changes.addLast(change);
    notifyAll();
    latest = Math.max(latest, change.resourceVersion());
    while (changes.size() > capacity) {
      dropped = changes.removeFirst().resourceVersion();
    }
  }

  /**
   * What a watcher selecting {@code selected} objects sees after {@code since}: an object entering
   * its selection is ADDED, leaving it DELETED, changing within it MODIFIED. Empty when that
   * history was dropped.
   */
  synchronized Optional<Page> since(long since, Predicate<JsonNode> selected) {
    if (since < dropped) {
      return Optional.empty();
    }
    List<Event> events = new ArrayList<>();
    for (Change change : changes) {
      if (change.resourceVersion() <= since) {
        continue;
      }
      boolean was = change.before() != null && selected.test(change.before());
      boolean is = change.after() != null && selected.test(change.after());
      if (was && is) {
        events.add(new Event("MODIFIED", change.after()));
      } else if (was) {
        events.add(new Event("DELETED", change.after() != null ? change.after() : change.before()));
      } else if (is) {
        events.add(new Event("ADDED", change.after()));
      }
    }
    return Optional.of(new Page(events, Math.max(since, latest)));
  }

  /** As {@link #since}, waiting up to {@code timeout} for a change the watcher sees. */
  synchronized Optional<Page> awaitSince(long since, Predicate<JsonNode> selected, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<Page> page = since(since, selected);
    long remaining;
    while (page.isPresent()
        && page.get().events().isEmpty()
        && (remaining = deadline - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
      page = since(since, selected);
    }
    return page;
  }
}
