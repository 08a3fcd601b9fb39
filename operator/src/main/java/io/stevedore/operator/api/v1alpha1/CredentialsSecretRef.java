package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Secret in the resource's namespace that holds a username and a password. */
public class CredentialsSecretRef {

  /** Name of the Secret. */
  @Required
  @Pattern(Dns1123.SUBDOMAIN)
  private String name;

  /** Key of the username in the Secret. */
  @Default("username")
  private String usernameKey = "username";

  /** Key of the password in the Secret. */
  @Default("password")
  private String passwordKey = "password";

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getUsernameKey() {
    return usernameKey;
  }

  public void setUsernameKey(String usernameKey) {
    this.usernameKey = usernameKey;
  }

  public String getPasswordKey() {
    return passwordKey;
  }

  public void setPasswordKey(String passwordKey) {
    this.passwordKey = passwordKey;
  }
}
