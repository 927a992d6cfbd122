#!/usr/bin/env bash
# Fetch the public real-world inputs pollcheck is measured on into a cache
# outside the repository: Debian's linux-source-6.12 and v4l2loopback-dkms.
# Idempotent: a tree that is already unpacked is not fetched again.
# Prints two lines, "kernel=<dir>" and "v4l2loopback=<dir>".
#
#   scripts/kernel-corpus.sh                     both (the kernel is about 150 MB packed)
#   scripts/kernel-corpus.sh --v4l2loopback-only only v4l2loopback (about 40 kB: what the test
#                                                command needs, V4l2loopbackCorpusTest); prints one line
#
# The cache is $POLLCHECK_CORPUS, by default ${XDG_CACHE_HOME:-~/.cache}/pollcheck-corpus; the tests
# read the same variable with the same default.
set -euo pipefail

want_kernel=1
for arg in "$@"; do
  case "$arg" in
    --v4l2loopback-only) want_kernel=0 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "kernel-corpus: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

cache="${POLLCHECK_CORPUS:-${XDG_CACHE_HOME:-$HOME/.cache}/pollcheck-corpus}"
kernel_pkg="${KERNEL_PKG:-linux-source-6.12}"
loop_pkg="${LOOPBACK_PKG:-v4l2loopback-dkms}"
mkdir -p "$cache"
cd "$cache"

log() { echo "kernel-corpus: $*" >&2; }

# apt-get download needs package lists; refresh them once if the package is unknown.
ensure_lists() {
  if ! apt-cache show "$1" >/dev/null 2>&1; then
    log "refreshing apt package lists"
    apt-get update -qq >&2 || true
  fi
}

fetch_deb() { # $1 = package name; prints the .deb path
  local pkg="$1" deb
  deb=$(ls -1 "${pkg}"_*.deb 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$deb" ]; then
    ensure_lists "$pkg"
    log "downloading $pkg"
    apt-get download -qq "$pkg" >&2
    deb=$(ls -1 "${pkg}"_*.deb | sort -V | tail -n 1)
  fi
  echo "$deb"
}

# linux-source-6.12 ships a .tar.xz of the tree inside the .deb.
kernel_dir="$cache/linux-source-6.12"
if [ "$want_kernel" = 1 ] && [ ! -f "$kernel_dir/.complete" ]; then
  deb=$(fetch_deb "$kernel_pkg")
  rm -rf "$cache/kernel-deb" "$kernel_dir"
  dpkg-deb -x "$deb" "$cache/kernel-deb"
  tarball=$(find "$cache/kernel-deb/usr/src" -maxdepth 1 -name 'linux-source-*.tar.xz' | head -n 1)
  [ -n "$tarball" ] || { log "no linux-source tarball in $deb"; exit 1; }
  log "unpacking $(basename "$tarball")"
  mkdir -p "$kernel_dir.tmp"
  tar xJf "$tarball" -C "$kernel_dir.tmp"
  inner=$(find "$kernel_dir.tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
  mv "$inner" "$kernel_dir"
  rm -rf "$kernel_dir.tmp" "$cache/kernel-deb"
  touch "$kernel_dir/.complete"
fi

# v4l2loopback-dkms ships the plain source under /usr/src/v4l2loopback-<version>.
loop_dir="$cache/v4l2loopback"
if [ ! -f "$loop_dir/.complete" ]; then
  deb=$(fetch_deb "$loop_pkg")
  rm -rf "$cache/loop-deb" "$loop_dir"
  dpkg-deb -x "$deb" "$cache/loop-deb"
  src=$(find "$cache/loop-deb/usr/src" -mindepth 1 -maxdepth 1 -type d -name 'v4l2loopback*' | head -n 1)
  [ -n "$src" ] || { log "no v4l2loopback source in $deb"; exit 1; }
  mv "$src" "$loop_dir"
  rm -rf "$cache/loop-deb"
  touch "$loop_dir/.complete"
fi

if [ "$want_kernel" = 1 ]; then
  echo "kernel=$kernel_dir"
fi
echo "v4l2loopback=$loop_dir"
