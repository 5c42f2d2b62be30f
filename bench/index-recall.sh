#!/usr/bin/env bash
# Recall of a published model's HNSW index on the queries serving really asks (users' histories
# encoded by the model's own encoder) against exact search, and queries/s, per ef_search.
# Run through `./semrec bench index-recall`.
#   options: --model ID (default: the newest sasrec model)  [--queries N (1000)]  [--k K (10)]
#            [--jdbc URL (jdbc:postgresql://localhost:5432/semrec)]  [--skip-build]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORKER="$ROOT/training-worker/target/quarkus-app"
JDBC="jdbc:postgresql://localhost:5432/semrec"
args=() MODEL="" SKIP_BUILD=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) SKIP_BUILD=1; shift ;;
    --model) MODEL="$2"; shift 2 ;;
    --jdbc) JDBC="$2"; shift 2 ;;
    *) args+=("$1" "$2"); shift 2 ;;
  esac
done
if [[ -z "$MODEL" ]]; then
  DB="${JDBC##*/}"
  MODEL="$(PGPASSWORD=semrec psql -h localhost -U semrec -d "$DB" -qAt \
    -c "SELECT id FROM model WHERE method = 'sasrec' ORDER BY id DESC LIMIT 1")"
  [[ -n "$MODEL" ]] || { echo "no sasrec model in $DB; train one (./semrec bench quality) or pass --model" >&2; exit 1; }
fi
if [[ $SKIP_BUILD -eq 0 ]]; then
  mvn -B -q -ntp package -pl core,training-worker -am -DskipTests
fi
echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), command: ./semrec bench index-recall --model $MODEL ${args[*]}"
exec java ${SEMREC_BENCH_JAVA_OPTS:-} -cp "$WORKER/app/*:$WORKER/lib/main/*" io.semrec.bench.IndexRecall \
  --jdbc "$JDBC" --model "$MODEL" "${args[@]}"
