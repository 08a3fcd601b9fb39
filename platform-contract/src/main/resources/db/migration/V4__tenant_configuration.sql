-- Configuration as code: the rules and agent configuration a Tenant declares, as the operator wrote
-- them. One row per tenant whose Tenant (or Environment) declares either; workers poll rules_hash
-- every second and reload a tenant's rules when it changes; ingest serves agent_config with its ETag.
-- NULL rules_hash or agent_config: that part is not declared (rules then stay people's to edit).
CREATE TABLE tenant_configuration (
  namespace         VARCHAR(63)  NOT NULL,
  tenant            VARCHAR(63)  NOT NULL,
  generation        BIGINT       NOT NULL,
  rules_hash        CHAR(64)     NULL,
  agent_config      JSON         NULL,
  agent_config_etag VARCHAR(40)  NULL,
  updated_at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (namespace, tenant)
);

-- The name a declared rule has in its Tenant, so workers' warnings and people can tell rules apart.
ALTER TABLE tenant_rules ADD COLUMN name VARCHAR(63) NULL;
