# Shared by the demo and benchmark scripts: app lifecycle and small API helpers.
STATE_DIR="${SEMREC_STATE_DIR:-$ROOT/.semrec}"
PORT="${SEMREC_PORT:-8080}"
BASE_URL="http://localhost:$PORT"
APP_JAR="$ROOT/app/target/quarkus-app/quarkus-run.jar"

step() { printf '\n==> %s\n' "$*"; }

# state_secret FILE [PREFIX]: a random secret kept in $STATE_DIR/FILE, the same on every run.
state_secret() {
  if [[ ! -s "$STATE_DIR/$1" ]]; then
    mkdir -p "$STATE_DIR"
    (umask 077; printf '%s%s' "${2:-}" "$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')" > "$STATE_DIR/$1")
  fi
  cat "$STATE_DIR/$1"
}

admin_key() { state_secret admin-key sk_admin_; }

# The admin UI password; the app uses it when its database has no admin user yet.
admin_ui_password() { state_secret admin-ui-password; }

# stop_process NAME: stops the process whose id $STATE_DIR/NAME.pid holds, waiting up to 20 s.
stop_process() {
  local file="$STATE_DIR/$1.pid" pid
  if [[ -f "$file" ]]; then
    pid="$(cat "$file")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$file"
  fi
}

stop_app() {
  stop_process app
}

# java_feature JAVA: the feature release (17, 25, ...) of a java launcher; 0 if it does not run.
java_feature() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = \(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | grep . || echo 0
}

# semrec_java: the JVM of the app and the worker: $SEMREC_JAVA, else `java` when it is Java 25 or later, else the
# newest Java 25+ under /usr/lib/jvm, else `java`. From Java 25 the serving encoders' matrix products run on the
# Vector API, about ten times faster (docs/decisions/0014-serving-encoders-use-the-vector-api-from-java-25.md):
# the app encodes sessions with them, the worker precomputes Recformer users' vectors.
semrec_java() {
  local candidate feature best=java best_feature=0
  if [[ -n "${SEMREC_JAVA:-}" ]]; then
    echo "$SEMREC_JAVA"
    return
  fi
  if (( $(java_feature java) >= 25 )); then
    echo java
    return
  fi
  for candidate in /usr/lib/jvm/*/bin/java; do
    [[ -x "$candidate" ]] || continue
    feature="$(java_feature "$candidate")"
    if (( feature >= 25 && feature > best_feature )); then
      best="$candidate" best_feature="$feature"
    fi
  done
  echo "$best"
}

# The Vector API module for the serving encoders; on Java < 25 they keep their scalar loop.
VECTOR_API=(--add-modules jdk.incubator.vector)

start_app() {
  local java
  stop_app
  java="$(semrec_java)"
  step "starting the app on port $PORT (Java $(java_feature "$java"): $java)"
  SEMREC_ADMIN_KEY="$(admin_key)" SEMREC_ADMIN_UI_INITIAL_PASSWORD="$(admin_ui_password)" QUARKUS_HTTP_PORT="$PORT" \
    nohup "$java" "${VECTOR_API[@]}" ${SEMREC_APP_JAVA_OPTS:-} -jar "$APP_JAR" > "$STATE_DIR/app.log" 2>&1 &
  echo $! > "$STATE_DIR/app.pid"
  for _ in $(seq 1 120); do
    if curl -fsS "$BASE_URL/q/health/ready" >/dev/null 2>&1; then
      echo "ready: $BASE_URL"
      return
    fi
    kill -0 "$(cat "$STATE_DIR/app.pid")" 2>/dev/null || { tail -n 40 "$STATE_DIR/app.log"; echo "the app exited" >&2; exit 1; }
    sleep 1
  done
  tail -n 40 "$STATE_DIR/app.log"
  echo "the app did not become ready in 120 s" >&2
  exit 1
}

# api METHOD PATH [curl args...]: an authenticated call that fails on HTTP errors, printing the problem body.
api() {
  local method="$1" path="$2"
  shift 2
  local out status
  out="$(mktemp)"
  status="$(curl -sS -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $(admin_key)" "$@" "$BASE_URL$path")"
  if [[ "$status" -ge 400 ]]; then
    cat "$out" >&2
    echo >&2
    rm -f "$out"
    return 1
  fi
  cat "$out"
  rm -f "$out"
}

# json_field NAME: the value of a top-level scalar field of the JSON on stdin.
json_field() {
  python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"
}

pretty() {
  python3 -m json.tool 2>/dev/null || cat
}

summary() {
  python3 -c 'import json,sys; d=json.load(sys.stdin); print("accepted %(accepted)s, updated %(updated)s, unchanged %(unchanged)s, rejected %(rejected)s" % d)'
}

# show TITLE METHOD PATH [curl args...]: prints the equivalent curl command and the pretty response.
show() {
  local title="$1" method="$2" path="$3"
  shift 3
  step "$title"
  echo "curl -X $method -H 'Authorization: Bearer <key>' $* '$BASE_URL$path'"
  api "$method" "$path" "$@" | pretty
}

WORKER_JAR="$ROOT/training-worker/target/quarkus-app/quarkus-run.jar"

stop_worker() {
  stop_process worker
}

# start_worker: the training worker, on the same database as the app; DJL never downloads (offline).
start_worker() {
  local java
  stop_worker
  java="$(semrec_java)"
  step "starting the training worker (Java $(java_feature "$java"): $java)"
  # Two malloc arenas: with glibc's default (8 per core) PyTorch's freed tensors stayed resident in many arenas and a
  # Recformer job's worker grew past 12 GiB (docs/decisions/0015-worker-runs-with-two-malloc-arenas.md).
  MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
    nohup "$java" "${VECTOR_API[@]}" ${SEMREC_WORKER_JAVA_OPTS:-} -Dai.djl.offline=true -jar "$WORKER_JAR" \
    > "$STATE_DIR/worker.log" 2>&1 &
  echo $! > "$STATE_DIR/worker.pid"
  for _ in $(seq 1 120); do
    if grep -q "slot(s), methods" "$STATE_DIR/worker.log" 2>/dev/null; then
      grep -o "worker .*slot(s), methods .*" "$STATE_DIR/worker.log" | head -n 1
      return
    fi
    kill -0 "$(cat "$STATE_DIR/worker.pid")" 2>/dev/null || { tail -n 40 "$STATE_DIR/worker.log"; echo "the worker exited" >&2; exit 1; }
    sleep 1
  done
  tail -n 40 "$STATE_DIR/worker.log"
  echo "the worker did not start in 120 s" >&2
  exit 1
}

# await_job SLUG JOB_ID TIMEOUT_S: polls the job until it is no longer queued or running; prints its final JSON.
# Cancels it when TIMEOUT_S passes (and still waits for it to stop). Runs $AWAIT_POLL_HOOK, when set, at every poll.
await_job() {
  local slug="$1" job="$2" timeout="$3" start body status cancelled=0
  start=$(date +%s)
  while true; do
    [[ -z "${AWAIT_POLL_HOOK:-}" ]] || "$AWAIT_POLL_HOOK" >&2
    body="$(api GET "/api/v1/catalogs/$slug/training-jobs/$job")"
    status="$(json_field status <<< "$body")"
    [[ "$status" == queued || "$status" == running ]] || { echo "$body"; return; }
    if [[ $cancelled -eq 0 && $(( $(date +%s) - start )) -ge $timeout ]]; then
      echo "job $job: over its time budget (${timeout} s), cancelling" >&2
      api POST "/api/v1/catalogs/$slug/training-jobs/$job/cancel" > /dev/null || true
      cancelled=1
    fi
    sleep 2
  done
}
