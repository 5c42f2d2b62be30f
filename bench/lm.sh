#!/usr/bin/env bash
# Cost of SAID's language model on this machine's CPU: the MiniLM bootstrap's forward+backward
# throughput at batch 32 x 40 tokens (1 and 2 threads), then a full causal-LM adaptation on
# amazon-office's item texts with the default settings (fresh cache), with peak RSS.
# Run through `./semrec bench lm`.
#   options: --no-adapt  skip the adaptation
#            --threads N threads for the adaptation (default 1)
#            --skip-build
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ADAPT=true
THREADS=1
SKIP_BUILD=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-adapt) ADAPT=false; shift ;;
    --threads) THREADS="$2"; shift 2 ;;
    --skip-build) SKIP_BUILD=1; shift ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
if [[ $SKIP_BUILD -eq 0 ]]; then
  mvn -B -q -ntp install -pl training-worker -am -DskipTests
fi
mvn -B -ntp surefire:test -pl training-worker -Dtest=LmBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsemrec.benchmark=true -Dsemrec.lm.adapt="$ADAPT" -Dsemrec.lm.threads="$THREADS" | grep -E '\[lm-benchmark\]|ERROR|FAIL'
