-- Files a published model needs besides its item vectors (e.g. SASRec's encoder weights).
-- Small ones are stored inline (bytes); large ones in the artifacts folder, the row naming the file
-- (location, relative to semrec.artifacts.dir). Written in the publishing transaction.
CREATE TABLE model_artifact (
    catalog_id bigint      NOT NULL,
    model_id   bigint      NOT NULL,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    bytes      bytea,
    location   text,
    size       bigint      NOT NULL CHECK (size >= 0),
    sha256     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_id, name),
    FOREIGN KEY (catalog_id, model_id) REFERENCES model (catalog_id, id) ON DELETE CASCADE,
    CHECK ((bytes IS NULL) <> (location IS NULL))
);
