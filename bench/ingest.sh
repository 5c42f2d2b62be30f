#!/usr/bin/env bash
# Ingest throughput: generates a deterministic catalog (default 100,000 items and 100,000 users,
# about 1,000,000 events), starts the packaged app against its own database and imports the
# catalog through the HTTP API with curl; prints items/s, events/s (first import and an
# all-unchanged re-import) and the app's peak RSS. Run through `./semrec bench ingest`.
#   options: --items N  --users N  --skip-build
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# Its own state folder and port, so a running demo is left alone.
export SEMREC_STATE_DIR="${SEMREC_STATE_DIR:-$ROOT/.semrec/bench-ingest}"
export SEMREC_PORT="${SEMREC_PORT:-8091}"
export SEMREC_APP_JAVA_OPTS="${SEMREC_APP_JAVA_OPTS:--Xmx512m}"
source scripts/lib.sh

ITEMS=100000
USERS=100000
SKIP_BUILD=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --items) ITEMS="$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    *) echo "unknown option: $1 (usage: ./semrec bench ingest [--items N] [--users N] [--skip-build])" >&2; exit 1 ;;
  esac
done

if [[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]]; then
  step "preparing database semrec_bench"
  if [[ $(id -u) -eq 0 ]]; then
    SEMREC_DATABASES="semrec_bench" bash scripts/setup-postgres.sh
  else
    sudo SEMREC_DATABASES="semrec_bench" bash scripts/setup-postgres.sh
  fi
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/semrec_bench"
fi

mkdir -p "$STATE_DIR"
[[ $SKIP_BUILD -eq 1 ]] || { step "building (mvn install -DskipTests)"; mvn -B -q -ntp install -DskipTests; }

DATA="$STATE_DIR/data-${ITEMS}-${USERS}"
if [[ ! -s "$DATA/events.csv" ]]; then
  step "generating $ITEMS items and $USERS users' histories into $DATA"
  java -cp core/target/classes io.semrec.demo.DemoCatalogGenerator "$DATA" --items "$ITEMS" --users "$USERS"
fi
EVENTS=$(($(wc -l < "$DATA/events.csv") - 1))

start_app
trap stop_app EXIT
APP_PID="$(cat "$STATE_DIR/app.pid")"

SLUG=bench-ingest
api DELETE "/api/v1/catalogs/$SLUG" >/dev/null 2>&1 || true
api POST /api/v1/catalogs -H 'Content-Type: application/json' -d "{\"slug\":\"$SLUG\",\"name\":\"Ingest benchmark\"}" >/dev/null

# CPU time (clock ticks) of the app and of the PostgreSQL processes serving the benchmark database.
# Other work on a shared machine slows the wall clock but not these, so lines per CPU second tell
# what the import costs; divided over both cores they estimate the throughput of an idle machine.
DB_NAME="${QUARKUS_DATASOURCE_JDBC_URL##*/}"
DB_NAME="${DB_NAME%%\?*}"
TICKS=$(getconf CLK_TCK)
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local total=0 pid
  for pid in $(ps -eo pid=,args= | awk -v db="$DB_NAME" '$2 == "postgres:" && ($0 ~ " " db " " || $0 ~ " " db "$") { print $1 }'); do
    total=$((total + $(ticks "$pid")))
  done
  echo "$total"
}

# timed_import LABEL KIND CONTENT_TYPE FILE LINES: streams the file to the API, prints the report,
# lines/s and the CPU it took.
timed_import() {
  local label="$1" kind="$2" type="$3" file="$4" lines="$5" start end app0 pg0 report
  step "$label"
  app0=$(ticks "$APP_PID"); pg0=$(pg_ticks); start=$(date +%s.%N)
  report="$(api POST "/api/v1/catalogs/$SLUG/$kind" -H "Content-Type: $type" -T "$file")"
  end=$(date +%s.%N)
  echo "$report" | summary
  awk -v n="$lines" -v s="$start" -v e="$end" -v l="$label" -v hz="$TICKS" \
      -v app=$(($(ticks "$APP_PID") - app0)) -v pg=$(($(pg_ticks) - pg0)) -v cores="$(nproc)" \
    'BEGIN { cpu = (app + pg) / hz;
             printf "RESULT %s: %d lines in %.1f s = %.0f lines/s; CPU app %.1f s + PostgreSQL %.1f s = %.0f lines per CPU second, %.0f lines/s on %d idle cores\n",
                    l, n, e - s, n / (e - s), app / hz, pg / hz, n / cpu, n / cpu * cores, cores }' | tee -a "$STATE_DIR/results.txt"
}

: > "$STATE_DIR/results.txt"
timed_import "items (NDJSON, new)" items application/x-ndjson "$DATA/items.jsonl" "$ITEMS"
timed_import "events (CSV, new)" events text/csv "$DATA/events.csv" "$EVENTS"
timed_import "events (CSV, re-import, all unchanged)" events text/csv "$DATA/events.csv" "$EVENTS"

step "machine and memory"
{
  echo "RESULT app peak RSS (VmHWM): $(awk '/VmHWM/ {printf "%.0f MiB", $2 / 1024}' "/proc/$APP_PID/status")"
  echo "RESULT machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$STATE_DIR/results.txt"
