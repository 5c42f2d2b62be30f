#!/usr/bin/env bash
# The product's main job on one machine: build, start the app, import a catalog, publish item
# vectors, activate them and show recommendations; then start the training worker, train SASRec
# through the job API, activate it and show its recommendations. Run through `./semrec demo [--data DIR]`.
# The app and the worker keep running afterwards; `./semrec stop` stops them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/lib.sh

DATA_DIR=""
SKIP_BUILD=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) DATA_DIR="$(cd "$2" && pwd)"; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    *) echo "unknown option: $1 (usage: ./semrec demo [--data DIR] [--skip-build])" >&2; exit 1 ;;
  esac
done

mkdir -p "$STATE_DIR"
[[ $SKIP_BUILD -eq 1 ]] || { step "building (mvn install -DskipTests)"; mvn -B -q -ntp install -DskipTests; }

start_app

if [[ -z "$DATA_DIR" ]]; then
  DATA_DIR="$STATE_DIR/demo-data"
  step "generating the demo catalog into $DATA_DIR"
  java -cp core/target/classes io.semrec.demo.DemoCatalogGenerator "$DATA_DIR"
  SLUG=demo
else
  SLUG="$(basename "$DATA_DIR" | tr 'A-Z_' 'a-z-' | tr -cd 'a-z0-9-')"
fi

step "creating catalog '$SLUG' (replacing an earlier demo run's)"
api DELETE "/api/v1/catalogs/$SLUG" >/dev/null 2>&1 || true
api POST /api/v1/catalogs -H 'Content-Type: application/json' \
  -d "{\"slug\":\"$SLUG\",\"name\":\"Demo catalog ($SLUG)\"}" >/dev/null

step "importing items and events"
api POST "/api/v1/catalogs/$SLUG/items" -H 'Content-Type: application/x-ndjson' \
  --data-binary "@$DATA_DIR/items.jsonl" | summary
api POST "/api/v1/catalogs/$SLUG/events" -H 'Content-Type: text/csv' \
  --data-binary "@$DATA_DIR/events.csv" | summary

step "publishing item vectors (context vectors from co-occurrence) and activating them"
java -cp core/target/classes io.semrec.demo.ContextVectors "$DATA_DIR" "$STATE_DIR/vectors.jsonl" --dim 64
MODEL_ID="$(api POST "/api/v1/catalogs/$SLUG/models?metric=cosine" -H 'Content-Type: application/x-ndjson' \
  --data-binary "@$STATE_DIR/vectors.jsonl" | json_field id)"
api POST "/api/v1/catalogs/$SLUG/models/$MODEL_ID/activate" >/dev/null
echo "model $MODEL_ID is active"

USER_ID="$(sed -n '2p' "$DATA_DIR/events.csv" | cut -d, -f1)"
ITEM_A="$(sed -n '2p' "$DATA_DIR/events.csv" | cut -d, -f2)"
ITEM_B="$(sed -n '3p' "$DATA_DIR/events.csv" | cut -d, -f2)"

show_recommendations() {
  show "recommendations for user $USER_ID" GET "/api/v1/catalogs/$SLUG/users/$USER_ID/recommendations?k=5"
  show "recommendations for an anonymous session [$ITEM_A, $ITEM_B]" POST "/api/v1/catalogs/$SLUG/recommendations" \
    -H 'Content-Type: application/json' -d "{\"history\":[\"$ITEM_A\",\"$ITEM_B\"],\"k\":5}"
  show "items similar to $ITEM_A" GET "/api/v1/catalogs/$SLUG/items/$ITEM_A/similar?k=5"
}
show_recommendations

# The uploaded vectors above serve at once; a trained model replaces them once its job succeeds.
start_worker
SASREC_PARAMS='{"dim":64,"layers":2,"heads":1,"maxEpochs":40,"patience":5,"batchSize":64,"lr":0.005}'
step "training SASRec (a config that fits the demo catalog: about 3 minutes on 2 cores) through the job API, activating it when it succeeds"
echo "curl -X POST -H 'Authorization: Bearer <key>' -d '{\"method\":\"sasrec\",\"params\":$SASREC_PARAMS,\"activate\":\"always\"}' '$BASE_URL/api/v1/catalogs/$SLUG/training-jobs'"
JOB_ID="$(api POST "/api/v1/catalogs/$SLUG/training-jobs" -H 'Content-Type: application/json' \
  -d "{\"method\":\"sasrec\",\"params\":$SASREC_PARAMS,\"activate\":\"always\"}" | json_field id)"
step "waiting for job $JOB_ID (progress: GET /api/v1/catalogs/$SLUG/training-jobs/$JOB_ID)"
JOB="$(await_job "$SLUG" "$JOB_ID" 900)"
[[ "$(json_field status <<< "$JOB")" == succeeded ]] || { echo "$JOB" | pretty; echo "the SASRec job did not succeed (log: $STATE_DIR/worker.log)" >&2; exit 1; }
SASREC_MODEL="$(json_field modelId <<< "$JOB")"
show "SASRec model $SASREC_MODEL (active), with the metrics its job measured" GET "/api/v1/catalogs/$SLUG/models/$SASREC_MODEL"
show_recommendations

cat <<MSG

semrec is running at $BASE_URL (logs: $STATE_DIR/app.log, $STATE_DIR/worker.log)
  admin API key:  $(cat "$STATE_DIR/admin-key")
  admin UI:       $BASE_URL/admin  (user admin, password $(admin_ui_password), set when the database got its first admin user)
  API docs:       $BASE_URL/q/swagger-ui
  try:            curl -H "Authorization: Bearer \$(cat $STATE_DIR/admin-key)" $BASE_URL/api/v1/catalogs/$SLUG
  stop:           ./semrec stop
MSG
