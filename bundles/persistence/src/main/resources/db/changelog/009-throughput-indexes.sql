--liquibase formatted sql

--changeset router:009-throughput-indexes
--comment: GET /api/metrics/throughput (the dashboard's last hour) reads instances by time: received (spool_files.received_at, including those already removed from the spool) and delivered (transfer_instances DONE by updated_at); without these it scans both tables every poll
CREATE INDEX idx_spool_files_received_all ON spool_files (received_at);
CREATE INDEX idx_transfer_instances_done_updated ON transfer_instances (updated_at) WHERE status = 'DONE';
--rollback DROP INDEX idx_transfer_instances_done_updated; DROP INDEX idx_spool_files_received_all;
