#!/usr/bin/env bash
# `make run`'s script end to end: a fresh home, the demo started on a free port,
# GET /healthz answered, SIGTERM stops it cleanly.
set -euo pipefail
root="$1"
build="$2"
home="$(mktemp -d)"
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$home"' EXIT
# Below the kernel's ephemeral range (32768-60999), where other tests' client
# sockets would make the port busy (the server refuses a busy port).
port=$(( 20000 + RANDOM % 12000 ))
content_port=$(( port + 1 ))
HOME_DIR="$home" LISTEN="127.0.0.1:$port" CONTENT_LISTEN="127.0.0.1:$content_port" \
  CONTENT_ORIGIN="http://localhost:$content_port" BUILD="$build" "$root/packages/run-demo" >"$home.out" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >"$home.health" 2>/dev/null; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then echo "run-demo exited early:"; cat "$home.out"; exit 1; fi
  sleep 0.2
done
grep -q '"status":"ok"' "$home.health" || { echo "no healthy answer:"; cat "$home.out"; exit 1; }
grep -q "http://127.0.0.1:$port/" "$home.out" || { echo "run-demo did not print what to open"; cat "$home.out"; exit 1; }
# The content origin answers too (the launch pages' listener): no token, no page.
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$content_port/play/no-token/")
[ "$code" = 401 ] || { echo "the content origin answered $code for a bad token, not 401"; cat "$home.out"; exit 1; }
kill -TERM "$pid"
wait "$pid"
rc=$?
rm -f "$home.out" "$home.health"
exit "$rc"
