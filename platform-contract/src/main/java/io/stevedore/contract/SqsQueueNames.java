package io.stevedore.contract;

import java.util.Optional;

/**
 * A tenant's two queues on SQS (retry delays are visibility timeouts there, so there are no delay
 * queues): {@code tenant_<ns>_<name>} and {@code tenant_<ns>_<name>_dlq}. Namespace and name are
 * DNS-1123 labels, which never hold '_', so the parts come apart one way only; a name that would be
 * longer than SQS allows is cut and ends in {@code __} and 16 hex digits of SHA-256 of {@code
 * <ns>/<name>} ('__' never occurs in an uncut name). The operator chooses a tenant's names and
 * hands them to the runtime in the tenant directory; nothing else derives them.
 *
 * @param main the queue ingest publishes to and workers consume
 * @param deadLetter where workers put messages that failed processing too often
 */
public record SqsQueueNames(String main, String deadLetter) {

  /** Longest SQS queue name. */
  public static final int MAX_NAME = 80;

  /** What SQS allows in a queue name. */
  public static final String ALLOWED = "[A-Za-z0-9_-]{1,80}";

  private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
  private static final String DEAD_LETTER_SUFFIX = "_dlq";
  private static final int HASH_CHARS = 16;

  /**
   * The collision-free names of tenant {@code tenant} in namespace {@code namespace}.
   *
   * @throws IllegalArgumentException when either part is not a DNS-1123 label
   */
  public static SqsQueueNames of(String namespace, String tenant) {
    requireLabelCharacters("namespace", namespace);
    requireLabelCharacters("tenant", tenant);
    String main = "tenant_" + namespace + "_" + tenant;
    if (main.length() + DEAD_LETTER_SUFFIX.length() > MAX_NAME) {
      int room = MAX_NAME - DEAD_LETTER_SUFFIX.length() - 2 - HASH_CHARS;
      main = main.substring(0, room) + "__" + hash(namespace + "/" + tenant);
    }
    return new SqsQueueNames(main, main + DEAD_LETTER_SUFFIX);
  }

  /**
   * The names SQS queues had before {@link #of}: the RabbitMQ names with '.' turned into '-'
   * ({@code tenant-<ns>-<name>}, {@code tenant-<ns>-<name>-dlq}), which two tenants can share
   * (tenant {@code b-c} in {@code a} and {@code c} in {@code a-b}); empty when they were too long
   * for SQS, so no queue can have been made with them.
   */
  public static Optional<SqsQueueNames> legacy(String namespace, String tenant) {
    TenantQueues queues = TenantQueues.of(namespace, tenant);
    var names =
        new SqsQueueNames(queues.main().replace('.', '-'), queues.deadLetter().replace('.', '-'));
    return names.deadLetter().length() <= MAX_NAME ? Optional.of(names) : Optional.empty();
  }

  private static void requireLabelCharacters(String what, String value) {
    if (value == null || !value.matches(DNS_LABEL)) {
      throw new IllegalArgumentException(
          "the " + what + " '" + value + "' is not a DNS-1123 label: no SQS name is derived");
    }
  }

  private static String hash(String value) {
    return Sha256.hex(value).substring(0, HASH_CHARS);
  }
}
