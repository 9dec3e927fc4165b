--liquibase formatted sql

--changeset router:007-config-versions-store
--comment: Configuration store: linear history enforced by the database, origin of each version, key order kept
ALTER TABLE config_versions ADD COLUMN parent_id BIGINT;
ALTER TABLE config_versions ADD COLUMN action VARCHAR(32) NOT NULL DEFAULT 'config.save';
ALTER TABLE config_versions ADD COLUMN remote_address TEXT NOT NULL DEFAULT '';
ALTER TABLE config_versions ADD COLUMN document_text TEXT;
UPDATE config_versions v SET parent_id = COALESCE((SELECT max(p.id) FROM config_versions p WHERE p.id < v.id), 0);
ALTER TABLE config_versions ALTER COLUMN parent_id SET NOT NULL;
ALTER TABLE config_versions ADD CONSTRAINT uq_config_versions_parent UNIQUE (parent_id);
COMMENT ON COLUMN config_versions.parent_id IS 'The version this one was based on (0 for the first); UNIQUE: two saves based on the same version cannot both win, so the history stays linear even with several router instances';
COMMENT ON COLUMN config_versions.action IS 'config.save, config.rollback or config.import';
COMMENT ON COLUMN config_versions.remote_address IS 'Client address of the author, empty for local changes';
COMMENT ON COLUMN config_versions.document_text IS 'The document as JSON text with its key order (JSONB sorts keys); document holds the same value for queries';
--rollback ALTER TABLE config_versions DROP CONSTRAINT uq_config_versions_parent;
--rollback ALTER TABLE config_versions DROP COLUMN document_text, DROP COLUMN remote_address, DROP COLUMN action, DROP COLUMN parent_id;
