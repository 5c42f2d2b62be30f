-- semrec schema. catalog_id leads every key so a catalog can become a distribution key later.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE catalog (
    id              bigserial   PRIMARY KEY,
    slug            text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?$'),
    name            text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    settings        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    active_model_id bigint,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE item (
    catalog_id  bigint      NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
    id          bigserial   NOT NULL,
    external_id text        NOT NULL CHECK (length(external_id) BETWEEN 1 AND 256),
    attributes  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    available   boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, id),
    UNIQUE (catalog_id, external_id)
);

-- An event is identified by (user, seq) when it carries a sequence number, else by (user, item, time);
-- re-importing the same rows therefore changes nothing.
CREATE TABLE event (
    catalog_id  bigint      NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
    id          bigserial   NOT NULL,
    user_id     text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 256),
    item_id     bigint      NOT NULL,
    occurred_at timestamptz,
    seq         bigint,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, id),
    FOREIGN KEY (catalog_id, item_id) REFERENCES item (catalog_id, id) ON DELETE CASCADE,
    CHECK (occurred_at IS NOT NULL OR seq IS NOT NULL)
);
CREATE UNIQUE INDEX event_identity_seq ON event (catalog_id, user_id, seq) WHERE seq IS NOT NULL;
CREATE UNIQUE INDEX event_identity_time ON event (catalog_id, user_id, item_id, occurred_at) WHERE seq IS NULL;
-- A user's most recent events first: the order serving and training read histories in.
CREATE INDEX event_user_history ON event (catalog_id, user_id, seq DESC NULLS LAST, occurred_at DESC NULLS LAST, id DESC);
CREATE INDEX event_item ON event (catalog_id, item_id);

CREATE TABLE api_key (
    id          bigserial   PRIMARY KEY,
    catalog_id  bigint      REFERENCES catalog (id) ON DELETE CASCADE,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    key_hash    bytea       NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    key_prefix  text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('read', 'ingest', 'admin')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
CREATE INDEX api_key_catalog ON api_key (catalog_id, id);

CREATE TABLE training_job (
    catalog_id       bigint      NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
    id               bigserial   NOT NULL UNIQUE,
    method           text        NOT NULL,
    params           jsonb       NOT NULL DEFAULT '{}'::jsonb,
    activate         text        NOT NULL DEFAULT 'never' CHECK (activate IN ('never', 'always', 'if-better')),
    status           text        NOT NULL DEFAULT 'queued'
                                 CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    attempts         int         NOT NULL DEFAULT 0,
    max_attempts     int         NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    lease_owner      text,
    lease_until      timestamptz,
    cancel_requested boolean     NOT NULL DEFAULT false,
    progress         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    error            text,
    model_id         bigint,
    created_at       timestamptz NOT NULL DEFAULT now(),
    started_at       timestamptz,
    finished_at      timestamptz,
    PRIMARY KEY (catalog_id, id)
);
CREATE INDEX training_job_open ON training_job (created_at, id) WHERE status IN ('queued', 'running');

CREATE FUNCTION training_job_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('training_job', NEW.id::text);
    RETURN NEW;
END $$;
CREATE TRIGGER training_job_enqueued AFTER INSERT ON training_job
    FOR EACH ROW EXECUTE FUNCTION training_job_notify();

CREATE TABLE job_metric (
    catalog_id  bigint           NOT NULL,
    job_id      bigint           NOT NULL,
    name        text             NOT NULL,
    step        int              NOT NULL,
    value       double precision NOT NULL,
    recorded_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, job_id, name, step),
    FOREIGN KEY (catalog_id, job_id) REFERENCES training_job (catalog_id, id) ON DELETE CASCADE
);

-- A model is written in one transaction and never changed afterwards; a refresh publishes a new one.
CREATE TABLE model (
    catalog_id    bigint      NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
    id            bigserial   NOT NULL UNIQUE,
    job_id        bigint,
    method        text        NOT NULL,
    dim           int         NOT NULL CHECK (dim BETWEEN 1 AND 2000),
    metric        text        NOT NULL CHECK (metric IN ('dot', 'cosine')),
    item_count    int         NOT NULL CHECK (item_count >= 0),
    params        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    metrics       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    data_snapshot jsonb,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, id),
    FOREIGN KEY (catalog_id, job_id) REFERENCES training_job (catalog_id, id) ON DELETE SET NULL (job_id)
);

CREATE FUNCTION model_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'model % is immutable once published', OLD.id USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER model_no_update BEFORE UPDATE ON model FOR EACH ROW EXECUTE FUNCTION model_immutable();

-- The active model must belong to the catalog; it cannot be deleted while active.
ALTER TABLE catalog ADD CONSTRAINT catalog_active_model
    FOREIGN KEY (id, active_model_id) REFERENCES model (catalog_id, id);

-- One partition per model (its own width and HNSW index, dropped with the model).
CREATE TABLE item_vector (
    catalog_id bigint NOT NULL,
    model_id   bigint NOT NULL,
    item_id    bigint NOT NULL,
    embedding  vector NOT NULL,
    PRIMARY KEY (catalog_id, model_id, item_id),
    FOREIGN KEY (catalog_id, item_id) REFERENCES item (catalog_id, id) ON DELETE CASCADE
) PARTITION BY LIST (model_id);

-- App replicas cache catalogs (settings, active model) and drop their copy when told.
CREATE FUNCTION catalog_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('catalog_changed', COALESCE(NEW.slug, OLD.slug));
    RETURN NULL;
END $$;
CREATE TRIGGER catalog_changed AFTER UPDATE OR DELETE ON catalog
    FOR EACH ROW EXECUTE FUNCTION catalog_notify();
