-- Operators who sign in to the admin UI at /admin; only a bcrypt hash of each password is stored.
CREATE TABLE admin_user (
    id            bigserial   PRIMARY KEY,
    username      text        NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 100),
    password_hash text        NOT NULL CHECK (password_hash LIKE '$2%'),
    created_at    timestamptz NOT NULL DEFAULT now()
);
