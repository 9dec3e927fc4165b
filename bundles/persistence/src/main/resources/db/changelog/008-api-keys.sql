--liquibase formatted sql

--changeset router:008-api-keys-active-unique
--comment: API key names and prefixes need to be unique only among keys that are not revoked: a revoked key keeps its row (audit) while a new key may take its name, and a replaced ROUTER_ADMIN_KEY may share its predecessor's prefix
ALTER TABLE api_keys DROP CONSTRAINT api_keys_name_key;
ALTER TABLE api_keys DROP CONSTRAINT api_keys_key_prefix_key;
CREATE UNIQUE INDEX uq_api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL;
CREATE UNIQUE INDEX uq_api_keys_active_prefix ON api_keys (key_prefix) WHERE revoked_at IS NULL;
--rollback DROP INDEX uq_api_keys_active_prefix; DROP INDEX uq_api_keys_active_name; ALTER TABLE api_keys ADD CONSTRAINT api_keys_key_prefix_key UNIQUE (key_prefix); ALTER TABLE api_keys ADD CONSTRAINT api_keys_name_key UNIQUE (name);
