#!/usr/bin/env bash
# Cost of SAID's language model on this machine's CPU: the MiniLM bootstrap's forward+backward
# throughput at batch 32 x 40 tokens (1 and 2 threads), then a full causal-LM adaptation on
# amazon-office's item texts with the default settings (fresh cache), with peak RSS.
# Run through `./semrec bench lm`.
#   options: --no-adapt  skip the adaptation
#            --threads N threads for the adaptation (default 1)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ADAPT=true
THREADS=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --no-adapt) ADAPT=false; shift ;;
    --threads) THREADS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
# Built and run in one reactor (-am), so the run never picks up another checkout's core jar from ~/.m2.
mvn -B -ntp test -pl training-worker -am -Dtest=LmBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsemrec.benchmark=true -Dsemrec.lm.adapt="$ADAPT" -Dsemrec.lm.threads="$THREADS" | grep -E '\[lm-benchmark\]|ERROR|FAIL'
