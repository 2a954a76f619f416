#!/bin/sh
# Starts the built service in demo mode in the background and waits until it is ready. `make stop` stops it.
set -eu
: "${JAVA_HOME:?}" "${EST_PORT:?}" "${MGMT_PORT:?}" "${EST_DIR:?}"

pidfile="$EST_DIR/service.pid"
log="$EST_DIR/service.log"
mkdir -p "$EST_DIR"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "make run: already running (pid $(cat "$pidfile")); make stop first to restart"
    exit 0
fi

"$JAVA_HOME/bin/java" -Dquarkus.profile=demo -Dest.demo.dir="$EST_DIR" \
    -Dquarkus.http.ssl-port="$EST_PORT" -Dquarkus.management.port="$MGMT_PORT" \
    -jar est-service/target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
echo $! >"$pidfile"

i=0
until curl -fsS "http://localhost:$MGMT_PORT/q/health/ready" >/dev/null 2>&1; do
    i=$((i + 1))
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null || [ "$i" -gt 90 ]; then
        echo "make run: the service did not become ready; last lines of $log:" >&2
        tail -n 30 "$log" >&2
        exit 1
    fi
    sleep 1
done
cat <<MSG
EST demo service is up (pid $(cat "$pidfile"), log $log)
  EST:        https://localhost:$EST_PORT/.well-known/est/   (trust anchor: $EST_DIR/ca.pem)
  credential: estuser / estpwd
  health:     http://localhost:$MGMT_PORT/q/health/ready    metrics: http://localhost:$MGMT_PORT/q/metrics
Try it:  curl --cacert $EST_DIR/ca.pem https://localhost:$EST_PORT/.well-known/est/cacerts
Stop it: make stop
MSG
