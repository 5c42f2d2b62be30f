#!/usr/bin/env bash
# Serving latency and ANN recall, app vs. raw pgvector, side by side in one run (docs/benchmarks.md).
#   ./semrec bench serving        environment: ITEMS (100000), DIM (64), USERS (20000), DURATION (15 s per run),
#                                 WARMUP (at least 90 s of app load before measuring; longer until the
#                                 JIT compilers are quiet, at most MAX_WARMUP, 300 s),
#                                 PORT (18080), SESSIONS (4000 pre-generated session bodies / query vectors),
#                                 BENCH_DB (semrec_bench; created if missing)
# Loads a catalog into database semrec_bench (items and events with COPY via psql, vectors through the
# model upload endpoint), starts the app jar, then measures with pgbench (raw) and wrk (app).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ITEMS="${ITEMS:-100000}"
DIM="${DIM:-64}"
USERS="${USERS:-20000}"
EVENTS_PER_USER=10
SESSION_LENGTH=5
SESSIONS="${SESSIONS:-4000}"
RECALL_QUERIES=200
K=10
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-90}"
MAX_WARMUP="${MAX_WARMUP:-300}"
# Warm-up ends once a 10 s window costs the JIT compilers less than this much CPU (1% of a core).
JIT_QUIET_MS=100
CURVE_DURATION=10
EF_CURVE=(40 100 200 400)
PORT="${PORT:-18080}"
DB="${BENCH_DB:-semrec_bench}"
SLUG=bench-serving
BASE="http://localhost:${PORT}"
CATALOG_PATH="/api/v1/catalogs/${SLUG}"
OUT="bench/results/serving-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
SUMMARY="$OUT/summary.md"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# CPU time the hypervisor gave to other guests ("steal"), as a share of all CPU time: a noisy host shows here.
cpu_times() { awk '/^cpu / { total = 0; for (i = 2; i <= 9; i++) total += $i; print $9, total }' /proc/stat; }
read -r STEAL_BEFORE CPU_BEFORE < <(cpu_times)

log() { printf '[bench serving] %s\n' "$*" >&2; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
psql_bench() { PGPASSWORD=semrec psql -h localhost -U semrec -d "$DB" -v ON_ERROR_STOP=1 -qAt "$@"; }

command -v wrk >/dev/null || { log "installing wrk"; as_root apt-get update -qq; as_root apt-get install -y -qq wrk >/dev/null; }
command -v pgbench >/dev/null || { echo "pgbench is missing (package postgresql-client)" >&2; exit 1; }
SEMREC_DATABASES="$DB" as_root bash scripts/setup-postgres.sh >&2

JAR=app/target/quarkus-app/quarkus-run.jar
if [[ ! -f "$JAR" || -n "$(find app/src core/src db-migrations/src -newer "$JAR" -type f -print -quit)" ]]; then
  log "building the app"
  mvn -B -q -ntp package -DskipTests >&2
fi

KEY="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
log "starting the app on port ${PORT}"
QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://localhost:5432/${DB}" QUARKUS_HTTP_PORT="$PORT" SEMREC_ADMIN_KEY="$KEY" \
  java -jar "$JAR" >"$OUT/app.log" 2>&1 &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "$BASE/q/health/ready" >/dev/null && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$OUT/app.log" >&2; exit 1; }
  sleep 1
done
api() { curl -sS -f -H "Authorization: Bearer $KEY" "$@"; }

# --- data -------------------------------------------------------------------------------------
if curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" "$BASE$CATALOG_PATH" | grep -q 200; then
  log "deleting the previous benchmark catalog"
  api -X DELETE "$BASE$CATALOG_PATH" >/dev/null
fi
api -H 'Content-Type: application/json' -d "{\"slug\":\"$SLUG\",\"name\":\"serving benchmark\"}" \
  "$BASE/api/v1/catalogs" >/dev/null
CID=$(psql_bench -c "SELECT id FROM catalog WHERE slug = '$SLUG'")

log "loading ${ITEMS} items and $((USERS * EVENTS_PER_USER)) events with COPY"
awk -v c="$CID" -v n="$ITEMS" 'BEGIN { for (i = 0; i < n; i++) printf "%d\ti%d\t{\"group\": \"g%d\"}\n", c, i, i % 20 }' |
  psql_bench -c "COPY item (catalog_id, external_id, attributes) FROM STDIN"
awk -v u="$USERS" -v e="$EVENTS_PER_USER" -v n="$ITEMS" 'BEGIN { srand(42);
    for (i = 0; i < u; i++) for (s = 0; s < e; s++) printf "u%d\ti%d\t%d\n", i, int(rand() * n), s }' |
  psql_bench -c "CREATE TEMP TABLE staged (user_id text, item text, seq bigint)" \
    -c "COPY staged FROM STDIN" \
    -c "INSERT INTO event (catalog_id, user_id, item_id, seq)
        SELECT $CID, s.user_id, i.id, s.seq FROM staged s JOIN item i ON i.catalog_id = $CID AND i.external_id = s.item" \
    -c "ANALYZE item" -c "ANALYZE event"

log "generating ${ITEMS} x ${DIM} random vectors"
awk -v n="$ITEMS" -v d="$DIM" 'BEGIN { srand(7);
    for (i = 0; i < n; i++) { printf "{\"item_id\":\"i%d\",\"vector\":[", i
      for (j = 0; j < d; j++) printf "%s%.6f", (j ? "," : ""), rand() * 2 - 1
      print "]}" } }' >"$OUT/vectors.ndjson"
log "uploading them as a cosine model (COPY + HNSW build in one transaction)"
start=$(date +%s.%N)
MODEL=$(api -H 'Content-Type: application/x-ndjson' --data-binary @"$OUT/vectors.ndjson" \
  "$BASE$CATALOG_PATH/models?metric=cosine" | sed -n 's/^{"id":\([0-9]*\).*/\1/p')
PUBLISH_S=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
rm "$OUT/vectors.ndjson"
api -X POST "$BASE$CATALOG_PATH/models/$MODEL/activate" >/dev/null
log "model $MODEL published in ${PUBLISH_S}s"

log "generating ${SESSIONS} sessions of ${SESSION_LENGTH} items (request bodies and the raw queries' vectors)"
awk -v s="$SESSIONS" -v l="$SESSION_LENGTH" -v n="$ITEMS" 'BEGIN { srand(11);
    for (i = 1; i <= s; i++) for (p = 0; p < l; p++) printf "%d\t%d\ti%d\n", i, p, int(rand() * n) }' >"$OUT/sessions.tsv"
awk -F'\t' -v k="$K" '{ h[$1] = h[$1] (h[$1] == "" ? "" : ",") "\"" $3 "\"" }
    END { for (i = 1; i in h; i++) printf "{\"history\":[%s],\"k\":%d}\n", h[i], k }' "$OUT/sessions.tsv" >"$OUT/bodies.jsonl"
# The same query vector the app computes: the mean of the session's item vectors; the session's items are excluded.
psql_bench -c "CREATE TABLE IF NOT EXISTS bench_serving_query (id int PRIMARY KEY, embedding vector, exclude bigint[])" \
  -c "TRUNCATE bench_serving_query" \
  -c "CREATE TEMP TABLE s (id int, pos int, item text)" -c "COPY s FROM STDIN" \
  -c "INSERT INTO bench_serving_query
      SELECT s.id, avg(v.embedding), array_agg(v.item_id)
      FROM s JOIN item i ON i.catalog_id = $CID AND i.external_id = s.item
      JOIN item_vector v ON v.model_id = $MODEL AND v.catalog_id = i.catalog_id AND v.item_id = i.id
      GROUP BY s.id" <"$OUT/sessions.tsv"

# --- raw pgvector: the app's search query, straight from pgbench ----------------------------------
ANN_SELECT="SELECT i.external_id, v.embedding::vector($DIM) <=> (SELECT CAST(embedding AS vector($DIM)) FROM bench_serving_query WHERE id = :q) AS distance
FROM item_vector_m$MODEL v JOIN item i ON i.catalog_id = v.catalog_id AND i.id = v.item_id
WHERE i.catalog_id = $CID AND i.available AND v.item_id <> ALL (CAST((SELECT exclude FROM bench_serving_query WHERE id = :q) AS bigint[]))
ORDER BY distance LIMIT $K;"
printf '\\set q random(1, %d)\n%s\n' "$SESSIONS" "$ANN_SELECT" >"$OUT/raw.pgbench"
sed 's/:q/1/g' <<<"$ANN_SELECT" | sed 's/^SELECT/EXPLAIN SELECT/' |
  PGOPTIONS="-c hnsw.ef_search=40" psql_bench >"$OUT/raw-plan.txt"
grep -q "item_vector_m${MODEL}_embedding" "$OUT/raw-plan.txt" || { echo "raw query does not use the HNSW index" >&2; cat "$OUT/raw-plan.txt" >&2; exit 1; }

# Prints "p50_ms p99_ms requests_per_s".
raw_run() { # clients seconds ef
  local prefix="$OUT/pgbench-c$1-ef$3" tps
  rm -f "$prefix".*
  tps=$(PGPASSWORD=semrec PGOPTIONS="-c hnsw.ef_search=$3 -c hnsw.iterative_scan=relaxed_order" \
    pgbench -h localhost -U semrec -n -M prepared -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$2" \
      -l --log-prefix="$prefix" -f "$OUT/raw.pgbench" "$DB" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
  cat "$prefix".* | awk '{ print $3 / 1000 }' | sort -n |
    awk -v tps="$tps" '{ v[NR] = $1 } END { printf "%.2f %.2f %.0f\n", v[int(NR * 0.5)], v[int(NR * 0.99)], tps }'
  rm -f "$prefix".*
}

# --- the app, through HTTP ----------------------------------------------------------------------
cat >"$OUT/session.lua" <<'LUA'
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
wrk.method = "POST"
wrk.path = os.getenv("TARGET")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
request = function() return wrk.format(nil, nil, nil, bodies[math.random(#bodies)]) end
LUA
cat >"$OUT/user.lua" <<'LUA'
local users = tonumber(os.getenv("USERS"))
wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
request = function()
  return wrk.format("GET", os.getenv("TARGET") .. "/users/u" .. math.random(0, users - 1) .. "/recommendations?k=10")
end
LUA

app_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$APP_PID/stat"; }
# CPU the app's JIT compiler threads have used so far (on a 2-core box it competes with the database; the
# JVM starts and stops compiler threads as it needs them, so one may vanish between listing and reading).
jit_cpu_ms() {
  local d total=0
  for d in /proc/"$APP_PID"/task/*; do
    [[ $(cat "$d/comm" 2>/dev/null) == C[12]\ CompilerThre* ]] && total=$(( total + $(awk '{ print $14 + $15 }' "$d/stat" 2>/dev/null || echo 0) ))
  done
  echo $(( total * 1000 / $(getconf CLK_TCK) ))
}

# Prints "p50_ms p99_ms requests_per_s app_cpu_ms_per_request".
app_run() { # script connections seconds
  local target="$CATALOG_PATH" report cpu_before
  [[ $1 == session ]] && target="$CATALOG_PATH/recommendations"
  cpu_before=$(app_cpu_ms)
  report=$(BODIES="$OUT/bodies.jsonl" KEY="$KEY" USERS="$USERS" TARGET="$target" \
    wrk -t "$(( $2 < 2 ? 1 : 2 ))" -c "$2" -d "${3}s" --latency -s "$OUT/$1.lua" "$BASE")
  if grep -q "Non-2xx" <<<"$report"; then echo "$report" >&2; echo "app answered errors" >&2; exit 1; fi
  ms() { awk -v p="$1" '$1 == p { v = $2; if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else print v * 1000 }'; }
  printf '%.2f %.2f %.0f %.3f\n' "$(ms 50% <<<"$report")" "$(ms 99% <<<"$report")" \
    "$(awk '/^Requests\/sec/ { print $2 }' <<<"$report")" \
    "$(awk -v a="$cpu_before" -v b="$(app_cpu_ms)" -v n="$(awk '/ requests in / { print $1 }' <<<"$report")" 'BEGIN { print (b - a) / n }')"
}

set_ef() { api -X PATCH -H 'Content-Type: application/json' -d "{\"settings\":{\"efSearch\":$1}}" "$BASE$CATALOG_PATH" >/dev/null; }

log "warming up for ${WARMUP}-${MAX_WARMUP}s, until the JIT compilers are quiet (they take 80-100 s of load here)"
set_ef 40
raw_run 8 10 40 >/dev/null
WARMED=0
JIT_LAST=-1
while (( WARMED < MAX_WARMUP )); do
  jit_before=$(jit_cpu_ms)
  app_run session 8 7 >/dev/null
  app_run user 8 3 >/dev/null
  WARMED=$(( WARMED + 10 ))
  JIT_LAST=$(( $(jit_cpu_ms) - jit_before ))
  (( WARMED >= WARMUP && JIT_LAST < JIT_QUIET_MS )) && break
done
log "warmed up for ${WARMED}s; the JIT used ${JIT_LAST} ms of CPU in the last 10 s"
JIT_BEFORE_MEASURING=$(jit_cpu_ms)

declare -A R
for c in 1 8; do
  log "raw pgvector, $c client(s)";           R[raw$c]=$(raw_run "$c" "$DURATION" 40)
  log "app session endpoint, $c connection(s)"; R[session$c]=$(app_run session "$c" "$DURATION")
  log "app user endpoint, $c connection(s)";    R[user$c]=$(app_run user "$c" "$DURATION")
done
JIT_WHILE_MEASURING=$(( $(jit_cpu_ms) - JIT_BEFORE_MEASURING ))

log "recall@${K} against exact search, ${RECALL_QUERIES} queries"
psql_bench -c "DROP TABLE IF EXISTS bench_serving_exact" -c "CREATE TABLE bench_serving_exact AS
  SELECT q.id, array(SELECT v.item_id FROM item_vector_m$MODEL v JOIN item i ON i.catalog_id = v.catalog_id AND i.id = v.item_id
                     WHERE i.catalog_id = $CID AND i.available AND v.item_id <> ALL (q.exclude)
                     ORDER BY v.embedding <=> q.embedding LIMIT $K) AS ids
  FROM bench_serving_query q WHERE q.id <= $RECALL_QUERIES"
recall() { # ef
  psql_bench -c "SET hnsw.ef_search = $1" -c "SET hnsw.iterative_scan = relaxed_order" -c "
    SELECT round(avg((SELECT count(*) FROM unnest(a.ids) x WHERE x = ANY (e.ids))::numeric / $K), 3)
    FROM (SELECT q.id, array(SELECT v.item_id FROM item_vector_m$MODEL v JOIN item i ON i.catalog_id = v.catalog_id AND i.id = v.item_id
                             WHERE i.catalog_id = $CID AND i.available AND v.item_id <> ALL (q.exclude)
                             ORDER BY v.embedding::vector($DIM) <=> CAST(q.embedding AS vector($DIM)) LIMIT $K) AS ids
          FROM bench_serving_query q WHERE q.id <= $RECALL_QUERIES) a JOIN bench_serving_exact e USING (id)"
}
declare -A CURVE
for ef in "${EF_CURVE[@]}"; do
  log "ef_search $ef"
  set_ef "$ef"
  CURVE[$ef]="$(recall "$ef") $(raw_run 8 "$CURVE_DURATION" "$ef" | awk '{ print $3 }') $(app_run session 8 "$CURVE_DURATION" | awk '{ print $3 }')"
  CURVE[$ef]+=" $(raw_run 1 "$CURVE_DURATION" "$ef" | awk '{ print $2 }') $(app_run session 1 "$CURVE_DURATION" | awk '{ print $2 }')"
done
set_ef 40

# --- report -------------------------------------------------------------------------------------
field() { awk -v i="$2" '{ print $i }' <<<"${R[$1]}"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
{
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1)), $(free -g | awk '/^Mem:/ { print $2 }') GiB memory; load average before/after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "Command: \`ITEMS=$ITEMS DIM=$DIM USERS=$USERS DURATION=$DURATION ./semrec bench serving\`; model $MODEL published (COPY + HNSW m=16, ef_construction=64) in ${PUBLISH_S} s."
  read -r steal_after cpu_after < <(cpu_times)
  echo "Host: $(awk -v s=$(( steal_after - STEAL_BEFORE )) -v t=$(( cpu_after - CPU_BEFORE )) 'BEGIN { printf "%.1f", 100 * s / t }')% of the CPU time during the run went to other guests (steal)."
  echo "Warm-up: ${WARMED} s of load (the JIT used ${JIT_LAST} ms of CPU in its last 10 s, ${JIT_WHILE_MEASURING} ms during the table's six rows)."
  echo
  echo "| what (ef_search 40, k $K) | clients | p50 ms | p99 ms | requests/s | app/raw throughput | app−raw p99 ms | app CPU ms/request |"
  echo "|---|---|---|---|---|---|---|---|"
  for c in 1 8; do
    echo "| raw pgvector (pgbench, same SELECT) | $c | $(field raw$c 1) | $(field raw$c 2) | $(field raw$c 3) | | | |"
    for e in session user; do
      echo "| app \`$e\` endpoint (wrk) | $c | $(field $e$c 1) | $(field $e$c 2) | $(field $e$c 3) | $(ratio "$(field $e$c 3)" "$(field raw$c 3)") | $(awk -v a="$(field $e$c 2)" -v b="$(field raw$c 2)" 'BEGIN { printf "%+.2f", a - b }') | $(field $e$c 4) |"
    done
  done
  echo
  echo "| ef_search | recall@$K | raw requests/s (8 clients) | app session requests/s (8 connections) | app/raw throughput | raw p99 ms (1 client) | app session p99 ms (1 connection) | app−raw p99 ms |"
  echo "|---|---|---|---|---|---|---|---|"
  for ef in "${EF_CURVE[@]}"; do
    read -r rec raw app raw_p99 app_p99 <<<"${CURVE[$ef]}"
    echo "| $ef | $rec | $raw | $app | $(ratio "$app" "$raw") | $raw_p99 | $app_p99 | $(awk -v a="$app_p99" -v b="$raw_p99" 'BEGIN { printf "%+.2f", a - b }') |"
  done
} >"$SUMMARY"
cat "$SUMMARY"
log "results in $OUT"
