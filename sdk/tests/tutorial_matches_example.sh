#!/bin/sh
# docs/sdk.md's tutorial shows the example connector's files; each code block
# marked "<!-- snippet: FILE REGION -->" must equal the lines between
# "tutorial: begin REGION" and "tutorial: end REGION" in FILE (sdk_install_example
# builds and runs that file; REGION "all" is the whole file), and every marked
# region must be shown, so the
# tutorial cannot drift from code that compiles.
# Usage: tutorial_matches_example.sh SOURCE_DIR
set -eu
src=$1
doc=$src/docs/sdk.md
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

awk -v out="$work" '
  /^<!-- snippet: [^ ]+ [^ ]+ -->$/ { file = $3; region = $4; pending = 1; next }
  pending && /^```/ { pending = 0; inside = 1; n++; printf "%s %s %d\n", file, region, n >> (out "/index"); printf "" > (out "/doc." n); next }
  inside && /^```$/ { inside = 0; next }
  inside { print >> (out "/doc." n) }
' "$doc"
[ -s "$work/index" ] || fail "docs/sdk.md marks no snippet"

while read -r file region n; do
  [ -f "$src/$file" ] || fail "docs/sdk.md block $n names $file, which does not exist"
  if [ "$region" = "all" ]; then  # a file that cannot hold markers (JSON)
    cp "$src/$file" "$work/src.$n"
  else
  awk -v r="$region" '
    index($0, "tutorial: end " r) { on = 0 }
    on { print }
    index($0, "tutorial: begin " r) { on = 1; found = 1 }
    END { if (!found) exit 3 }
  ' "$src/$file" >"$work/src.$n" || fail "$file has no region '$region' (docs/sdk.md block $n)"
  fi
  diff -u "$work/src.$n" "$work/doc.$n" >"$work/diff.$n" || {
    cat "$work/diff.$n"
    fail "docs/sdk.md block $n differs from $file region '$region' (- the file, + the doc)"
  }
done <"$work/index"

# Every region the example marks is in the tutorial.
for f in "$src"/sdk/examples/wiki-connector/*; do
  rel=${f#"$src"/}
  grep -o 'tutorial: begin [A-Za-z0-9_-]*' "$f" | while read -r _ _ region; do
    grep -q "^$rel $region " "$work/index" || fail "$rel region '$region' is not shown in docs/sdk.md"
  done
done
echo "tutorial matches the example: $(wc -l <"$work/index") blocks"
