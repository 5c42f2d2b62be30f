-- Known users' query vectors, precomputed by the training worker for models whose encoder is too slow
-- for the request path (Recformer; io.semrec.uservector.UserVectors says which). Serving uses a row only
-- when its history_hash equals the SHA-256 of the item ids it would encode now, so a stale row is never
-- served; it is recomputed when the user's events change (user_vector_dirty). See decision 10.
CREATE TABLE user_vector (
    catalog_id   bigint      NOT NULL,
    model_id     bigint      NOT NULL,
    user_id      text        NOT NULL,
    history_hash bytea       NOT NULL CHECK (length(history_hash) = 32),
    embedding    vector      NOT NULL,
    computed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (catalog_id, model_id, user_id),
    FOREIGN KEY (catalog_id, model_id) REFERENCES model (catalog_id, id) ON DELETE CASCADE
);
-- Erasing a user removes their vectors of every model.
CREATE INDEX user_vector_user ON user_vector (catalog_id, user_id);

-- The model whose user vectors the worker keeps current in a catalog (its active one, when its method is
-- precomputed), the history length they were computed with, and how far the full pass over the catalog's
-- users has come: resume_after is the last user_id done, completed_at is set once every user is. A catalog
-- without a row has nothing precomputed and its event writes mark nothing.
CREATE TABLE user_vector_state (
    catalog_id     bigint      PRIMARY KEY REFERENCES catalog (id) ON DELETE CASCADE,
    model_id       bigint,
    history_length int         NOT NULL CHECK (history_length >= 1),
    resume_after   text,
    completed_at   timestamptz,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (catalog_id, model_id) REFERENCES model (catalog_id, id) ON DELETE SET NULL (model_id)
);

-- Users whose events changed since their vector was computed. Every change draws a new mark, so the worker
-- deletes a row only if no event arrived while it encoded (it deletes "user at the mark it read").
CREATE SEQUENCE user_vector_dirty_mark;
CREATE TABLE user_vector_dirty (
    catalog_id bigint NOT NULL REFERENCES catalog (id) ON DELETE CASCADE,
    user_id    text   NOT NULL,
    mark       bigint NOT NULL DEFAULT nextval('user_vector_dirty_mark'),
    PRIMARY KEY (catalog_id, user_id)
);
CREATE INDEX user_vector_dirty_order ON user_vector_dirty (catalog_id, mark);

-- Statement-level, so a bulk import marks each of its users once; in the writer's transaction, so a mark
-- is visible exactly when its events are (no gap between an event's id and its commit, and updates of an
-- event's item under the same id are seen too). Users are marked in key order, as events are written.
CREATE FUNCTION event_marks_user_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO user_vector_dirty AS d (catalog_id, user_id)
    SELECT DISTINCT n.catalog_id, n.user_id FROM changed_events n
     WHERE EXISTS (SELECT 1 FROM user_vector_state s WHERE s.catalog_id = n.catalog_id)
     ORDER BY 1, 2
    ON CONFLICT (catalog_id, user_id) DO UPDATE SET mark = nextval('user_vector_dirty_mark');
    IF FOUND THEN
        PERFORM pg_notify('user_events', c.catalog_id::text)
           FROM (SELECT DISTINCT catalog_id FROM changed_events) c;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER event_inserted_marks_user_vectors AFTER INSERT ON event
    REFERENCING NEW TABLE AS changed_events FOR EACH STATEMENT EXECUTE FUNCTION event_marks_user_vectors();
CREATE TRIGGER event_updated_marks_user_vectors AFTER UPDATE ON event
    REFERENCING NEW TABLE AS changed_events FOR EACH STATEMENT EXECUTE FUNCTION event_marks_user_vectors();
