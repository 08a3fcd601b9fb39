package io.stevedore.operator.environment;

import io.stevedore.operator.api.v1alpha1.BrokerSpec;
import io.stevedore.operator.api.v1alpha1.BrokerType;
import io.stevedore.operator.api.v1alpha1.Dns1123;
import io.stevedore.operator.api.v1alpha1.Environment;
import io.stevedore.operator.api.v1alpha1.MonitoringSpec;
import io.stevedore.operator.api.v1alpha1.ScrapeSource;
import io.stevedore.operator.kube.ResourceLimits;
import io.stevedore.operator.platform.PlatformNames;
import java.util.ArrayList;
import java.util.List;

/** What the CRD schema cannot check about an Environment; each problem is a sentence for users. */
public final class EnvironmentValidation {
  private EnvironmentValidation() {}

  public static List<String> problems(Environment environment) {
    List<String> problems = new ArrayList<>();
    String name = environment.getMetadata().getName();
    if (name.length() > PlatformNames.MAX_ENVIRONMENT_NAME) {
      problems.add(
          "metadata.name: at most "
              + PlatformNames.MAX_ENVIRONMENT_NAME
              + " characters, so that derived Service names fit 63");
    }
    var spec = environment.getSpec();
    if (spec == null || spec.getRelease() == null) {
      problems.add("spec.release: required");
      return problems;
    }
    String version = spec.getRelease().getVersion();
    if (version == null || !version.matches(Dns1123.LABEL_VALUE)) {
      problems.add(
          "spec.release.version: '"
              + version
              + "' is not a valid label value (letters, digits, '-', '_', '.', at most 63,"
              + " starting and ending with a letter or digit)");
    }
    if (spec.getBroker() == null || spec.getBroker().getType() == null) {
      problems.add("spec.broker.type: required (RabbitMQ or SQS)");
    } else {
      problems.addAll(brokerProblems(spec.getBroker()));
    }
    if (spec.getStorage() == null
        || spec.getStorage().getDynamodb() == null
        || spec.getStorage().getMysql() == null) {
      problems.add("spec.storage: both dynamodb and mysql are required");
    }
    if (spec.getIngest() != null) {
      problems.addAll(
          ResourceLimits.problems("spec.ingest.resources", spec.getIngest().getResources()));
    }
    String account = spec.getServiceAccountName();
    if (account != null && (account.length() > 253 || !account.matches(Dns1123.SUBDOMAIN))) {
      problems.add("spec.serviceAccountName: '" + account + "' is not a valid ServiceAccount name");
    }
    problems.addAll(scrapeSourceProblems(spec.getMonitoring()));
    return problems;
  }

  /** A scrape source without selectors would be a NetworkPolicy peer the API server refuses. */
  private static List<String> scrapeSourceProblems(MonitoringSpec monitoring) {
    List<String> problems = new ArrayList<>();
    if (monitoring == null || monitoring.getScrapeFrom() == null) {
      return problems;
    }
    for (int i = 0; i < monitoring.getScrapeFrom().size(); i++) {
      ScrapeSource source = monitoring.getScrapeFrom().get(i);
      if (source == null
          || (source.getNamespaceSelector() == null && source.getPodSelector() == null)) {
        problems.add(
            "spec.monitoring.scrapeFrom["
                + i
                + "]: set namespaceSelector, podSelector or both ({} selects all)");
      }
    }
    return problems;
  }

  private static List<String> brokerProblems(BrokerSpec broker) {
    List<String> problems = new ArrayList<>();
    boolean rabbit = broker.getType() == BrokerType.RabbitMQ;
    if (rabbit && broker.getRabbitmq() == null) {
      problems.add("spec.broker.rabbitmq: required when broker.type is RabbitMQ");
    }
    if (!rabbit && broker.getSqs() == null) {
      problems.add("spec.broker.sqs: required when broker.type is SQS");
    }
    if (rabbit && broker.getSqs() != null) {
      problems.add("spec.broker.sqs: must not be set when broker.type is RabbitMQ");
    }
    if (!rabbit && broker.getRabbitmq() != null) {
      problems.add("spec.broker.rabbitmq: must not be set when broker.type is SQS");
    }
    return problems;
  }
}
