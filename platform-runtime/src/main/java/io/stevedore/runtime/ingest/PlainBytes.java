package io.stevedore.runtime.ingest;

/**
 * Eight bytes at a time (SWAR): whether none of them ends or escapes a JSON string or falls outside
 * printable ASCII, so a scan can step over them at once.
 */
final class PlainBytes {
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private PlainBytes() {}

  /**
   * Whether all eight bytes of {@code word} are printable ASCII other than a quote or backslash.
   */
  static boolean all(long word) {
    long special =
        zeroByte(word ^ (ONES * '"'))
            | zeroByte(word ^ (ONES * '\\'))
            | zeroByte(word ^ (ONES * 0x7f))
            | ((word - ONES * 0x20) & ~word) // a byte below 0x20 borrows into its high bit
            | word; // a byte of 0x80 or more has its high bit set
    return (special & HIGHS) == 0;
  }

  /** Has the high bit of some byte set if a byte of {@code word} is zero. */
  private static long zeroByte(long word) {
    return (word - ONES) & ~word;
  }
}
