package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Required;

/** How the platform reaches MySQL. */
public class MySqlSpec {

  /** Secret with the JDBC URL, username and password. */
  @Required private ConnectionSecretRef connectionSecretRef;

  public ConnectionSecretRef getConnectionSecretRef() {
    return connectionSecretRef;
  }

  public void setConnectionSecretRef(ConnectionSecretRef connectionSecretRef) {
    this.connectionSecretRef = connectionSecretRef;
  }
}
