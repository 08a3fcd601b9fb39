package io.stevedore.runtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of the platform runtime: one jar that runs as ingest or worker (stevedore.role). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StevedoreRuntimeApplication {

  public static void main(String[] args) {
    SpringApplication.run(StevedoreRuntimeApplication.class, args);
  }
}
