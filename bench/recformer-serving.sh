#!/usr/bin/env bash
# Recformer serving latency through the real processes, with known users' query vectors precomputed by the
# worker (decision 10): starts the app and the training worker, imports a dataset's items and the events of
# its first --users users, trains a zero-shot Recformer job at the default serving architecture (warm-started
# MiniLM layers, no pre-training or fine-tuning: serving cost depends on the architecture and token budget, not
# on the weights) that activates its model, waits until the worker has precomputed every user's vector, then
# measures p50/p99 of: known users (precomputed), known users whose vector was removed (encoded on the fly, as
# before), and anonymous sessions of 5/20/50 random items (always encoded on the fly). One keep-alive
# connection, requests one after another. Run through `./semrec bench recformer-serving`.
#   options: --dataset NAME|DIR (amazon-office)  --users N (300)  --runs N (known-user requests, 300)
#            --session-runs N (requests per session length and for on-the-fly users, 20)  --skip-build
#   environment: SEMREC_PORT (8094), SEMREC_STATE_DIR, QUARKUS_DATASOURCE_JDBC_URL (both processes' database;
#   psql reads the vector counts from it), SEMREC_WORKER_JAVA_OPTS (default: two encoder threads)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export SEMREC_STATE_DIR="${SEMREC_STATE_DIR:-$ROOT/.semrec/bench-recformer-serving}"
export SEMREC_PORT="${SEMREC_PORT:-8094}"
export SEMREC_WORKER_JAVA_OPTS="${SEMREC_WORKER_JAVA_OPTS:--Dsemrec.worker.user-vectors.threads=2}"
source scripts/lib.sh
DATASETS="${SEMREC_DATASETS:-$ROOT/../shared/datasets}"

DATASET="$DATASETS/amazon-office" USERS=300 RUNS=300 SESSION_RUNS=20 SKIP_BUILD=0
COMMAND="./semrec bench recformer-serving $*"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dataset) DATASET="$2"; [[ -d "$DATASET" ]] || DATASET="$DATASETS/$2"; shift 2 ;;
    --users) USERS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --session-runs) SESSION_RUNS="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    *) echo "unknown option: $1 (see the header of bench/recformer-serving.sh)" >&2; exit 1 ;;
  esac
done
[[ -f "$DATASET/items.jsonl" && -f "$DATASET/events.csv" ]] || { echo "no dataset folder (items.jsonl, events.csv): '$DATASET'" >&2; exit 1; }
JDBC_URL="${QUARKUS_DATASOURCE_JDBC_URL:-jdbc:postgresql://localhost:5432/semrec}"
DB="${JDBC_URL##*/}"; DB="${DB%%\?*}"
psql_db() { PGPASSWORD="${QUARKUS_DATASOURCE_PASSWORD:-semrec}" psql -h localhost -U "${QUARKUS_DATASOURCE_USERNAME:-semrec}" -d "$DB" -qAt -c "$1"; }

mkdir -p "$STATE_DIR"
if [[ $SKIP_BUILD -eq 0 || ! -f "$APP_JAR" || ! -f "$WORKER_JAR" ]]; then
  step "building (mvn package -DskipTests -pl app,training-worker -am)"
  mvn -B -q -ntp package -DskipTests -pl app,training-worker -am
fi
cleanup() { stop_worker; stop_app; }
trap cleanup EXIT
start_app
start_worker
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

SLUG="bench-recformer-serving-$(date +%s)"
step "importing $(basename "$DATASET") items and the events of its first $USERS users into '$SLUG'"
api POST /api/v1/catalogs -H 'Content-Type: application/json' -d "{\"slug\":\"$SLUG\",\"name\":\"recformer serving benchmark\"}" >/dev/null
api POST "/api/v1/catalogs/$SLUG/items" -H 'Content-Type: application/x-ndjson' --data-binary "@$DATASET/items.jsonl" | summary
awk -F, -v u="$USERS" 'NR == 1 { print; next } !($1 in seen) { if (n >= u) next; seen[$1] = 1; n++ } { print }' \
  "$DATASET/events.csv" > "$STATE_DIR/events.csv"
api POST "/api/v1/catalogs/$SLUG/events" -H 'Content-Type: text/csv' --data-binary "@$STATE_DIR/events.csv" | summary

step "training a zero-shot Recformer at the default serving architecture, activated when published"
started=$(date +%s)
job="$(api POST "/api/v1/catalogs/$SLUG/training-jobs" -H 'Content-Type: application/json' \
  -d '{"method":"recformer","params":{"pretrainEpochs":0,"finetuneEpochs":0,"frozenEpochs":0},"activate":"always"}' | json_field id)"
final="$(await_job "$SLUG" "$job" 7200)"
[[ "$(json_field status <<< "$final")" == succeeded ]] || { echo "$final" >&2; exit 1; }
MODEL="$(json_field modelId <<< "$final")"
published=$(date +%s)
echo "model $MODEL in $(( published - started )) s"

step "waiting for the worker to precompute every user's vector"
CID="$(psql_db "SELECT id FROM catalog WHERE slug = '$SLUG'")"
KNOWN="$(psql_db "SELECT count(DISTINCT user_id) FROM event WHERE catalog_id = $CID")"
until [[ "$(psql_db "SELECT count(*) FROM user_vector_state WHERE catalog_id = $CID AND model_id = $MODEL AND completed_at IS NOT NULL")" == 1 \
         && "$(psql_db "SELECT count(*) FROM user_vector_dirty WHERE catalog_id = $CID")" == 0 ]]; do
  sleep 2
done
PRECOMPUTED="$(psql_db "SELECT count(*) FROM user_vector WHERE catalog_id = $CID AND model_id = $MODEL")"
PRECOMPUTE_S=$(( $(date +%s) - published ))
echo "$PRECOMPUTED of $KNOWN users in $PRECOMPUTE_S s (from publication)"

# Users whose vector is removed: the worker does not recompute them (no event changed), so they are encoded on the fly.
ON_THE_FLY="$(psql_db "SELECT string_agg(user_id, ',') FROM (SELECT user_id FROM user_vector WHERE catalog_id = $CID
  AND model_id = $MODEL ORDER BY md5(user_id) LIMIT $SESSION_RUNS) u")"
psql_db "DELETE FROM user_vector WHERE catalog_id = $CID AND model_id = $MODEL AND user_id = ANY (string_to_array('$ON_THE_FLY', ','))"

step "measuring"
RESULT="$(python3 - "$PORT" "$(admin_key)" "$SLUG" "$RUNS" "$SESSION_RUNS" "$ON_THE_FLY" "$DATASET/items.jsonl" \
  "$(psql_db "SELECT string_agg(user_id, ',') FROM user_vector WHERE catalog_id = $CID AND model_id = $MODEL")" <<'PY'
import http.client, json, random, sys, time
port, key, slug, runs, session_runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
on_the_fly, precomputed = sys.argv[6].split(","), sys.argv[8].split(",")
items = [json.loads(line)["item_id"] for line in open(sys.argv[7])]
connection = http.client.HTTPConnection("localhost", int(port))
headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
base = "/api/v1/catalogs/" + slug

def timed(method, path, body=None):
    start = time.perf_counter()
    connection.request(method, base + path, body=body, headers=headers)
    response = connection.getresponse()
    payload = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status != 200:
        sys.exit("%s %s: %d %s" % (method, path, response.status, payload[:300]))
    return elapsed, json.loads(payload)

def user(u):
    return timed("GET", "/users/%s/recommendations?k=10" % u)

def session(n):
    return timed("POST", "/recommendations", json.dumps({"history": random.sample(items, n), "k": 10}))

def row(name, calls):
    times = sorted(t for t, answer in calls)
    assert all(answer["source"] == "model" for t, answer in calls), name
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]
    print("%s\t%d\t%.1f\t%.1f\t%.1f" % (name, len(times), pick(0.5), pick(0.99), times[-1]))

random.seed(5)
for u in random.sample(precomputed, min(20, len(precomputed))):
    user(u)
session(20)
row("known user, precomputed vector", [user(random.choice(precomputed)) for _ in range(runs)])
row("known user, encoded on the fly", [user(u) for u in on_the_fly])
for n in (5, 20, 50):
    row("session of %d items" % n, [session(n) for _ in range(session_runs)])
PY
)"
COUNTERS="$(curl -fsS "$BASE_URL/q/metrics" | grep '^semrec_user_vectors_total' || true)"
LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  printf 'Run %s; %s cores (%s), load average %s at the start, %s at the end. Command: `%s`. Model %s (zero-shot Recformer, default architecture and serving token budget); %s known users, %s vectors precomputed in %s s after publication.\n\n' \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)" "$LOAD_START" "$LOAD_END" \
    "$COMMAND" "$MODEL" "$KNOWN" "$PRECOMPUTED" "$PRECOMPUTE_S"
  echo "| request (k 10) | requests | p50 ms | p99 ms | max ms |"
  echo "|---|---|---|---|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' <<< "$RESULT"
  echo
  echo "Counters after the run: $(tr '\n' ' ' <<< "$COUNTERS")"
} | tee "$STATE_DIR/summary.md"
