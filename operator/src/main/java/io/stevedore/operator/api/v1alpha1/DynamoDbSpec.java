package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** How the platform reaches DynamoDB (credentials come from the pod's IAM role). */
public class DynamoDbSpec {

  /** AWS region, e.g. `eu-west-1`. */
  @Required
  @Pattern("^[a-z]{2}(-[a-z]+)+-\\d$")
  private String region;

  /** Endpoint override, e.g. for DynamoDB Local. */
  @Pattern("^https?://\\S+$")
  private String endpoint;

  /**
   * Prefix of every tenant table name, e.g. `staging-`; keeps environments apart in one account.
   */
  @Required
  @Size(min = 1, max = 64)
  @Pattern("^[a-zA-Z0-9_.-]+$")
  private String tablePrefix;

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getTablePrefix() {
    return tablePrefix;
  }

  public void setTablePrefix(String tablePrefix) {
    this.tablePrefix = tablePrefix;
  }
}
