package io.stevedore.runtime.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging cursors: a position (a sort key) in the caller's own table, base64url-encoded. A
 * cursor names no table, so one handed to another tenant is only a position in that tenant's table.
 */
final class Cursors {
  private Cursors() {}

  static String encode(String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(position.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException for a cursor this API did not return
   */
  static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor is not one this API returned");
    }
  }
}
