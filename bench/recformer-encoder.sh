#!/usr/bin/env bash
# Serving latency of the plain-Java Recformer encoder (core) with warm-started all-MiniLM-L6-v2
# weights on real amazon-office item texts: p50/p99 wall and mean CPU ms per history of 5/20/50
# items at token budgets 64 (the default serving budget) and 256, one encoder thread by default, plus the
# Java-vs-DJL CLS difference on a real history. Run through `./semrec bench recformer-encoder`.
#   options: --runs N (measured calls per row, default 200)  --warmup N (default 20)
#            --budgets 64,128,512  --threads N (encoder threads, default 1)  --offline
#            --java PATH (the JVM measured; default: the one the app runs on, see semrec_java in scripts/lib.sh)
#            --simd auto|true|false (the dense layers' kernel, default auto: the Vector API from Java 25)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

RUNS=200
WARMUP=20
BUDGETS=64,256
THREADS=1
OFFLINE=()
JAVA=""
SIMD=auto
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --budgets) BUDGETS="$2"; shift 2 ;;
    --threads) THREADS="$2"; shift 2 ;;
    --offline) OFFLINE=(-o); shift ;;
    --java) JAVA="$2"; shift 2 ;;
    --simd) SIMD="$2"; shift 2 ;;
    *) echo "unknown option: $1 (usage: ./semrec bench recformer-encoder [--runs N] [--warmup N] [--budgets a,b] [--threads N] [--offline] [--java PATH] [--simd auto|true|false])" >&2; exit 1 ;;
  esac
done
source scripts/lib.sh
JAVA="$(command -v "${JAVA:-$(semrec_java)}")"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
mvn -B -ntp "${OFFLINE[@]}" test -pl training-worker -am -Dtest=RecformerEncoderBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Dsemrec.benchmark=true \
  -Dsemrec.benchmark.runs="$RUNS" -Dsemrec.benchmark.warmup="$WARMUP" -Dsemrec.benchmark.budgets="$BUDGETS" \
  -Dsemrec.benchmark.threads="$THREADS" -Dsemrec.encoder.simd="$SIMD" -Djvm="$JAVA" >"$log" 2>&1 \
  || { tail -50 "$log" >&2; exit 1; }
grep -E '^(cpus|[0-9]+ office items|Java vs DJL|budget )' "$log"
