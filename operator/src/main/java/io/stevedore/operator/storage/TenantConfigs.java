package io.stevedore.operator.storage;

import io.stevedore.operator.platform.ResourceOwner;
import java.sql.SQLException;

/**
 * Tenants' configuration rows as a Tenant's dependent manages them: MySQL ({@link
 * TenantConfigStore}), or an in-memory store in `./stevedore bench scale`.
 */
public interface TenantConfigs {

  /**
   * Registers the tenant and (when {@code writeDefaultRules}: it declares no rules) writes the
   * default rules, unless it is registered already; a registration that is not the owner's fails
   * with {@link io.stevedore.operator.platform.NameConflictException}, one that records no owner
   * and is the owner's by its status is marked now.
   */
  TenantConfigStore.Outcome ensure(
      MySqlEndpoint endpoint,
      String namespace,
      String tenant,
      ResourceOwner owner,
      boolean writeDefaultRules)
      throws SQLException;

  /** Whether the tenant is registered (its configuration exists). */
  boolean exists(MySqlEndpoint endpoint, String namespace, String tenant) throws SQLException;

  /**
   * Deletes everything the database holds for the tenant; nothing when the registration is not the
   * owner's.
   *
   * @return false when another Tenant's registration (or one made by hand) was left as it is
   */
  boolean remove(MySqlEndpoint endpoint, String namespace, String tenant, ResourceOwner owner)
      throws SQLException;
}
