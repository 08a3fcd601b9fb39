package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Required;

/** The stores of an Environment. */
public class StorageSpec {

  /** DynamoDB, which holds each tenant's records. */
  @Required private DynamoDbSpec dynamodb;

  /** MySQL, which holds tenant configuration, processing rules and processing logs. */
  @Required private MySqlSpec mysql;

  public DynamoDbSpec getDynamodb() {
    return dynamodb;
  }

  public void setDynamodb(DynamoDbSpec dynamodb) {
    this.dynamodb = dynamodb;
  }

  public MySqlSpec getMysql() {
    return mysql;
  }

  public void setMysql(MySqlSpec mysql) {
    this.mysql = mysql;
  }
}
