--liquibase formatted sql

--changeset router:010-spool-files-sop
--comment: POST /api/deid/test and router:deid-test --sop find an instance still in the spool by its SOP Instance UID; without this they scan every spool_files row ever received
CREATE INDEX idx_spool_files_sop_live ON spool_files (sop_instance_uid) WHERE deleted_at IS NULL;
--rollback DROP INDEX idx_spool_files_sop_live;
