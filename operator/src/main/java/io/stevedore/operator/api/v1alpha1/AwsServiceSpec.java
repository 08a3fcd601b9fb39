package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Where an AWS service is reached; credentials come from the pod's IAM role. */
public class AwsServiceSpec {

  /** AWS region, e.g. `eu-west-1`. */
  @Required
  @Pattern("^[a-z]{2}(-[a-z]+)+-\\d$")
  private String region;

  /** Endpoint override, e.g. a VPC endpoint or a local emulator (DynamoDB Local, ElasticMQ). */
  @Pattern("^https?://\\S+$")
  private String endpoint;

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
}
