package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;

/** A Secret that holds a connection URL as well as a username and a password. */
public class ConnectionSecretRef extends CredentialsSecretRef {

  /** Key of the connection URL in the Secret, e.g. `jdbc:mysql://mysql:3306/stevedore`. */
  @Default("url")
  private String urlKey = "url";

  public String getUrlKey() {
    return urlKey;
  }

  public void setUrlKey(String urlKey) {
    this.urlKey = urlKey;
  }
}
