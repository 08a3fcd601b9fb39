package io.stevedore.runtime;

import java.util.Map;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Test helper: a Spring environment whose environment variables are exactly the given ones. */
public final class TestEnvironments {

  private TestEnvironments() {}

  /** Like the container the operator starts: these variables, bound with Spring's env-var rules. */
  public static StandardEnvironment withVariables(Map<String, String> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.copyOf(variables)));
    return environment;
  }
}
