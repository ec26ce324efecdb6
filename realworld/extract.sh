#!/bin/sh
# extract.sh <git dir> <commit> <dest>: the files of <commit> from a bare git directory, written into <dest>.
#
# `git archive` stops at the first blob a snapshot lacks (the fetch tool's snapshots leave out some large files:
# mongodb/node-mongodb-native, elysiajs/elysia, nodemailer/nodemailer, redis/ioredis). This reads the commit's tree
# into a temporary index, drops the paths whose blobs are missing (it names them), and checks out the rest.
set -eu
if [ $# -ne 3 ]; then
  echo "usage: $0 <git dir> <commit> <dest>" >&2
  exit 2
fi
gitdir=$1 commit=$2 dest=$3
index=$(mktemp)
trap 'rm -f "$index"' EXIT
GIT_INDEX_FILE=$index git --git-dir="$gitdir" read-tree "$commit"
# every blob of the tree with its path; `cat-file --batch-check` says "missing" for those the snapshot lacks
tree=$(git --git-dir="$gitdir" ls-tree -r --format='%(objectname) %(path)' "$commit")
missing=$(printf '%s\n' "$tree" |
  git --git-dir="$gitdir" cat-file --batch-check='%(objectname) %(rest)' --buffer 2>/dev/null |
  awk '$2 == "missing" { print $1 }')
if [ -n "$missing" ]; then
  # the paths of the missing objects
  printf '%s\n' "$tree" |
    awk -v list="$missing" 'BEGIN { n = split(list, m, "\n"); for (i = 1; i <= n; i++) gone[m[i]] = 1 } gone[$1] { sub(/^[^ ]+ /, ""); print }' |
    while IFS= read -r file; do
      echo "left out (not in the snapshot): $file" >&2
      GIT_INDEX_FILE=$index git --git-dir="$gitdir" rm -q --cached -- "$file"
    done
fi
mkdir -p "$dest"
GIT_INDEX_FILE=$index git --git-dir="$gitdir" checkout-index -a --prefix="${dest%/}/"
