-- The tenants the operator has provisioned in this database. A row exists from the moment its default
-- rules were written, so the operator never writes them twice, and never again over rules a person
-- edited or removed; a tenant deleted with deletionPolicy Delete loses its row and its rules.
CREATE TABLE tenants (
  namespace      VARCHAR(63)  NOT NULL,
  tenant         VARCHAR(63)  NOT NULL,
  provisioned_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (namespace, tenant)
);
