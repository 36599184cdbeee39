#!/usr/bin/env bash
# Runs ADL's cmi5 CATAPULT LMS Test Suite (lts/) against a fresh Trellis.
# Exit 0 when every case passes, 1 when any fails, 77 (skip) when the suite's
# mirror, node or chromium is missing. Nothing fetched lands in the tree:
# the suite is built in a cache dir and run in a temp dir.
#
# Environment (all optional):
#   TRELLIS_BIN             trellis binary      (default: <repo>/build/bin/trellis)
#   TRELLIS_CATAPULT_MIRROR bare git dir        (default: /work/.mirror/adlnet+CATAPULT/repo)
#   TRELLIS_CATAPULT_REF    commit to test      (default: the mirror's HEAD)
#   TRELLIS_CATAPULT_CACHE  where the built suite is kept (default: <repo>/build/catapult-cache)
#   CHROMIUM                browser binary      (default: chromium on PATH)
#   TRELLIS_CATAPULT_JEST_ARGS  extra jest arguments, e.g. "-t 001-essentials"
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
bin="${TRELLIS_BIN:-$root/build/bin/trellis}"
mirror="${TRELLIS_CATAPULT_MIRROR:-/work/.mirror/adlnet+CATAPULT/repo}"
cache_root="${TRELLIS_CATAPULT_CACHE:-$root/build/catapult-cache}"

skip() { echo "TRELLIS_SKIP: $*"; exit 77; }

[ -x "$bin" ] || skip "no trellis binary at $bin"
git --git-dir "$mirror" rev-parse --verify -q HEAD >/dev/null 2>&1 ||
    skip "no CATAPULT mirror at $mirror (fetch github:adlnet/CATAPULT)"
command -v node >/dev/null || skip "node is not installed"
command -v npm >/dev/null || skip "npm is not installed"
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
[ -n "$chromium" ] && [ -x "$chromium" ] || skip "chromium is not installed"

commit="$(git --git-dir "$mirror" rev-parse "${TRELLIS_CATAPULT_REF:-HEAD}^{commit}")"
echo "CATAPULT commit $commit"

# Build once per commit: npm ci and the webpack build of the test packages
# take minutes and need the registry; the result does not depend on Trellis.
built="$cache_root/$commit"
if [ ! -f "$built/.ready" ]; then
    rm -rf "$built"
    mkdir -p "$built"
    # Only lts/ and requirements/: the full tree names a blob the mirror lacks.
    git --git-dir "$mirror" archive "$commit" lts requirements | tar -x -C "$built"
    (cd "$built/lts" && PUPPETEER_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund) ||
        { echo "npm ci failed in $built/lts"; exit 1; }
    (cd "$built/lts/pkg" && NODE_OPTIONS=--openssl-legacy-provider npx webpack >webpack.log 2>&1) ||
        { tail -40 "$built/lts/pkg/webpack.log"; echo "webpack failed"; exit 1; }
    touch "$built/.ready"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/trellis-catapult.XXXXXX")"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    [ -n "${TRELLIS_CATAPULT_KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# A copy of the suite per run (node_modules shared by a link) so the adapter,
# var/ and the jest cache of one run never meet another's.
mkdir -p "$work/lts"
(cd "$built/lts" && tar -c --exclude=./node_modules --exclude=./var . ) | tar -x -C "$work/lts"
ln -s "$built/lts/node_modules" "$work/lts/node_modules"
ln -s "$built/requirements" "$work/requirements" 2>/dev/null || true
cp "$here/lms.trellis.js" "$work/lts/lib/lms.custom.js"

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'; }
port="$(free_port)"; cport="$(free_port)"
while [ "$cport" = "$port" ]; do cport="$(free_port)"; done

home="$work/home"
"$bin" --home "$home" lrs key create --scope admin --scope all --name catapult --json >"$work/key.json"
"$bin" --home "$home" serve --listen "127.0.0.1:$port" --content-listen "127.0.0.1:$cport" \
    >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log"; echo "trellis serve exited"; exit 1; }
    sleep 0.1
done

cat >"$work/jest-puppeteer.json" <<EOF
{"launch": {"headless": true, "executablePath": "$chromium", "args": ["--no-sandbox"]}}
EOF

key="$(node -e 'const k=require(process.argv[1]);console.log(k.key)' "$work/key.json")"
secret="$(node -e 'const k=require(process.argv[1]);console.log(k.secret)' "$work/key.json")"

set +e
(cd "$work/lts" &&
    TRELLIS_API_ORIGIN="http://127.0.0.1:$port" TRELLIS_KEY="$key" TRELLIS_SECRET="$secret" \
    JEST_PUPPETEER_CONFIG="$work/jest-puppeteer.json" CATAPULT_LMS=./lib/lms.custom.js \
    npx jest --runInBand ${TRELLIS_CATAPULT_JEST_ARGS:-} >"$work/jest.log" 2>&1)
jest_rc=$?
set -e
cat "$work/jest.log"

# Counts come from the JUnit XML, not jest's exit code, so a crash that
# writes no report is a failure rather than zero failures.
counts_rc=0
node "$here/junit-counts.js" "$work/lts/var" || counts_rc=$?
[ -n "${TRELLIS_CATAPULT_KEEP:-}" ] && echo "kept $work"
[ "$counts_rc" -eq 0 ] && [ "$jest_rc" -eq 0 ] || exit 1
