#!/bin/sh
# Copies every version of every spec that was ever under problems/ (in any commit of any branch) into this folder,
# as <commit that first had it>/<assignment>/<id>.yaml. Run from anywhere in the repository; versions already here
# are left alone, so the corpus only grows. SpecCorpusTests validates every file.
set -eu
root=$(git rev-parse --show-toplevel)
here="$root/tests/Grader.Tests/Fixtures/spec-corpus"
seen=$(mktemp)
trap 'rm -f "$seen"' EXIT
# Oldest first, so that a version is filed under the first commit that had it.
for c in $(git -C "$root" rev-list --all --reverse --date-order); do
  git -C "$root" ls-tree -r "$c" -- problems/ | while read -r _ type blob path; do
    case "$path" in *.yaml) ;; *) continue ;; esac
    [ "$type" = blob ] || continue
    grep -qx "$blob" "$seen" && continue
    echo "$blob" >> "$seen"
    rel=${path#problems/}
    short=$(git -C "$root" rev-parse --short=7 "$c")
    if ! find "$here" -name "$(basename "$rel")" -type f -exec sh -c 'git hash-object "$1"' _ {} \; | grep -qx "$blob"; then
      mkdir -p "$here/$short/$(dirname "$rel")"
      git -C "$root" cat-file -p "$blob" > "$here/$short/$rel"
      echo "added $short/$rel"
    fi
  done
done
