package io.stevedore.runtime.config;

import java.util.regex.Pattern;

/** Hides secrets in values that get printed: passwords and credentials embedded in URLs. */
final class Redaction {

  static final String MASK = "****";

  private static final Pattern URL_USER_INFO_PASSWORD = Pattern.compile("(//[^:/@]*):[^@/]*@");
  private static final Pattern URL_PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

  private Redaction() {}

  /** A password as printed: masked when set, null when not. */
  static String password(String password) {
    return password == null ? null : MASK;
  }

  /** A URL as printed: a password in its user info or query parameters is masked. */
  static String url(String url) {
    if (url == null) {
      return null;
    }
    String masked = URL_USER_INFO_PASSWORD.matcher(url).replaceAll("$1:" + MASK + "@");
    return URL_PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
  }
}
