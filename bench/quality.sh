#!/usr/bin/env bash
# Recommendation quality through the real job path: starts the app and the training worker, imports a
# dataset folder into a fresh catalog, trains one job per method (and seed), and reports the test-split
# NDCG@10, Recall@10 and MRR the jobs recorded on their models. Run through `./semrec bench quality`.
#   options: --dataset NAME|DIR  [--methods popularity,text-knn,sasrec]  [--seeds N]  [--budget-minutes M]
#            [--params METHOD:k=v,...]  [--pretrain-dataset NAME|DIR]  [--first-seed N]  [--skip-build]
#   NAME is a folder under $SEMREC_DATASETS (default: ../shared/datasets next to the checkout).
#   recformer-zeroshot: a recformer job with no fine-tuning, pre-trained on --pretrain-dataset (imported into a
#   catalog of its own) and evaluated on --dataset, which it never trains on.
#   --seeds applies to methods with a seed parameter (sasrec); deterministic ones run once (seed 0).
#   --first-seed N numbers the seeds from N (default 1), so that seeds can run in parallel benches.
#   --budget-minutes bounds each job; a job over it is cancelled and reported as such.
# The table is appended to docs/benchmarks.md; the last lines are one RESULT line per job.
# Its own state folder and port, so a running demo is left alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export SEMREC_STATE_DIR="${SEMREC_STATE_DIR:-$ROOT/.semrec/bench-quality}"
export SEMREC_PORT="${SEMREC_PORT:-8093}"
source scripts/lib.sh
DATASETS="${SEMREC_DATASETS:-$ROOT/../shared/datasets}"

DATASET="" METHODS="popularity,text-knn,sasrec" SEEDS=1 FIRST_SEED=1 BUDGET_MINUTES=60 SKIP_BUILD=0 PRETRAIN_DATASET=""
declare -A PARAMS=()
COMMAND="./semrec bench quality $*"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dataset) DATASET="$2"; [[ -d "$DATASET" ]] || DATASET="$DATASETS/$2"; shift 2 ;;
    --methods) METHODS="$2"; shift 2 ;;
    --seeds) SEEDS="$2"; shift 2 ;;
    --first-seed) FIRST_SEED="$2"; shift 2 ;;
    --budget-minutes) BUDGET_MINUTES="$2"; shift 2 ;;
    --params) PARAMS["${2%%:*}"]="${2#*:}"; shift 2 ;;
    --pretrain-dataset) PRETRAIN_DATASET="$2"; [[ -d "$PRETRAIN_DATASET" ]] || PRETRAIN_DATASET="$DATASETS/$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    *) echo "unknown option: $1 (see the header of bench/quality.sh)" >&2; exit 1 ;;
  esac
done
[[ -f "$DATASET/items.jsonl" && -f "$DATASET/events.csv" ]] || { echo "no dataset folder (items.jsonl, events.csv): '$DATASET'" >&2; exit 1; }
DATASET="$(cd "$DATASET" && pwd)"
NAME="$(basename "$DATASET")"

mkdir -p "$STATE_DIR"
if [[ $SKIP_BUILD -eq 0 || ! -f "$APP_JAR" || ! -f "$WORKER_JAR" ]]; then
  step "building (mvn install -DskipTests)"
  mvn -B -q -ntp install -DskipTests
fi

cleanup() { stop_worker; stop_app; }
trap cleanup EXIT
start_app
start_worker

# import_dataset DIR: imports a dataset folder into a new catalog; prints the catalog's slug.
import_dataset() {
  local name slug
  name="$(basename "$1")"
  slug="bench-$(tr 'A-Z_' 'a-z-' <<< "$name" | tr -cd 'a-z0-9-')-$(date +%s)"
  step "importing $name into catalog '$slug'" >&2
  api POST /api/v1/catalogs -H 'Content-Type: application/json' -d "{\"slug\":\"$slug\",\"name\":\"quality benchmark $name\"}" >/dev/null
  api POST "/api/v1/catalogs/$slug/items" -H 'Content-Type: application/x-ndjson' --data-binary "@$1/items.jsonl" | summary >&2
  api POST "/api/v1/catalogs/$slug/events" -H 'Content-Type: text/csv' --data-binary "@$1/events.csv" | summary >&2
  echo "$slug"
}
SLUG="$(import_dataset "$DATASET")"
PRETRAIN_SLUG=""
if [[ ",$METHODS," == *",recformer-zeroshot,"* ]]; then
  [[ -f "$PRETRAIN_DATASET/items.jsonl" && -f "$PRETRAIN_DATASET/events.csv" ]] \
    || { echo "recformer-zeroshot needs --pretrain-dataset (a dataset folder): '$PRETRAIN_DATASET'" >&2; exit 1; }
  sleep 1  # a new second, so the two slugs differ even for folders of one name
  PRETRAIN_SLUG="$(import_dataset "$(cd "$PRETRAIN_DATASET" && pwd)")"
fi

# job_method METHOD: the job API's method for a benchmark method name.
job_method() {
  [[ "$1" == recformer-zeroshot ]] && echo recformer || echo "$1"
}

# params_json METHOD SEED: the job's params: --params values (numbers and booleans as such), the seed where the method has
# one; recformer-zeroshot adds its pre-training catalog and no fine-tuning.
params_json() {
  python3 - "$1" "$2" "${PARAMS[$1]:-}" "$(api GET /api/v1/methods)" "$(job_method "$1")" "$PRETRAIN_SLUG" <<'PY'
import json, sys
method, seed, text, methods = sys.argv[1], int(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
spec = next(m for m in methods["items"] if m["name"] == sys.argv[5])
names = {p["name"] for p in spec["parameters"]}
params = {}
for part in filter(None, text.split(",")):
    name, _, value = part.partition("=")
    try:
        params[name] = json.loads(value)
    except ValueError:
        params[name] = value
if "seed" in names and seed > 0:
    params["seed"] = seed
if method == "recformer-zeroshot":
    params = {"pretrainDataset": sys.argv[6], "finetuneEpochs": 0, "frozenEpochs": 0, **params}
print(json.dumps(params))
PY
}

# A worker that dies mid-job (the kernel's OOM killer, say) is replaced, so its job is taken up again once its
# lease expires, and the run goes on to write its table; the job's row then says the worker was restarted.
WORKER_RESTARTS="$STATE_DIR/worker-restarts"
: > "$WORKER_RESTARTS"
restart_dead_worker() {
  kill -0 "$(cat "$STATE_DIR/worker.pid" 2>/dev/null)" 2>/dev/null && return
  local kept="$STATE_DIR/worker-died-$(date +%s).log"
  cp "$STATE_DIR/worker.log" "$kept" 2>/dev/null || true
  step "the worker exited (its log: $kept); starting a new one"
  echo restarted >> "$WORKER_RESTARTS"
  start_worker
}
AWAIT_POLL_HOOK=restart_dead_worker

LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
RESULTS="$STATE_DIR/quality-results.tsv"
: > "$RESULTS"
IFS=',' read -r -a METHOD_LIST <<< "$METHODS"
for method in "${METHOD_LIST[@]}"; do
  seeds=0
  if api GET /api/v1/methods | python3 -c 'import json,sys; m=next(m for m in json.load(sys.stdin)["items"] if m["name"]==sys.argv[1]); sys.exit(0 if any(p["name"]=="seed" for p in m["parameters"]) else 1)' "$(job_method "$method")"; then
    seeds="$SEEDS"
  fi
  for seed in $([[ $seeds -eq 0 ]] && echo 0 || seq "$FIRST_SEED" $(( FIRST_SEED + seeds - 1 ))); do
    params="$(params_json "$method" "$seed")"
    step "training $method (seed $seed) $params"
    # The worker's peak resident memory is reset before each job (Linux: clear_refs 5), read after it.
    restart_dead_worker
    : > "$WORKER_RESTARTS"
    worker_pid="$(cat "$STATE_DIR/worker.pid")"
    echo 5 > "/proc/$worker_pid/clear_refs"
    job="$(api POST "/api/v1/catalogs/$SLUG/training-jobs" -H 'Content-Type: application/json' \
      -d "{\"method\":\"$(job_method "$method")\",\"params\":$params,\"activate\":\"never\"}" | json_field id)"
    final="$(await_job "$SLUG" "$job" $(( BUDGET_MINUTES * 60 )))"
    if [[ -s "$WORKER_RESTARTS" ]]; then
      peak_rss_mib="worker restarted $(wc -l < "$WORKER_RESTARTS")x"
    else
      peak_rss_mib="$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$worker_pid/status" 2>/dev/null || true)"
    fi
    status="$(json_field status <<< "$final")"
    model=""
    [[ "$status" == succeeded ]] && model="$(api GET "/api/v1/catalogs/$SLUG/models/$(json_field modelId <<< "$final")")"
    python3 - "$method" "$seed" "$status" "$final" "$model" "$(api GET "/api/v1/catalogs/$SLUG/training-jobs/$job/metrics")" \
      "$peak_rss_mib" >> "$RESULTS" <<'PY'
import json, sys
method, seed, status, job, model = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]), sys.argv[5]
series, peak_rss = json.loads(sys.argv[6])["series"], sys.argv[7]
if status != "succeeded":
    print("\t".join([method, seed, status, "", "", "", "", "", "", (job.get("error") or "").replace("\t", " ")[:200], "", peak_rss, "", "", ""]))
else:
    m = json.loads(model)["metrics"]
    t = m.get("test", {})
    # Training throughput: the mean of the per-epoch rates, for methods that train in epochs.
    rates = [p["value"] for p in series.get("train.sequences_per_s", [])]
    throughput = "%.0f" % (sum(rates) / len(rates)) if rates else ""
    print("\t".join([method, seed, status, "%.4f" % t.get("ndcg@10", float("nan")), "%.4f" % t.get("recall@10", float("nan")),
                     "%.4f" % t.get("mrr", float("nan")), str(m.get("epochs", "")), "%.1f" % m["train_s"],
                     str(m["mask_seen"]).lower(), "", throughput, peak_rss]
                    # SAID's stages: stage-1 and stage-2 seconds, exact-recovery rate of its last stage-1 epoch.
                    + ["%.1f" % m[k] if k in m else "" for k in ("stage1_s", "stage2_s")]
                    + ["%.3f" % m["exact_recovery"] if "exact_recovery" in m else ""]))
PY
    tail -n 1 "$RESULTS" | cut -f1-9,11-15
  done
done

cleanup
trap - EXIT

TABLE="$(python3 - "$RESULTS" "$NAME" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
print("| dataset | method | seed | status | NDCG@10 | Recall@10 | MRR | epochs | train s | sequences/s | worker peak RSS MiB | seen masked | stage-1 s | stage-2 s | exact recovery |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (sys.argv[2], r[0], r[1], r[2] + (" (" + r[9] + ")" if r[9] else ""), r[3], r[4], r[5], r[6], r[7], r[10], r[11], r[8], r[12], r[13], r[14]))
PY
)"
step "test split (leave-one-out, full ranking)"
echo "$TABLE"
{
  printf '\n## Quality: %s (%s)\n\n' "$NAME" "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf 'Machine: %s, %s cores, %s, load average at the start %s and at the end %s. Command: `%s`. Test split of a leave-one-out split, full ranking; the model metrics the training jobs recorded. Sequences/s: mean training throughput per epoch; peak RSS: the worker process during the job; stage-1 s, stage-2 s and exact recovery: SAID only.\n\n' \
    "$(uname -n)" "$(nproc)" "$(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo)" "$LOAD_START" "$(cut -d' ' -f1-3 /proc/loadavg)" "$COMMAND"
  echo "$TABLE"
} >> docs/benchmarks.md
echo "appended to docs/benchmarks.md"

python3 - "$RESULTS" "$NAME" <<'PY'
import sys
for line in open(sys.argv[1]):
    r = line.rstrip("\n").split("\t")
    if r[2] != "succeeded":
        print("RESULT dataset=%s method=%s status=%s seed=%s" % (sys.argv[2], r[0], r[2], r[1]))
    else:
        said = "".join(" %s=%s" % (name, value) for name, value in zip(("stage1_s", "stage2_s", "exact_recovery"), r[12:15]) if value)
        print("RESULT dataset=%s method=%s ndcg@10=%s recall@10=%s mrr=%s train_s=%s mask_seen=%s seed=%s%s peak_rss_mib=%s%s"
              % (sys.argv[2], r[0], r[3], r[4], r[5], r[7], r[8], r[1],
                 " sequences_per_s=" + r[10] if r[10] else "", r[11], said))
PY
