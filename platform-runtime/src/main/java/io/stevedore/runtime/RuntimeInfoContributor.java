package io.stevedore.runtime;

import io.stevedore.runtime.config.StevedoreProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.stereotype.Component;

/** Reports which role, environment and release this instance runs, under "stevedore" in /info. */
@Component
class RuntimeInfoContributor implements InfoContributor {

  private final StevedoreProperties properties;

  RuntimeInfoContributor(StevedoreProperties properties) {
    this.properties = properties;
  }

  @Override
  public void contribute(Info.Builder builder) {
    Map<String, Object> runtime = new LinkedHashMap<>();
    runtime.put("role", properties.role().value());
    if (properties.environment() != null) {
      runtime.put("environment", properties.environment());
    }
    if (properties.releaseVersion() != null) {
      runtime.put("releaseVersion", properties.releaseVersion());
    }
    builder.withDetail("stevedore", runtime);
  }
}
