package io.stevedore.runtime.worker.outage;

/** A store's circuit breaker is open (or probing): the batch was not attempted. */
public class DependencyUnavailableException extends RuntimeException {
  private final Dependency dependency;

  public DependencyUnavailableException(Dependency dependency) {
    super(dependency.tag() + " is unavailable (circuit breaker open)");
    this.dependency = dependency;
  }

  public Dependency dependency() {
    return dependency;
  }
}
