-- Tenant configuration the workers and ingest read, and the processing log the workers write.
-- A tenant is (namespace, tenant): Tenant resources are namespaced.

CREATE TABLE tenant_rules (
  namespace  VARCHAR(63)  NOT NULL,
  tenant     VARCHAR(63)  NOT NULL,
  position   INT          NOT NULL,
  rule       JSON         NOT NULL,
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (namespace, tenant, position)
);

CREATE TABLE agent_config (
  namespace  VARCHAR(63)  NOT NULL,
  tenant     VARCHAR(63)  NOT NULL,
  device_id  VARCHAR(128) NOT NULL,
  config     JSON         NOT NULL,
  updated_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
  PRIMARY KEY (namespace, tenant, device_id)
);

-- One row per processed batch; the unique key makes a redelivered batch update its row, not add one.
CREATE TABLE processing_log (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  namespace     VARCHAR(63)  NOT NULL,
  tenant        VARCHAR(63)  NOT NULL,
  batch_id      VARCHAR(64)  NOT NULL,
  received      INT          NOT NULL,
  stored        INT          NOT NULL,
  dropped       INT          NOT NULL,
  dead_lettered INT          NOT NULL,
  attempts      INT          NOT NULL,
  worker        VARCHAR(253) NOT NULL,
  processed_at  TIMESTAMP(3) NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY processing_log_batch (namespace, tenant, batch_id),
  KEY processing_log_time (namespace, tenant, processed_at)
);
