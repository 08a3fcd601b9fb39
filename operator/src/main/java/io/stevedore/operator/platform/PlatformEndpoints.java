package io.stevedore.operator.platform;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stevedore.operator.api.v1alpha1.CredentialsSecretRef;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.broker.RabbitEndpoint;
import io.stevedore.operator.storage.MySqlEndpoint;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves an Environment's broker and MySQL endpoints, reading the credentials from the Secrets it
 * references. Secrets are cached briefly, so that loops polling every second do not read them from
 * the API server each time; a changed Secret is picked up within {@link #CACHE_TTL}.
 */
public final class PlatformEndpoints {
  static final Duration CACHE_TTL = Duration.ofSeconds(15);

  private record Cached(Secret secret, Instant readAt) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Cached> secrets = new ConcurrentHashMap<>();

  public PlatformEndpoints(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The RabbitMQ endpoint of {@code environment}, which must have a `broker.rabbitmq` section. */
  public RabbitEndpoint rabbit(Environment environment) throws CredentialsNotFoundException {
    var rabbit = environment.getSpec().getBroker().getRabbitmq();
    if (rabbit == null) {
      throw new IllegalArgumentException(
          "Environment " + environment.getMetadata().getName() + " has no RabbitMQ broker");
    }
    CredentialsSecretRef ref = rabbit.getCredentialsSecretRef();
    Secret secret = secret(environment, ref.getName());
    return new RabbitEndpoint(
        URI.create(rabbit.getUrl()),
        rabbit.getVhost() == null ? "/" : rabbit.getVhost(),
        value(environment, secret, ref.getUsernameKey()),
        value(environment, secret, ref.getPasswordKey()),
        rabbit.getManagementUrl() == null || rabbit.getManagementUrl().isBlank()
            ? null
            : URI.create(rabbit.getManagementUrl()));
  }

  /** The MySQL endpoint of {@code environment}. */
  public MySqlEndpoint mysql(Environment environment) throws CredentialsNotFoundException {
    var ref = environment.getSpec().getStorage().getMysql().getConnectionSecretRef();
    Secret secret = secret(environment, ref.getName());
    return new MySqlEndpoint(
        value(environment, secret, ref.getUrlKey()),
        value(environment, secret, ref.getUsernameKey()),
        value(environment, secret, ref.getPasswordKey()));
  }

  /** Forgets cached Secrets, e.g. after credentials were refused. */
  public void invalidate() {
    secrets.clear();
  }

  private Secret secret(Environment environment, String name) throws CredentialsNotFoundException {
    String namespace = environment.getMetadata().getNamespace();
    String key = namespace + "/" + name;
    Instant now = clock.instant();
    Cached cached = secrets.get(key);
    if (cached == null || cached.readAt().plus(CACHE_TTL).isBefore(now)) {
      Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
      if (secret == null) {
        secrets.remove(key);
        throw new CredentialsNotFoundException(
            "Secret '"
                + name
                + "' (referenced by Environment '"
                + environment.getMetadata().getName()
                + "') does not exist in namespace '"
                + namespace
                + "'");
      }
      cached = new Cached(secret, now);
      secrets.put(key, cached);
    }
    return cached.secret();
  }

  private static String value(Environment environment, Secret secret, String key)
      throws CredentialsNotFoundException {
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    String plain = secret.getStringData() == null ? null : secret.getStringData().get(key);
    if (encoded == null && plain == null) {
      throw new CredentialsNotFoundException(
          "Secret '"
              + secret.getMetadata().getName()
              + "' (referenced by Environment '"
              + environment.getMetadata().getName()
              + "') has no key '"
              + key
              + "'");
    }
    return plain != null
        ? plain
        : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
  }
}
