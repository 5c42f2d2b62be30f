-- Refresh jobs: extend a published model with the items added since it was trained, as a new model.

ALTER TABLE training_job ADD COLUMN kind text NOT NULL DEFAULT 'train' CHECK (kind IN ('train', 'refresh'));

-- No foreign key: models can be deleted while jobs keep their history; a refresh job whose base model
-- is gone fails with that reason when a worker runs it.
ALTER TABLE training_job ADD COLUMN base_model_id bigint;

ALTER TABLE training_job ADD CONSTRAINT training_job_refresh_has_base
    CHECK ((kind = 'refresh') = (base_model_id IS NOT NULL));
