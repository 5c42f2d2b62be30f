-- Training job queue: scheduled retrains and visible workers.

-- The cron slot a scheduled retrain was enqueued for; null for jobs a client created.
ALTER TABLE training_job ADD COLUMN scheduled_for timestamptz;

-- Several app replicas run the retrain scheduler: each slot of a catalog's schedule enqueues at most
-- one job, and no scheduled job is enqueued while another of the catalog's is still queued.
CREATE UNIQUE INDEX training_job_schedule_slot ON training_job (catalog_id, scheduled_for);
CREATE UNIQUE INDEX training_job_one_queued_scheduled ON training_job (catalog_id)
    WHERE status = 'queued' AND scheduled_for IS NOT NULL;

-- Listing a catalog's jobs by status, in id order.
CREATE INDEX training_job_catalog_status ON training_job (catalog_id, status, id);

-- A job's lease owner is the worker slot running it; every slot heartbeats its row.
CREATE TABLE worker (
    id             text        PRIMARY KEY,
    host           text        NOT NULL,
    slot           int         NOT NULL CHECK (slot >= 0),
    started_at     timestamptz NOT NULL DEFAULT now(),
    last_heartbeat timestamptz NOT NULL DEFAULT now(),
    current_job_id bigint      REFERENCES training_job (id) ON DELETE SET NULL
);
