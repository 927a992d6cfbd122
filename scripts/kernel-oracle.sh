#!/usr/bin/env bash
# Real-kernel oracle: replays pollcheck's witnesses on Debian's own kernel under QEMU (TCG, no KVM)
# and compares what the kernel does (lost / woke) with what pollcheck predicted.
#
#   scripts/kernel-oracle.sh [-o FILE]
#
# KERNEL=6.1 (default: the version linux-image-amd64 depends on) or KERNEL=6.12 (bookworm-security's
# newest 6.12 image). ORACLE_CACHE (default ~/.cache/pollcheck-oracle) holds every download and build.
# LOOPBACK_PATCH / MC_PATCH replace the fixed forms of v4l2loopback.c and mc-request.c (a unified
# diff of that one file; its header paths do not matter). POLLCHECK_JAR defaults to target/pollcheck.jar.
# Prints the JSON summary (or writes it to FILE); exit 0 only when every case agrees.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
oracle="$repo/oracle"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    -o) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "kernel-oracle: unknown argument $1" >&2; exit 2 ;;
  esac
done

cache="${ORACLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pollcheck-oracle}"
jar="${POLLCHECK_JAR:-$repo/target/pollcheck.jar}"
series="${KERNEL:-}"
timeout_s="${ORACLE_TIMEOUT:-240}"
loop_patch="${LOOPBACK_PATCH:-$oracle/patches/v4l2loopback-poll-wait-first.patch}"
mc_patch="${MC_PATCH:-$oracle/patches/mc-request-poll-wait-first.patch}"
t_start=$(date +%s)

step="start"
log() { echo "kernel-oracle: $*" >&2; }
step() { step="$1"; log "[$(( $(date +%s) - t_start ))s] $1"; }
trap 'rc=$?; [ $rc -ne 0 ] && echo "kernel-oracle: FAILED at step: $step (exit $rc)" >&2' EXIT

# --- host tools ---------------------------------------------------------------------------------
step "host tools"
need=()
for t in qemu-system-x86_64:qemu-system-x86 busybox:busybox-static cpio:cpio depmod:kmod gcc:gcc \
         make:make bc:bc pahole:dwarves xz:xz-utils patch:patch java:default-jre-headless; do
  command -v "${t%%:*}" >/dev/null 2>&1 || need+=("${t#*:}")
done
[ -f /usr/include/stdio.h ] || need+=(libc6-dev)
# the guest needs a static busybox (busybox-static), not the dynamic one of the busybox package
if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then need+=(busybox-static); fi
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
[ -f "$jar" ] || { log "no $jar: build it first (mvn -B -q package -DskipTests)"; exit 1; }

# --- which kernel -------------------------------------------------------------------------------
step "resolve kernel packages"
# apt-cache is slow on full package lists: the resolution is kept for 12 hours (ORACLE_REFRESH=1 redoes it).
resolved="$cache/resolved-${series:-default}"
mkdir -p "$cache"
if [ -n "${ORACLE_REFRESH:-}" ] || [ -z "$(find "$resolved" -mmin -720 2>/dev/null)" ]; then
  if ! apt-cache show linux-image-amd64 >/dev/null 2>&1; then apt-get update -qq >&2; fi
  case "$series" in
    ""|6.1|default) meta=linux-image-amd64 ;;
    6.12) meta=linux-image-6.12-amd64 ;;
    *) meta="linux-image-$series-amd64" ;;
  esac
  deps() { apt-cache depends "$@" 2>/dev/null | sed -n 's/^ *Depends: //p'; }
  img=$(deps "$meta" | grep '^linux-image-' | head -n1)
  [ -n "$img" ] || { log "no kernel image package behind $meta"; exit 1; }
  abi="${img#linux-image-}"
  hdr="linux-headers-$abi"
  hdeps=$(deps "$hdr")
  hdr_common=$(echo "$hdeps" | grep '^linux-headers-.*common' | head -n1)
  kbuild=$(echo "$hdeps" | grep '^linux-kbuild-' | head -n1)
  cc=$(echo "$hdeps" | grep -E '^(gcc-[0-9]+|linux-compiler-gcc-[0-9]+)' | head -n1 | sed -E 's/^linux-compiler-(gcc-[0-9]+).*/\1/')
  # one apt-cache call for every version: "package version" pairs
  vers=$(apt-cache show --no-all-versions "$img" "$hdr" "$hdr_common" "$kbuild" 2>/dev/null |
         awk '/^Package: /{p=$2} /^Version: /{print p, $2}')
  v() { echo "$vers" | awk -v p="$1" '$1 == p { print $2; exit }'; }
  ver=$(v "$img")
  src_series=$(echo "$ver" | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')
  src="linux-source-$src_series"
  [ -n "$ver" ] && [ -n "$hdr_common" ] && [ -n "$kbuild" ] || { log "incomplete package data for $img"; exit 1; }
  cat > "$resolved" <<RES
img=$img abi=$abi ver=$ver hdr=$hdr hdr_common=$hdr_common kbuild=$kbuild cc=$cc src=$src src_series=$src_series
hdr_ver=$(v "$hdr") hdr_common_ver=$(v "$hdr_common") kbuild_ver=$(v "$kbuild")
RES
fi
# shellcheck disable=SC1090
. "$resolved"
log "kernel $img $ver (abi $abi), compiler ${cc:-gcc}"
if [ -n "$cc" ] && ! command -v "$cc" >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$cc" >&2
fi
CC="${cc:-gcc}"

kc="$cache/$abi"
mkdir -p "$kc/debs" "$cache/common"

fetch() { # package version -> downloads into $kc/debs once
  local p="$1" v="$2"
  if ! ls "$kc/debs/${p}_"*.deb >/dev/null 2>&1; then
    log "downloading $p $v"
    (cd "$kc/debs" && apt-get download -qq "$p=$v" 2>&1 | grep -v '^W: Download is performed unsandboxed' >&2 || true)
    ls "$kc/debs/${p}_"*.deb >/dev/null 2>&1 || { log "download of $p=$v failed"; return 1; }
  fi
}

# --- kernel image, headers, kbuild --------------------------------------------------------------
step "download kernel packages"
fetch "$img" "$ver"
fetch "$hdr" "$hdr_ver"
fetch "$hdr_common" "$hdr_common_ver"
fetch "$kbuild" "$kbuild_ver"

step "unpack kernel image (boot and the needed module directories)"
root="$kc/root"
image_parts=('./boot/vmlinuz-*' './boot/config-*' '*/modules/*/modules.order' '*/modules/*/modules.builtin*'
  '*/modules/*/kernel/drivers/media/*' '*/modules/*/kernel/drivers/input/*' '*/modules/*/kernel/drivers/hid/*')
image_sum=$(echo "${image_parts[*]}" | md5sum | cut -c1-12)
if [ ! -f "$root/.complete-$image_sum" ]; then
  rm -rf "$root"; mkdir -p "$root"
  dpkg-deb --fsys-tarfile "$kc/debs/${img}_"*.deb | tar -x -C "$root" --wildcards "${image_parts[@]}"
  # 6.12 ships compressed modules; busybox insmod wants plain ELF.
  find "$root" -name '*.ko.xz' -exec xz -d -f {} +
  touch "$root/.complete-$image_sum"
fi
moddir=$(find "$root" -maxdepth 3 -type d -path "*/modules/$abi" | head -n1)
[ -n "$moddir" ] || { log "no modules directory for $abi in $img"; exit 1; }

step "unpack headers and kbuild"
hroot="$kc/headers"
if [ ! -f "$hroot/.complete" ]; then
  rm -rf "$hroot"; mkdir -p "$hroot"
  for p in "$hdr" "$hdr_common" "$kbuild"; do dpkg-deb -x "$kc/debs/${p}_"*.deb "$hroot"; done
  # The arch headers include their common part (and kbuild) by absolute /usr/src and /usr/lib paths.
  for f in $(grep -rlE '/usr/(src|lib)/linux' "$hroot/usr/src" --include=Makefile 2>/dev/null); do
    sed -i -e "s#/usr/src/#$hroot/usr/src/#g" -e "s#/usr/lib/linux-kbuild#$hroot/usr/lib/linux-kbuild#g" "$f"
  done
  for l in $(find "$hroot/usr/src" -maxdepth 2 -type l); do
    t=$(readlink "$l"); case "$t" in /usr/*) ln -sfn "$hroot$t" "$l" ;; esac
  done
  touch "$hroot/.complete"
fi
kdir="$hroot/usr/src/linux-headers-$abi"
[ -d "$kdir" ] || { log "no $kdir"; exit 1; }
kmake=(make -s -C "$kdir" CC="$CC" HOSTCC="$CC")
case "$src_series" in 6.[1-9][0-9]*) kmake+=(CONFIG_DEBUG_INFO_BTF_MODULES=) ;; esac

# --- v4l2loopback 0.12.7, stock and fixed -------------------------------------------------------
step "fetch v4l2loopback source"
lsrc="$cache/common/v4l2loopback"
if [ ! -f "$lsrc/.complete" ]; then
  rm -rf "$lsrc" "$cache/common/lb-deb"; mkdir -p "$cache/common/lb-deb"
  (cd "$cache/common/lb-deb" && apt-get download -qq v4l2loopback-dkms 2>&1 | grep -v unsandboxed >&2 || true)
  dpkg-deb -x "$cache/common/lb-deb/"v4l2loopback-dkms_*.deb "$cache/common/lb-deb/x"
  d=$(find "$cache/common/lb-deb/x/usr/src" -mindepth 1 -maxdepth 1 -type d | head -n1)
  [ -f "$d/v4l2loopback.c" ] || { log "no v4l2loopback.c in v4l2loopback-dkms"; exit 1; }
  mv "$d" "$lsrc"; rm -rf "$cache/common/lb-deb"; touch "$lsrc/.complete"
fi

build_loopback() { # variant patch
  local v="$1" p="$2" d="$kc/v4l2loopback-$1"
  local stamp; stamp=$( { [ -n "$p" ] && cat "$p"; echo "$abi"; } | md5sum | cut -c1-12)
  if [ ! -f "$d/.built-$stamp" ]; then
    rm -rf "$d"; cp -r "$lsrc" "$d"; rm -f "$d/.complete"
    if [ -n "$p" ]; then
      [ -f "$p" ] || { log "no patch file $p"; return 1; }
      # the file is named, so the diff's own paths (a/, b/, absolute) do not matter
      patch -s "$d/v4l2loopback.c" < "$p" || { log "patch $p does not apply to v4l2loopback.c"; return 1; }
    fi
    local extra=""
    case "$src_series" in 6.[1-9][0-9]*) extra="-Dstrlcpy=strscpy" ;; esac
    "${kmake[@]}" M="$d" KCPPFLAGS="$extra" modules >&2 || { log "v4l2loopback ($v) does not build"; return 1; }
    touch "$d/.built-$stamp"
  fi
}
step "build v4l2loopback (stock)"
build_loopback stock ""
step "build v4l2loopback (fixed: $loop_patch)"
build_loopback fixed "$loop_patch"

# --- linux-source: mc.ko rebuilt, and the driver sources pollcheck reads ------------------------
step "download and unpack $src $ver (drivers the oracle reads)"
ksrc="$kc/source"
wanted=(drivers/media/mc drivers/input/evdev.c drivers/input/misc/uinput.c drivers/hid/uhid.c)
wanted_sum=$(echo "${wanted[*]}" | md5sum | cut -c1-12)
if [ ! -f "$ksrc/.complete-$wanted_sum" ]; then
  fetch "$src" "$ver"
  rm -rf "$ksrc" "$kc/srcdeb"; mkdir -p "$ksrc"
  dpkg-deb --fsys-tarfile "$kc/debs/${src}_"*.deb | tar -x -C "$kc" --transform 's#.*/#srcdeb/#' \
    --wildcards './usr/src/linux-source-*.tar.xz'
  tarball=$(ls "$kc/srcdeb/"linux-source-*.tar.xz)
  top=$(basename "$tarball" .tar.xz)
  tar -xJf "$tarball" -C "$ksrc" --strip-components=1 "${wanted[@]/#/$top/}"
  rm -rf "$kc/srcdeb"
  touch "$ksrc/.complete-$wanted_sum"
fi

build_mc() { # variant patch
  local v="$1" p="$2" d="$kc/mc-$1"
  local stamp; stamp=$( { [ -n "$p" ] && cat "$p"; echo "$abi"; } | md5sum | cut -c1-12)
  if [ ! -f "$d/.built-$stamp" ]; then
    rm -rf "$d"; cp -r "$ksrc/drivers/media/mc" "$d"
    if [ -n "$p" ]; then
      [ -f "$p" ] || { log "no patch file $p"; return 1; }
      patch -s "$d/mc-request.c" < "$p" || { log "patch $p does not apply to mc-request.c"; return 1; }
    fi
    "${kmake[@]}" M="$d" modules >&2 || { log "mc.ko ($v) does not build"; return 1; }
    # The modules that use mc's symbols check their CRCs: the rebuilt module must export the same.
    local cmp n same total bad
    cmp=$(awk 'NR==FNR { if ($3 ~ /drivers\/media\/mc\/mc$/) crc[$2]=$1; next }
               ($2 in crc) { n++; if (crc[$2] == $1) same++; else bad = bad " " $2 }
               END { print n + 0, same + 0, length(crc) bad }' "$kdir/Module.symvers" "$d/Module.symvers")
    read -r n same total bad <<< "$cmp"
    if [ "$total" -eq 0 ] || [ "$n" -ne "$total" ] || [ "$same" -ne "$total" ]; then
      log "mc.ko ($v): $same of $total exported symbol CRCs equal Module.symvers (${bad:-missing symbols})"
      return 1
    fi
    log "mc.ko ($v): all $total exported symbol CRCs equal the stock Module.symvers"
    touch "$d/.built-$stamp"
  fi
}
step "build mc.ko (fixed: $mc_patch)"
build_mc fixed "$mc_patch"

# --- scenarios from pollcheck's own output ------------------------------------------------------
step "run pollcheck on the drivers and generate scenarios"
gen="$kc/gen"
rm -rf "$gen"; mkdir -p "$gen"
# pollcheck's output is kept per (jar, source, command): a warm run does not start 12 JVMs again.
jarsum=$(md5sum < "$jar" | cut -c1-12)
pc() { # outfile command file
  local o="$1" f="$3" key
  key="$cache/common/pollcheck-out/$jarsum-$2-$(md5sum < "$f" | cut -c1-12).json"
  if [ ! -s "$key" ]; then
    mkdir -p "$cache/common/pollcheck-out"
    # the launcher's JVM options: C1 only halves the CPU of these short runs
    java -Xss64m -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -jar "$jar" "$2" --format json "$f" > "$key.tmp" || [ $? -eq 1 ] || { log "pollcheck $2 $f failed"; return 1; }
    mv "$key.tmp" "$key"
  fi
  cp "$key" "$o"
}
declare -A srcfile=(
  [v4l2loopback-stock]="$kc/v4l2loopback-stock/v4l2loopback.c"
  [v4l2loopback-fixed]="$kc/v4l2loopback-fixed/v4l2loopback.c"
  [mc-stock]="$ksrc/drivers/media/mc/mc-request.c"
  [mc-fixed]="$kc/mc-fixed/mc-request.c"
  [evdev]="$ksrc/drivers/input/evdev.c"
  [uinput]="$ksrc/drivers/input/misc/uinput.c"
  [uhid]="$ksrc/drivers/hid/uhid.c"
)
targets=()
while read -r name table variant; do
  case "$name" in ''|'#'*) continue ;; esac
  f="${srcfile[$name]}"
  pc "$gen/$name.check.json" check "$f"
  pc "$gen/$name.simulate.json" simulate "$f"
  targets+=("$oracle/drivers/$table" "$variant" "$gen/$name.check.json" "$gen/$name.simulate.json")
done < "$oracle/targets.txt"
java -cp "$jar" dev.pollcheck.oracle.Scenarios -o "$gen/scenarios.txt" "${targets[@]}" >&2 \
  || { log "scenario generator failed"; exit 1; }

# --- runner and initramfs ------------------------------------------------------------------------
step "build the scenario runner"
runner="$cache/common/runner"
if [ ! -x "$runner" ] || [ "$oracle/runner.c" -nt "$runner" ]; then
  gcc -static -O2 -Wall -o "$runner.tmp" "$oracle/runner.c" || { log "runner.c does not build"; exit 1; }
  mv "$runner.tmp" "$runner"
fi

step "build the initramfs"
ird="$kc/initrd"
rm -rf "$ird"; mkdir -p "$ird"/{bin,dev,proc,sys,tmp,mod/stock,mod/fixed}
cp /bin/busybox "$ird/bin/busybox"
for a in sh mount insmod rmmod cat echo sleep poweroff ls grep mkdir; do ln -s busybox "$ird/bin/$a"; done
cp "$runner" "$ird/bin/runner"
cp "$gen/scenarios.txt" "$ird/scenarios.txt"
cp "$oracle/init" "$ird/init"; chmod +x "$ird/init"
# Module load order from the image's own dependency data (the image ships no modules.dep).
drv="$root/depmod"
rm -rf "$drv"; mkdir -p "$drv/lib/modules"
cp -al "$moddir" "$drv/lib/modules/$abi" 2>/dev/null || cp -r "$moddir" "$drv/lib/modules/$abi"
mkdir -p "$drv/lib/modules/$abi/extra"
cp "$kc/v4l2loopback-stock/v4l2loopback.ko" "$drv/lib/modules/$abi/extra/"
depmod -b "$drv" "$abi"
order() { # module... -> .ko paths in load order, each once
  for m in "$@"; do modprobe -d "$drv" -S "$abi" --show-depends "$m"; done |
    awk '$1 == "insmod" && !seen[$2]++ { print $2 }'
}
mods=$(order v4l2loopback vivid uinput evdev uhid hid-generic)
n=0
: > "$ird/mod/stock/list"; : > "$ird/mod/fixed/list"
for k in $mods; do
  n=$((n + 1)); b=$(printf '%02d-%s' "$n" "$(basename "$k")")
  cp "$k" "$ird/mod/stock/$b"; echo "$b" >> "$ird/mod/stock/list"
  case "$(basename "$k")" in
    mc.ko) cp "$kc/mc-fixed/mc.ko" "$ird/mod/fixed/$b" ;;
    v4l2loopback.ko) cp "$kc/v4l2loopback-fixed/v4l2loopback.ko" "$ird/mod/fixed/$b" ;;
    *) ln "$ird/mod/stock/$b" "$ird/mod/fixed/$b" ;;
  esac
  echo "$b" >> "$ird/mod/fixed/list"
done
(cd "$ird" && find . | cpio -o -H newc --quiet | gzip -1 > "$kc/initrd.cpio.gz")

# --- boot ----------------------------------------------------------------------------------------
step "boot $abi under qemu (TCG)"
console="$kc/console.log"
t_boot=$(date +%s)
set +e
timeout "$timeout_s" qemu-system-x86_64 -nographic -no-reboot -m 1G -smp 1 -net none \
  -kernel "$(ls "$root"/boot/vmlinuz-*)" -initrd "$kc/initrd.cpio.gz" \
  -append "console=ttyS0 quiet loglevel=3 panic=-1 oops=panic" < /dev/null > "$console" 2>&1
qrc=$?
set -e
t_end=$(date +%s)
[ $qrc -eq 0 ] || log "qemu exited with $qrc (124 = timeout after ${timeout_s}s); console: $console"
grep -q '^ORACLE-DONE' "$console" || log "the guest did not finish its scenarios; see $console"

# --- summary -------------------------------------------------------------------------------------
step "summarise"
summary=$(python3 - "$gen/scenarios.txt" "$console" "$img" "$ver" "$((t_end - t_start))" "$((t_end - t_boot))" <<'EOF'
import json, sys
scen, console, img, ver, total, boot = sys.argv[1:]
cases, order = {}, []
for line in open(scen):
    f = line.rstrip("\n").split("\t")
    if f[0] == "case":
        _, cid, driver, function, scenario, api, predicted, variant = f[:8]
        cases[cid] = dict(driver=driver, function=function, scenario=scenario, api=api,
                          variant=variant, predicted=predicted, observed="error", ms=None)
        order.append(cid)
for line in open(console, errors="replace"):
    line = line.strip()
    if line.startswith("ORACLE case="):
        kv = dict(p.split("=", 1) for p in line[len("ORACLE "):].split(" ") if "=" in p)
        c = cases.get(kv.get("case"))
        if c is not None:
            c["observed"] = kv.get("observed", "error")
            c["ms"] = int(kv["ms"]) if kv.get("ms", "").isdigit() else None
            if kv.get("detail"):
                c["detail"] = kv["detail"]
out = [cases[c] for c in order]
agree = bool(out) and all(c["observed"] == c["predicted"] for c in out)
print(json.dumps({"kernel": {"package": img, "version": ver}, "cases": out, "agree": agree,
                  "seconds": {"total": int(total), "boot": int(boot)}}, indent=2))
EOF
)
if [ -n "$out" ]; then echo "$summary" > "$out"; else echo "$summary"; fi
trap - EXIT
echo "$summary" | python3 -c 'import json,sys; d=json.load(sys.stdin)
for c in d["cases"]: print("kernel-oracle: %-5s %-5s %-6s %-5s %-20s %s" % (c["predicted"], c["observed"], c["api"], c["variant"], c["function"], c["scenario"]), file=sys.stderr)
bad = [c for c in d["cases"] if c["observed"] != c["predicted"]]
print("kernel-oracle: %d cases, %d lost, %d woke, %d disagree; %ds (boot %ds)" % (len(d["cases"]),
      sum(c["observed"] == "lost" for c in d["cases"]), sum(c["observed"] == "woke" for c in d["cases"]),
      len(bad), d["seconds"]["total"], d["seconds"]["boot"]), file=sys.stderr)
sys.exit(0 if d["agree"] else 1)'
