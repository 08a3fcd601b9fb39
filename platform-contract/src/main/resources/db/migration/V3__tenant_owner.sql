-- The UID of the Tenant a registration was made for: the operator changes or removes a tenant's rows
-- only under its own registration, never another Tenant's of the same namespace and name (one deleted
-- with deletionPolicy Retain) nor one made by hand. NULL: registered before owners were recorded.
ALTER TABLE tenants ADD COLUMN owner_uid VARCHAR(64) NULL;
