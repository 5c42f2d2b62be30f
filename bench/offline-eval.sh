#!/usr/bin/env bash
# Offline evaluation of a training method on a dataset folder (no database): leave-one-out split,
# full ranking, NDCG/Recall/MRR printed. Run through `./semrec bench offline-eval`.
#   options: --dataset NAME|DIR  --method popularity|text-knn  [--params k=v,...]
#            [--mask-seen true|false]  [--split test|validation]  [--compare-sparse]  [--skip-build]
#   NAME is a folder under $SEMREC_DATASETS (default: ../shared/datasets next to the checkout).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DATASETS="${SEMREC_DATASETS:-$ROOT/../shared/datasets}"
WORKER="$ROOT/training-worker/target/quarkus-app"

args=()
SKIP_BUILD=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) SKIP_BUILD=1; shift ;;
    --dataset)
      dataset="$2"
      [[ -d "$dataset" ]] || dataset="$DATASETS/$2"
      [[ -d "$dataset" ]] || { echo "no dataset folder $2 (nor $dataset)" >&2; exit 1; }
      args+=(--dataset "$dataset"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

if [[ $SKIP_BUILD -eq 0 ]]; then
  mvn -B -q -ntp package -pl core,training-worker -am -DskipTests
fi
exec java ${SEMREC_BENCH_JAVA_OPTS:-} -cp "$WORKER/app/*:$WORKER/lib/main/*" io.semrec.training.OfflineEvaluation "${args[@]}"
