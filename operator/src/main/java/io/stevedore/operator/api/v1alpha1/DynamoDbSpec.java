package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** How the platform reaches DynamoDB, and how it names tenant tables there. */
public class DynamoDbSpec extends AwsServiceSpec {

  /**
   * Prefix of every tenant table name, e.g. `staging-`; keeps environments apart in one account.
   */
  @Required
  @Size(min = 1, max = 64)
  @Pattern("^[a-zA-Z0-9_.-]+$")
  private String tablePrefix;

  public String getTablePrefix() {
    return tablePrefix;
  }

  public void setTablePrefix(String tablePrefix) {
    this.tablePrefix = tablePrefix;
  }
}
