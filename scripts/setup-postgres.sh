#!/usr/bin/env bash
# Idempotent setup of the local PostgreSQL + pgvector that semrec's app, worker and tests use.
# Debian/Ubuntu, run as root. When QUARKUS_DATASOURCE_JDBC_URL is set, the server it names is used
# as it is and nothing local is installed or started.
set -euo pipefail

DB_USER="${SEMREC_DB_USER:-semrec}"
DB_PASSWORD="${SEMREC_DB_PASSWORD:-semrec}"
DATABASES=(${SEMREC_DATABASES:-semrec semrec_test})

log() { printf '[setup-postgres] %s\n' "$*"; }

if [[ -n "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]]; then
  log "QUARKUS_DATASOURCE_JDBC_URL is set: using that server, skipping local setup"
  exit 0
fi

[[ $(id -u) -eq 0 ]] || { echo "run as root" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_update_once() { [[ $apt_updated -eq 1 ]] || { apt-get update -qq; apt_updated=1; }; }

server_major() {
  ls /usr/lib/postgresql 2>/dev/null | grep -E '^[0-9]+$' | sort -n | tail -n 1
}

if [[ -z "$(server_major)" ]] || [[ ! -x "/usr/lib/postgresql/$(server_major)/bin/postgres" ]]; then
  log "installing PostgreSQL"
  apt_update_once
  apt-get install -y -qq postgresql >/dev/null
fi
PG_MAJOR="$(server_major)"
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"
EXT_DIR="$("$PG_CONFIG" --sharedir)/extension"
log "PostgreSQL ${PG_MAJOR}"

build_pgvector_from_source() {
  # Debian 12 has no pgvector package: build Debian's own source package from the next release,
  # using the mirror this machine is already configured with.
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [[ -n "$uri" ]] || uri=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [[ -n "$uri" ]] || { echo "no Debian mirror configured" >&2; exit 1; }
  cat > /etc/apt/sources.list.d/semrec-pgvector-src.sources <<SRC
Types: deb-src
URIs: ${uri}
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt_updated=0
  apt_update_once
  apt-get install -y -qq "postgresql-server-dev-${PG_MAJOR}" dpkg-dev make gcc >/dev/null
  local work
  work=$(mktemp -d)
  (
    cd "$work"
    apt-get source --download-only pgvector >/dev/null
    tar xf pgvector_*.orig.tar.*
    cd "$(find . -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
    make -s PG_CONFIG="$PG_CONFIG" >/dev/null
    make -s install PG_CONFIG="$PG_CONFIG" >/dev/null
  )
  rm -rf "$work"
}

if [[ ! -f "${EXT_DIR}/vector.control" ]]; then
  log "installing pgvector"
  apt_update_once
  if ! apt-get install -y -qq "postgresql-${PG_MAJOR}-pgvector" >/dev/null 2>&1; then
    log "no binary package: building pgvector from Debian's source package"
    build_pgvector_from_source
  fi
fi
log "pgvector $(awk -F"'" '/default_version/ {print $2}' "${EXT_DIR}/vector.control")"

if ! pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1==v && $2=="main"' | grep -q .; then
  log "creating cluster ${PG_MAJOR}/main"
  pg_createcluster "$PG_MAJOR" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1==v && $2=="main" && $4=="online"' | grep -q .; then
  log "starting cluster ${PG_MAJOR}/main"
  pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start
fi

psql_admin() { su postgres -c "PGOPTIONS=--client-min-messages=warning psql -v ON_ERROR_STOP=1 -qAt $*"; }

# A cluster that was not shut down cleanly reports "online" while it still replays its WAL.
for _ in $(seq 1 120); do
  psql_admin "-c 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done

if [[ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname='${DB_USER}'\"")" != "1" ]]; then
  psql_admin "-c \"CREATE ROLE ${DB_USER} LOGIN PASSWORD '${DB_PASSWORD}'\""
fi
for db in "${DATABASES[@]}"; do
  if [[ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname='${db}'\"")" != "1" ]]; then
    psql_admin "-c \"CREATE DATABASE ${db} OWNER ${DB_USER}\""
  fi
  # vector is not a trusted extension: a superuser creates it, Flyway's IF NOT EXISTS then no-ops.
  psql_admin "-d ${db} -c \"CREATE EXTENSION IF NOT EXISTS vector\""
done
log "ready: role ${DB_USER}, databases ${DATABASES[*]} on port $(pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1==v && $2=="main" {print $3}')"
