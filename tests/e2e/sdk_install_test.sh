#!/bin/sh
# Installs Trellis to a temporary prefix, builds sdk/examples/wiki-connector out
# of tree against that prefix only, runs its own test on the installed SDK test
# host (sdk/testing, Trellis::testing), installs the result into a fresh home with
# the installed CLI and calls it; also checks the install layout and that the
# installed trellis finds its bundled plugins relative to itself.
# Usage: sdk_install_test.sh BUILD_DIR SOURCE_DIR GOOD_PLUGIN_DIR
set -eu
build=$1 src=$(cd "$2" && pwd) good=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
unset TRELLIS_PLUGIN_PATH TRELLIS_HOME || true

cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install"; }
P=$work/prefix
for f in bin/trellis include/trellis/plugin.h include/trellis/cpp/plugin.hpp \
         lib/cmake/TrellisSDK/TrellisSDKConfig.cmake lib/cmake/TrellisSDK/TrellisAddPlugin.cmake \
         share/doc/trellis/sdk.md share/doc/trellis/sdk/examples/wiki-connector/CMakeLists.txt \
         include/trellis/testing/connector.hpp lib/cmake/TrellisSDK/TrellisSDKTesting.cmake \
         share/trellis/sdk-testing/loader.cpp share/bash-completion/completions/trellis \
         share/zsh/site-functions/_trellis share/man/man1/trellis.1; do
  [ -e "$P/$f" ] || fail "install layout: $P/$f is missing"
done
mkdir -p "$P/lib/trellis/plugins"

# Out of tree: a copy of the example, nothing of the source tree on the paths.
cp -r "$src/sdk/examples/wiki-connector" "$work/example"
cmake -S "$work/example" -B "$work/example-build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$P" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure example"; }
cmake --build "$work/example-build" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build example"; }
plugin=$work/example-build/wiki-connector
[ -f "$plugin/plugin.json" ] || fail "the example build wrote no plugin.json"
grep -q "$P" "$work/example-build/CMakeCache.txt" || fail "the example did not use the installed SDK"
if grep -q "TrellisSDK_DIR:PATH=$src" "$work/example-build/CMakeCache.txt"; then fail "found the SDK in the source tree"; fi
# The example's own test, built from the installed test host's sources only.
[ -x "$work/example-build/wiki_connector_test" ] || fail "the example's test was not built (Trellis::testing missing?)"
if grep -rq "$src/sdk/testing" "$work/example-build/build.ninja"; then fail "the test host came from the source tree"; fi
ctest --test-dir "$work/example-build" --output-on-failure >"$work/ctest.log" 2>&1 || { cat "$work/ctest.log"; fail "the example's test"; }
grep -q "100% tests passed, 0 tests failed out of 1" "$work/ctest.log" || { cat "$work/ctest.log"; fail "the example's test did not run"; }

home=$work/home
"$P/bin/trellis" --home "$home" plugin check "$plugin" --json >"$work/check.json" || { cat "$work/check.json"; fail "plugin check"; }
grep -q '"ok": true' "$work/check.json" || fail "check did not pass"
"$P/bin/trellis" --home "$home" plugin install --allow-unsigned "$plugin" || fail "install"
"$P/bin/trellis" --home "$home" plugin list --json >"$work/list.json"
grep -q '"state": "loaded"' "$work/list.json" || { cat "$work/list.json"; fail "the installed example did not load"; }
# docs/sdk.md's last steps: not configured until `pages` is set; then synced, and found by search.
"$P/bin/trellis" --home "$home" connector sync wiki-connector --json >"$work/sync0.json" || { cat "$work/sync0.json"; fail "sync before configure"; }
grep -q '"status": "not_configured"' "$work/sync0.json" || { cat "$work/sync0.json"; fail "an unconfigured example was not skipped"; }
"$P/bin/trellis" --home "$home" plugin configure wiki-connector base_url=https://wiki.acme.test "pages=Ladder safety, Fire wardens" || fail "configure"
"$P/bin/trellis" --home "$home" connector sync wiki-connector --json >"$work/sync.json" || { cat "$work/sync.json"; fail "connector sync"; }
grep -q '"applied": 2' "$work/sync.json" || { cat "$work/sync.json"; fail "the sync did not hand over both pages"; }
"$P/bin/trellis" --home "$home" search "ladder safety" --json >"$work/search.json" || fail "search"
grep -q 'https://wiki.acme.test/index.php/Ladder%20safety' "$work/search.json" || { cat "$work/search.json"; fail "search did not find the synced page"; }

# The boundary survives another compiler, standard library and build type: the
# same example built with clang, libc++ and Debug loads into this GCC/libstdc++
# host and keeps every contract.
command -v clang++ >/dev/null || fail "clang++ is not installed (.ci/install-deps installs it)"
CC=clang CXX=clang++ cmake -S "$work/example" -B "$work/example-clang" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS=-stdlib=libc++ -DCMAKE_MODULE_LINKER_FLAGS=-stdlib=libc++ -DCMAKE_EXE_LINKER_FLAGS=-stdlib=libc++ \
  -DCMAKE_PREFIX_PATH="$P" >"$work/configure-clang.log" 2>&1 || { cat "$work/configure-clang.log"; fail "configure example with clang"; }
cmake --build "$work/example-clang" >"$work/build-clang.log" 2>&1 || { cat "$work/build-clang.log"; fail "build example with clang and libc++"; }
other=$work/example-clang/wiki-connector
ldd "$other"/*.so | grep -q 'libc++\.so' || fail "the clang build is not linked against libc++"
if ldd "$other"/*.so | grep -q 'libstdc++'; then fail "the clang build pulled in libstdc++"; fi
ctest --test-dir "$work/example-clang" --output-on-failure >"$work/ctest-clang.log" 2>&1 || { cat "$work/ctest-clang.log"; fail "the example's test (clang build)"; }
grep -q "100% tests passed, 0 tests failed out of 1" "$work/ctest-clang.log" || fail "the example's test (clang build) did not run"
"$P/bin/trellis" --home "$work/home3" plugin check "$other" --json >"$work/check-clang.json" || { cat "$work/check-clang.json"; fail "plugin check (clang build)"; }
grep -q '"ok": true' "$work/check-clang.json" || fail "check of the clang build did not pass"
"$P/bin/trellis" --home "$work/home3" plugin install --allow-unsigned "$other" || fail "install (clang build)"
"$P/bin/trellis" --home "$work/home3" plugin list --json | grep -q '"state": "loaded"' || fail "the clang build did not load"

# Bundled plugins are found relative to the installed executable.
cp -r "$good" "$P/lib/trellis/plugins/"
"$P/bin/trellis" --home "$work/home2" plugin list --json >"$work/bundled.json"
grep -q '"source": "bundled"' "$work/bundled.json" || { cat "$work/bundled.json"; fail "bundled plugin not found"; }
grep -q "$P/lib/trellis/plugins/good-connector" "$work/bundled.json" || fail "bundled plugin found elsewhere"
echo "sdk install test: ok"
