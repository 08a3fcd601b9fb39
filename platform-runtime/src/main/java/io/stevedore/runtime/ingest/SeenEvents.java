package io.stevedore.runtime.ingest;

import java.util.Arrays;

/**
 * The (deviceId, eventId) pairs of a batch so far, as ranges of the body's bytes: finds a repeated
 * pair without making a String of either id. An open-addressing table of pair numbers.
 */
final class SeenEvents {
  private final byte[] body;
  private final int[] slots; // pair number + 1; 0 is empty
  private int[] ranges = new int[4 * 16]; // deviceFrom, deviceTo, eventFrom, eventTo per pair
  private int pairs;

  /**
   * @param body the bytes the ranges are in
   * @param maxPairs how many pairs at most will be added
   */
  SeenEvents(byte[] body, int maxPairs) {
    this.body = body;
    this.slots = new int[Integer.highestOneBit(Math.max(1, maxPairs)) * 4];
  }

  /** Adds the pair; returns true if it was there already. */
  boolean addIfAbsent(int deviceFrom, int deviceTo, int eventFrom, int eventTo) {
    int hash = 31 * hash(deviceFrom, deviceTo) + hash(eventFrom, eventTo);
    int mask = slots.length - 1;
    for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
      int pair = slots[slot] - 1;
      if (pair < 0) {
        remember(deviceFrom, deviceTo, eventFrom, eventTo);
        slots[slot] = pairs;
        return false;
      }
      int at = pair * 4;
      if (same(ranges[at], ranges[at + 1], deviceFrom, deviceTo)
          && same(ranges[at + 2], ranges[at + 3], eventFrom, eventTo)) {
        return true;
      }
    }
  }

  private void remember(int deviceFrom, int deviceTo, int eventFrom, int eventTo) {
    if (pairs * 4 + 4 > ranges.length) {
      ranges = Arrays.copyOf(ranges, ranges.length * 2);
    }
    int at = pairs++ * 4;
    ranges[at] = deviceFrom;
    ranges[at + 1] = deviceTo;
    ranges[at + 2] = eventFrom;
    ranges[at + 3] = eventTo;
  }

  private boolean same(int from, int to, int otherFrom, int otherTo) {
    return Arrays.equals(body, from, to, body, otherFrom, otherTo);
  }

  /** A hash of the range's length and up to its last eight bytes, where ids tend to differ. */
  private int hash(int from, int to) {
    int hash = to - from;
    for (int i = Math.max(from, to - 8); i < to; i++) {
      hash = 31 * hash + body[i];
    }
    return hash;
  }

  private static int mix(int hash) {
    return hash ^ (hash >>> 16);
  }
}
