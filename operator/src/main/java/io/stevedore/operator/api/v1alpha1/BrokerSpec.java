package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The message broker of an Environment; set the section that matches `type`. */
@ValidationRule(
    value = "self.type != 'RabbitMQ' || has(self.rabbitmq)",
    message = "broker.rabbitmq is required when broker.type is RabbitMQ")
@ValidationRule(
    value = "self.type != 'SQS' || has(self.sqs)",
    message = "broker.sqs is required when broker.type is SQS")
public class BrokerSpec {

  /** `RabbitMQ` or `SQS`. */
  @Required private BrokerType type;

  /** RabbitMQ connection; required when type is RabbitMQ. */
  private RabbitMqSpec rabbitmq;

  /** Amazon SQS connection; required when type is SQS. */
  private SqsSpec sqs;

  public BrokerType getType() {
    return type;
  }

  public void setType(BrokerType type) {
    this.type = type;
  }

  public RabbitMqSpec getRabbitmq() {
    return rabbitmq;
  }

  public void setRabbitmq(RabbitMqSpec rabbitmq) {
    this.rabbitmq = rabbitmq;
  }

  public SqsSpec getSqs() {
    return sqs;
  }

  public void setSqs(SqsSpec sqs) {
    this.sqs = sqs;
  }
}
