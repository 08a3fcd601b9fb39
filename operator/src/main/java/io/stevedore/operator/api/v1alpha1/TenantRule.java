package io.stevedore.operator.api.v1alpha1;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * One processing rule that workers apply to every event of the tenant before storing it, in list
 * order (the rule language of platform-runtime/RULES.md). Set exactly one of `drop`, `keep`,
 * `rename`, `geofence`. The first rule that drops an event ends the chain; later rules see the
 * payload as earlier rules left it.
 */
public class TenantRule {

  /**
   * The rule's name, unique in its list: a tenant's rule replaces the Environment's default rule of
   * the same name (in the default's place).
   */
  @Required
  @Pattern(Dns1123.LABEL)
  private String name;

  /** Drops events of these types. */
  private TypesRule drop;

  /** Keeps events of these types and drops every other. */
  private TypesRule keep;

  /** Moves a payload field to another name (overwriting it); no effect when it is absent. */
  private RenameRule rename;

  /**
   * Tags events whose payload `latitude`/`longitude` lie within a radius of a centre: sets the
   * payload field `tag` to `name`.
   */
  private GeofenceRule geofence;

  public TenantRule() {}

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public TypesRule getDrop() {
    return drop;
  }

  public void setDrop(TypesRule drop) {
    this.drop = drop;
  }

  public TypesRule getKeep() {
    return keep;
  }

  public void setKeep(TypesRule keep) {
    this.keep = keep;
  }

  public RenameRule getRename() {
    return rename;
  }

  public void setRename(RenameRule rename) {
    this.rename = rename;
  }

  public GeofenceRule getGeofence() {
    return geofence;
  }

  public void setGeofence(GeofenceRule geofence) {
    this.geofence = geofence;
  }
}
