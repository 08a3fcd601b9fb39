package io.stevedore.runtime.worker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted fair order over per-tenant FIFO queues (deficit round robin, Shreedhar and Varghese
 * 1995, each item costing one unit): tenants with waiting items take turns, a tenant of weight w
 * taking up to w items per turn. While n tenants have items, each gets at least its weight over the
 * sum of theirs, whatever their backlog; a tenant with nothing waiting leaves the rotation, so its
 * share goes to the others (work-conserving), and comes back at the end of the rotation with no
 * credit saved up. Not thread-safe: the caller holds a lock.
 *
 * @param <T> what is queued
 */
public final class DeficitRoundRobin<T> {

  /** One tenant's queue and how many more items it may take in its current turn. */
  private static final class Lane<T> {
    final String key;
    final ArrayDeque<T> items = new ArrayDeque<>();
    int weight;
    int deficit;

    Lane(String key) {
      this.key = key;
    }
  }

  private final Map<String, Lane<T>> lanes = new HashMap<>();
  private final ArrayDeque<Lane<T>> rotation = new ArrayDeque<>();
  private int size;

  /**
   * Queues {@code item} last in {@code key}'s queue; {@code weight} (at least 1) applies from now
   * on to that key.
   */
  public void offer(String key, int weight, T item) {
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be at least 1, was " + weight);
    }
    Lane<T> lane = lanes.computeIfAbsent(key, Lane::new);
    lane.weight = weight;
    if (lane.items.isEmpty()) {
      rotation.addLast(lane);
    }
    lane.items.addLast(item);
    size++;
  }

  /** The next item in fair order, or null when nothing waits. */
  public T poll() {
    Lane<T> turn = rotation.peekFirst();
    if (turn == null) {
      return null;
    }
    if (turn.deficit < 1) {
      // Its turn starts: credit for weight items.
      turn.deficit += turn.weight;
    }
    T item = turn.items.pollFirst();
    turn.deficit--;
    size--;
    if (turn.items.isEmpty()) {
      // Idle tenants save no credit (DRR): coming back, it waits its turn like everyone.
      rotation.pollFirst();
      lanes.remove(turn.key);
    } else if (turn.deficit < 1) {
      rotation.addLast(rotation.pollFirst());
    }
    return item;
  }

  /** Removes and returns everything waiting, in fair order. */
  public List<T> pollAll() {
    List<T> all = new ArrayList<>(size);
    for (T item = poll(); item != null; item = poll()) {
      all.add(item);
    }
    return all;
  }

  /** Items waiting, all keys together. */
  public int size() {
    return size;
  }

  /** Items waiting for {@code key}. */
  public int size(String key) {
    Lane<T> lane = lanes.get(key);
    return lane == null ? 0 : lane.items.size();
  }
}
