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

stop_app() {
  if [[ -f "$STATE_DIR/app.pid" ]]; then
    local pid
    pid="$(cat "$STATE_DIR/app.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$STATE_DIR/app.pid"
  fi
}

start_app() {
  stop_app
  step "starting the app on port $PORT"
  SEMREC_ADMIN_KEY="$(admin_key)" SEMREC_ADMIN_UI_INITIAL_PASSWORD="$(admin_ui_password)" QUARKUS_HTTP_PORT="$PORT" \
    nohup java ${SEMREC_APP_JAVA_OPTS:-} -jar "$APP_JAR" > "$STATE_DIR/app.log" 2>&1 &
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
