package io.stevedore.operator.tenant;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.stevedore.operator.api.v1alpha1.Tenant;
import io.stevedore.operator.kube.Labels;
import io.stevedore.operator.platform.TenantCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant's Secret (pure): the API key generated once and kept, the broker login, and credential
 * rotation with an overlap window. The Secret itself records which rotation it holds, so that a
 * crash between writing it and writing status never rotates twice.
 */
final class TenantSecret {
  /** Annotation on a Tenant whose every new value rotates its credentials. */
  static final String ROTATE_ANNOTATION = "stevedore.io/rotate-credentials";

  /** What {@link #desired} changed. */
  enum Change {
    NONE,
    CREATED,
    ROTATED,
    OVERLAP_ENDED,
    UPDATED
  }

  /** Where the tenant's broker user logs in; null when the Environment has no broker users. */
  record BrokerLogin(String url, String vhost) {}

  /** Makes new secrets. */
  record Generators(Supplier<String> apiKey, Supplier<String> password) {}

  /** The Secret to have, the credentials in it, and what changed. */
  record Desired(Secret secret, TenantCredentials credentials, Change change) {}

  private TenantSecret() {}

  static Desired desired(
      Tenant tenant,
      TenantNames names,
      BrokerLogin broker,
      Optional<Secret> existing,
      Instant now,
      Generators generate) {
    String token = annotation(tenant, ROTATE_ANNOTATION);
    Optional<TenantCredentials> current = existing.flatMap(TenantCredentials::read);
    TenantCredentials credentials;
    Change change;
    if (current.isEmpty()) {
      credentials =
          new TenantCredentials(
              generate.apiKey().get(),
              null,
              broker == null ? null : names.brokerUser(broker.vhost(), "a"),
              broker == null ? null : generate.password().get(),
              null,
              null,
              token,
              null,
              null);
      change = Change.CREATED;
    } else {
      credentials = current.get();
      change = Change.NONE;
      if (credentials.previousValidUntil() != null
          && !now.isBefore(credentials.previousValidUntil())) {
        credentials = withoutPrevious(credentials);
        change = Change.OVERLAP_ENDED;
      }
      if (token != null && !token.equals(credentials.rotationToken())) {
        credentials = rotate(credentials, names, broker, token, overlap(tenant), now, generate);
        change = Change.ROTATED;
      }
      TenantCredentials fitted = fitBroker(credentials, names, broker, generate);
      if (!fitted.equals(credentials) && change == Change.NONE) {
        change = Change.UPDATED;
      }
      credentials = fitted;
    }
    Secret secret = build(tenant, names, broker, credentials);
    if (change == Change.NONE && !sameContent(secret, existing.get())) {
      change = Change.UPDATED;
    }
    return new Desired(secret, credentials, change);
  }

  private static TenantCredentials rotate(
      TenantCredentials old,
      TenantNames names,
      BrokerLogin broker,
      String token,
      Duration overlap,
      Instant now,
      Generators generate) {
    boolean keepPrevious = !overlap.isZero();
    String nextUser = null;
    if (broker != null) {
      String slotA = names.brokerUser(broker.vhost(), "a");
      nextUser = slotA.equals(old.brokerUsername()) ? names.brokerUser(broker.vhost(), "b") : slotA;
    }
    return new TenantCredentials(
        generate.apiKey().get(),
        keepPrevious ? old.apiKey() : null,
        nextUser,
        broker == null ? null : generate.password().get(),
        keepPrevious ? old.brokerUsername() : null,
        keepPrevious ? old.brokerPassword() : null,
        token,
        now,
        keepPrevious ? now.plus(overlap) : null);
  }

  /** Adds or drops the broker login when the Environment gains or loses broker users. */
  private static TenantCredentials fitBroker(
      TenantCredentials c, TenantNames names, BrokerLogin broker, Generators generate) {
    if (broker == null) {
      return c.brokerUsername() == null && c.previousBrokerUsername() == null
          ? c
          : new TenantCredentials(
              c.apiKey(),
              c.previousApiKey(),
              null,
              null,
              null,
              null,
              c.rotationToken(),
              c.rotatedAt(),
              c.previousValidUntil());
    }
    boolean known =
        TenantNames.BROKER_USER_SLOTS.stream()
            .anyMatch(slot -> names.brokerUser(broker.vhost(), slot).equals(c.brokerUsername()));
    if (known && c.brokerPassword() != null) {
      return c;
    }
    return new TenantCredentials(
        c.apiKey(),
        c.previousApiKey(),
        names.brokerUser(broker.vhost(), "a"),
        generate.password().get(),
        null,
        null,
        c.rotationToken(),
        c.rotatedAt(),
        c.previousValidUntil());
  }

  private static TenantCredentials withoutPrevious(TenantCredentials c) {
    return new TenantCredentials(
        c.apiKey(),
        null,
        c.brokerUsername(),
        c.brokerPassword(),
        null,
        null,
        c.rotationToken(),
        c.rotatedAt(),
        null);
  }

  private static Secret build(
      Tenant tenant, TenantNames names, BrokerLogin broker, TenantCredentials credentials) {
    var labels = Labels.of("tenant-credentials", names.tenant(), tenant.getSpec().getEnvironment());
    labels.put(Labels.TENANT, names.tenant());
    if (tenant.getMetadata().getUid() != null) {
      labels.put(Labels.TENANT_UID, tenant.getMetadata().getUid());
    }
    Map<String, String> info = new LinkedHashMap<>();
    info.put("queue", names.queues().main());
    info.put("deadLetterQueue", names.queues().deadLetter());
    if (broker != null) {
      info.put("brokerUrl", broker.url());
      info.put("brokerVhost", broker.vhost());
    }
    return new SecretBuilder()
        .withNewMetadata()
        .withName(names.secret())
        .withNamespace(names.namespace())
        .withLabels(labels)
        .withAnnotations(credentials.annotations())
        .endMetadata()
        .withType("Opaque")
        .withData(credentials.data(info))
        .build();
  }

  private static boolean sameContent(Secret desired, Secret existing) {
    Map<String, String> annotations =
        Objects.requireNonNullElse(existing.getMetadata().getAnnotations(), Map.of());
    Map<String, String> labels =
        Objects.requireNonNullElse(existing.getMetadata().getLabels(), Map.of());
    return Objects.equals(desired.getData(), existing.getData())
        && labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
        && desired.getMetadata().getAnnotations().entrySet().stream()
            .allMatch(e -> e.getValue().equals(annotations.get(e.getKey())))
        && annotations.keySet().stream()
            .filter(k -> k.startsWith("stevedore.io/"))
            .allMatch(desired.getMetadata().getAnnotations()::containsKey);
  }

  private static Duration overlap(Tenant tenant) {
    var credentials = tenant.getSpec().getCredentials();
    Integer seconds = credentials == null ? null : credentials.getOverlapSeconds();
    return Duration.ofSeconds(seconds == null ? 3600 : seconds);
  }

  private static String annotation(Tenant tenant, String key) {
    var annotations = tenant.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(key);
    return value == null || value.isBlank() ? null : value;
  }
}
