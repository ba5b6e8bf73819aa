#!/usr/bin/env bash
# The container image, built and run without a Docker daemon: buildah on a Debian base
# made by debootstrap. CI's step "container image (buildah)" calls it (.ci/run); it also
# runs alone, as root:
#   bash docker/ci-image.sh --can-run      exit 0 if buildah can run here, else print why
#   bash docker/ci-image.sh BINARY         build thidua:local from BINARY and check it
#
# What it does with BINARY (a release build of `thidua` for Debian 12):
#   1. the base: `debootstrap --variant=minbase --include=$BASE_PACKAGES bookworm`, the
#      security and point updates applied, packed as a tarball in the cache folder and
#      reused while its key (suite, variant, package list, recipe) is unchanged and it is
#      younger than CI_IMAGE_BASE_MAX_DAYS;
#   2. a buildah store (vfs) in a temporary folder (in memory if it can): the tarball
#      imported as localhost/thidua-base:KEY, then `buildah bud --isolation chroot --pull=never
#      --target runtime-prebuilt` of docker/Dockerfile gives localhost/thidua:local (only
#      that target: the default one, its builder stage and the runtime's apt-get branch are
#      not built here);
#   3. checks: the image config (user 10001, entrypoint, volume, health check); `ldd`
#      finds every library; `thidua init` in a container on a bind-mounted volume folder;
#      `thidua serve` (host network, a free port) answers /health/ready 200, runs as uid
#      10001 (/proc/PID/status), passes the image's own HEALTHCHECK command (for a specific
#      and for a wildcard THIDUA_BIND), logs the admin in and creates a unit; then the
#      container is stopped and removed and a new one on the same volume folder accepts
#      the old token, the login, and lists the unit.
#   Everything it made but the cached tarball is removed on exit (trap), containers and
#   mounts included, also on INT/TERM: the long phases run in the background under
#   `timeout`, so a signal reaches the trap at once and the trap stops them. A later run
#   removes the temporary folder of a run that was killed before it could clean up (the
#   folder's `owner` file names a process that is gone).
#
# Environment:
#   CARGO_TARGET_DIR        used only for the default cache folder
#   CI_IMAGE_CACHE          cache folder of the base tarballs (default:
#                           $CARGO_TARGET_DIR/thidua-image-base, and when CARGO_TARGET_DIR
#                           is unset $HOME/.cache/thidua-target/thidua-image-base, the
#                           folder .ci/run uses by default)
#   CI_IMAGE_MIRROR         Debian mirror (default: http://deb.debian.org/debian)
#   CI_IMAGE_SECURITY_MIRROR  Debian security mirror
#                           (default: http://deb.debian.org/debian-security)
#   CI_IMAGE_BASE_MAX_DAYS  rebuild a cached base this many days old (default: 30; 0: every
#                           run)
#   CI_IMAGE_WORKDIR        where the temporary folder (buildah store, logs, the volume
#                           folder) goes (default: /dev/shm with 3 GB free, mounted
#                           without noexec and nodev; else $TMPDIR, else /tmp)
#   CI_IMAGE_KEEP           1: keep the temporary folder for inspection
#   CI_IMAGE_EXPORT         a file: once the checks pass, write the image there as a
#                           docker-archive (`docker load -i FILE`, `podman load -i FILE`)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

SUITE=bookworm
VARIANT=minbase
BASE_PACKAGES=ca-certificates,curl,libssl3
# Bump when the way the base is made changes (it is part of the cache key).
BASE_RECIPE=4
MIRROR="${CI_IMAGE_MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${CI_IMAGE_SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
MAX_DAYS="${CI_IMAGE_BASE_MAX_DAYS:-30}"
IMAGE=localhost/thidua:local
UID_EXPECTED=10001
# What the runtime stage of docker/Dockerfile prints when the base has its packages.
NO_APT_LINE='ca-certificates, curl and libssl3 are in the base: no apt-get'
TOOLS=(buildah debootstrap python3 curl ps chroot unshare tar dpkg sha256sum timeout awk stat)

log() { printf '    %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# ---- can buildah run here? -------------------------------------------------------------
cannot_run_reason() {
    local tool missing=() probe
    for tool in "${TOOLS[@]}"; do
        command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
    done
    if [[ ${#missing[@]} -gt 0 ]]; then
        echo "missing: ${missing[*]} (as root on Debian: apt-get install -y buildah debootstrap curl procps python3)"
        return 0
    fi
    if [[ "$(id -u)" -ne 0 ]]; then
        echo "not root: chroot isolation and vfs storage as used here need root"
        return 0
    fi
    # chroot isolation runs every container in a mount namespace of its own.
    if ! timeout 10 unshare -m true >/dev/null 2>&1; then
        echo "no mount namespace here (unshare -m fails): buildah's chroot isolation cannot run"
        return 0
    fi
    probe="$(mktemp -d "${TMPDIR:-/tmp}/thidua-can-run.XXXXXX")"
    if ! timeout 30 buildah --storage-driver vfs --root "$probe/root" --runroot "$probe/run" \
        images >"$probe/out" 2>&1 </dev/null; then
        echo "buildah cannot open a vfs store here: $(tail -n 1 "$probe/out")"
    fi
    rm -rf --one-file-system -- "${probe:?}"
}
if [[ "${1:-}" == "--can-run" ]]; then
    reason="$(cannot_run_reason)"
    if [[ -n "$reason" ]]; then
        echo "$reason"
        exit 1
    fi
    exit 0
fi

BIN="${1:?usage: $0 --can-run | BINARY}"
[[ -x "$BIN" ]] || die "no executable binary at $BIN"
reason="$(cannot_run_reason)"
[[ -z "$reason" ]] || die "$reason"
[[ "$MAX_DAYS" =~ ^[0-9]+$ ]] || die "CI_IMAGE_BASE_MAX_DAYS is '$MAX_DAYS', not a number of days"

T0=$(date +%s)
PHASE_T=$T0
phase() {
    local now
    now=$(date +%s)
    log "($((now - PHASE_T))s) $*"
    PHASE_T=$now
}

# ---- processes and mounts --------------------------------------------------------------
# The start time of a process (clock ticks after boot, /proc/PID/stat field 22): with the
# pid, it names the process (a pid alone may be reused). Empty when there is none.
proc_start() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
    stat="${stat##*) }"
    awk '{ print $20 }' <<<"$stat"
}
# "PID/START" of every process below $1, nearest first.
descendants() {
    local pid
    for pid in $(ps -e -o pid=,ppid= | awk -v top="$1" '
        { parent[$1] = $2 }
        END {
            below[top] = 1
            do {
                more = 0
                for (p in parent) if (!(p in below) && (parent[p] in below)) { below[p] = 1; order[++n] = p; more = 1 }
            } while (more)
            for (i = 1; i <= n; i++) print order[i]
        }'); do
        printf '%s/%s\n' "$pid" "$(proc_start "$pid")"
    done
}
# KILL each "PID/START" of $@ that is still that process.
kill_listed() {
    local entry pid comm
    for entry in "$@"; do
        pid="${entry%%/*}"
        comm="$(cat "/proc/$pid/comm" 2>/dev/null)" || continue
        if [[ -n "$pid" && -n "$comm" && "$(proc_start "$pid")" == "${entry#*/}" ]]; then
            log "killing leftover process $pid ($comm)"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    return 0
}
# Mount points at or below $1 (/proc/self/mounts decoded: \040 is a space), deepest first.
mounts_under() {
    awk -v d="${1:?}" '
        function dec(s) { gsub(/\\040/, " ", s); gsub(/\\011/, "\t", s); gsub(/\\012/, "\n", s); gsub(/\\134/, "\\", s); return s }
        { m = dec($2); if (m == d || index(m, d "/") == 1) print m }' /proc/self/mounts | sort -r
}
# Processes whose root or working folder is at or below $1 (a container's processes have
# their root in the store).
procs_in() {
    local d="${1:?}" p r c
    for p in /proc/[0-9]*; do
        r="$(readlink "$p/root" 2>/dev/null)" || r=""
        c="$(readlink "$p/cwd" 2>/dev/null)" || c=""
        if [[ "$r" == "$d" || "$r" == "$d/"* || "$c" == "$d" || "$c" == "$d/"* ]]; then
            printf '%s/%s\n' "${p#/proc/}" "$(proc_start "${p#/proc/}")"
        fi
    done
}

# ---- the temporary folder --------------------------------------------------------------
# The store: vfs copies the whole image for every layer and container, which on a busy
# disk takes minutes (65-150 s measured) and in memory seconds (13 s). So /dev/shm when it
# has room (the store peaks under 1 GB) and allows programs and devices (the new base runs
# apt-get in a chroot), else $TMPDIR.
if [[ -n "${CI_IMAGE_WORKDIR:-}" ]]; then
    WORK_PARENT="$CI_IMAGE_WORKDIR"
elif [[ -d /dev/shm && -w /dev/shm ]] &&
    [[ "$(df -P -k /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -gt $((3 * 1024 * 1024)) ]] &&
    ! awk '$2 == "/dev/shm" { o = $4 } END { exit !(o ~ /(^|,)(noexec|nodev)(,|$)/) }' /proc/self/mounts; then
    WORK_PARENT=/dev/shm
else
    WORK_PARENT="${TMPDIR:-/tmp}"
fi
mkdir -p "$WORK_PARENT"
WORK_PARENT="$(cd "$WORK_PARENT" && pwd -P)"

# Temporary folders of earlier runs that were killed before their trap ran (SIGKILL, a
# lost machine): their owner process is gone. Left alone while anything is mounted or
# running in one.
sweep_dead_runs() {
    local d pid start
    for d in "${WORK_PARENT:?}"/thidua-image.??????; do
        [[ -d "$d" && ! -L "$d" && -O "$d" && -f "$d/owner" ]] || continue
        read -r pid start <"$d/owner" 2>/dev/null || continue
        [[ "$pid" =~ ^[0-9]+$ ]] || continue
        [[ "$(proc_start "$pid")" != "$start" ]] || continue
        if [[ -n "$(mounts_under "$d")" ]]; then
            log "left in place: $d of a dead run (pid $pid): something is mounted in it"
        elif [[ -n "$(procs_in "$d")" ]]; then
            log "left in place: $d of a dead run (pid $pid): processes still run in it"
        else
            log "removing $d of a run that ended without its cleanup (pid $pid)"
            rm -rf --one-file-system -- "${d:?}"
        fi
    done
}

WORK=""
STORE=""
B=()
BG_PID=""
RUN_PID=""
SERVER_PID=""
SERVER_LOG=""
PART=""
EXPORT_PART=""
RUN_RC=0

# ---- long phases -----------------------------------------------------------------------
# `run_limited SECONDS OUT ERR COMMAND…`: COMMAND under `timeout`, in the background,
# its output to the files OUT and ERR (they may be the same), and `wait`.
# bash runs a trap only once the foreground command has ended, and `timeout` puts itself
# and COMMAND in a process group of their own, which a signal sent to this script's
# group does not reach; with `wait` the trap runs at once and stop_bg ends the phase
# (`timeout` passes the TERM on to its whole group, and SIGKILL 10 s later).
# The files are opened for COMMAND only: a redirection around the call would still hold
# when the trap runs in it, and send the cleanup's messages into the log file.
run_limited() {
    local limit="$1" out="$2" err="$3" rc=0
    shift 3
    if [[ "$out" == "$err" ]]; then
        timeout --kill-after=10 "$limit" "$@" >"$out" 2>&1 &
    else
        timeout --kill-after=10 "$limit" "$@" >"$out" 2>"$err" &
    fi
    BG_PID=$!
    wait "$BG_PID" || rc=$?
    BG_PID=""
    return "$rc"
}
stop_bg() {
    [[ -n "$BG_PID" ]] || return 0
    log "stopping the running phase (timeout, pid $BG_PID)"
    kill -TERM "$BG_PID" 2>/dev/null
    wait "$BG_PID" 2>/dev/null
    BG_PID=""
}

# ---- cleanup ---------------------------------------------------------------------------
stop_container_process() {
    [[ -n "$RUN_PID" ]] || return 0
    local below i
    below="$(descendants "$RUN_PID")"
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        # As `docker stop` does: SIGTERM to the server, which drains and exits.
        kill -TERM "$SERVER_PID" 2>/dev/null || true
    else
        # The server is not known (not ready, not found, gone): buildah run and
        # everything below it.
        local entry
        kill -TERM "$RUN_PID" 2>/dev/null || true
        for entry in $below; do
            kill -TERM "${entry%%/*}" 2>/dev/null || true
        done
    fi
    for i in $(seq 1 200); do
        kill -0 "$RUN_PID" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$RUN_PID" 2>/dev/null; then
        log "buildah run $RUN_PID still alive after 20 s: SIGKILL"
        below="$below $(descendants "$RUN_PID")"
        kill -KILL "$RUN_PID" 2>/dev/null || true
    fi
    RUN_RC=0
    wait "$RUN_PID" 2>/dev/null || RUN_RC=$?
    # Nothing that ran below buildah run may outlive it (a thidua on the host network).
    # shellcheck disable=SC2086
    kill_listed $below
    RUN_PID=""
    SERVER_PID=""
}

cleanup() {
    local rc=$?
    set +e
    trap - EXIT
    # A second signal must not cut the cleanup short: it is bounded (about 90 s at worst:
    # 10 s stop_bg, 20 s stop_container_process, 50 s buildah rm), .ci/run waits 180 s.
    trap 'log "signal during the cleanup: finishing it first"' INT TERM
    if [[ $rc -ne 0 && -n "$SERVER_LOG" && -s "$SERVER_LOG" ]]; then
        printf '\n--- last 60 lines of the container server log (%s) ---\n' "$SERVER_LOG"
        tail -n 60 "$SERVER_LOG"
        printf -- '--- end of log ---\n'
    fi
    stop_bg
    stop_container_process
    [[ -z "$PART" ]] || rm -f -- "${PART:?}"
    [[ -z "$EXPORT_PART" ]] || rm -f -- "${EXPORT_PART:?}"
    if [[ -z "$WORK" ]]; then
        exit "$rc"
    fi
    if [[ -d "$STORE/root" ]]; then
        timeout --kill-after=5 45 "${B[@]}" rm --all >/dev/null 2>&1 </dev/null
    fi
    # Nothing may run or stay mounted in $WORK (vfs mounts nothing and chroot runs mount
    # in their own namespace, but a killed debootstrap leaves proc and sys mounted in the
    # new root): rm would cross into a mount or race a process.
    local m
    # shellcheck disable=SC2046
    kill_listed $(procs_in "$WORK")
    while IFS= read -r m; do
        [[ -n "$m" ]] || continue
        log "unmounting leftover $m"
        umount -l -- "$m" 2>/dev/null
    done < <(mounts_under "$WORK")
    if [[ -n "$(mounts_under "$WORK")" ]]; then
        log "mounts remain under $WORK: left in place"
    elif [[ "${CI_IMAGE_KEEP:-}" == 1 ]]; then
        log "kept $WORK (CI_IMAGE_KEEP=1)"
    else
        rm -rf --one-file-system -- "${WORK:?}"
        [[ $rc -ne 0 ]] || log "($(($(date +%s) - PHASE_T))s) containers, store and temporary files removed"
    fi
    [[ $rc -ne 0 ]] || log "$(($(date +%s) - T0))s in all"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

sweep_dead_runs
WORK="$(mktemp -d "$WORK_PARENT/thidua-image.XXXXXX")"
printf '%s %s\n' "$$" "$(proc_start "$$")" >"$WORK/owner"
STORE="$WORK/store"
B=(buildah --storage-driver vfs --root "$STORE/root" --runroot "$STORE/run")

# ---- 1. the base tarball ---------------------------------------------------------------
ARCH="$(dpkg --print-architecture)"
KEY="$(printf '%s\n' "$SUITE" "$VARIANT" "$BASE_PACKAGES" "$ARCH" "recipe $BASE_RECIPE" |
    sha256sum | cut -c1-16)"
if [[ -n "${CI_IMAGE_CACHE:-}" ]]; then
    CACHE="$CI_IMAGE_CACHE"
else
    # In the build cache folder, made absolute (a relative CARGO_TARGET_DIR such as
    # `target` is ignored by git and by the image's build context).
    CACHE="$(realpath -m -- "${CARGO_TARGET_DIR:-${HOME:-/tmp}/.cache/thidua-target}")/thidua-image-base"
fi
mkdir -p "$CACHE"
TARBALL="$CACHE/debian-$SUITE-$VARIANT-$ARCH-$KEY.tar"
log "base: $SUITE $VARIANT + $BASE_PACKAGES ($ARCH), key $KEY"

if [[ -f "$TARBALL" ]]; then
    age=$(($(date +%s) - $(stat -c %Y "$TARBALL")))
    if [[ $age -ge $((MAX_DAYS * 86400)) ]]; then
        log "the cached base is $((age / 86400)) days old (CI_IMAGE_BASE_MAX_DAYS=$MAX_DAYS): making it again"
        rm -f -- "${TARBALL:?}"
    fi
fi
if [[ -f "$TARBALL" ]]; then
    log "reusing the cached base $TARBALL ($(du -h "$TARBALL" | cut -f1))"
else
    ROOTFS="$WORK/rootfs"
    # Every path written or removed below is under this checked, non-empty folder.
    [[ -n "$WORK" && -d "$WORK" && "${ROOTFS:?}" == "$WORK/rootfs" && ! -e "$ROOTFS" ]] ||
        die "unexpected root folder '$ROOTFS'"
    log "debootstrap from $MIRROR into $ROOTFS (log $WORK/debootstrap.log)"
    if ! run_limited 1200 "$WORK/debootstrap.log" "$WORK/debootstrap.log" \
        debootstrap --variant="$VARIANT" --include="$BASE_PACKAGES" \
        "$SUITE" "${ROOTFS:?}" "$MIRROR"; then
        tail -n 40 "$WORK/debootstrap.log"
        [[ -f "$ROOTFS/debootstrap/debootstrap.log" ]] && tail -n 40 "$ROOTFS/debootstrap/debootstrap.log"
        die "debootstrap failed"
    fi
    [[ -d "${ROOTFS:?}/usr/share" && -d "${ROOTFS:?}/etc/apt/sources.list.d" ]] ||
        die "debootstrap made no Debian root in $ROOTFS"
    phase "debootstrap done"
    # The suite alone is the point release: add its updates and the security archive,
    # and apply them, as the published debian images do.
    rm -f -- "${ROOTFS:?}/etc/apt/sources.list"
    printf '%s\n' \
        'Types: deb' \
        "URIs: $MIRROR" \
        "Suites: $SUITE $SUITE-updates" \
        'Components: main' \
        'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' \
        '' \
        'Types: deb' \
        "URIs: $SECURITY_MIRROR" \
        "Suites: $SUITE-security" \
        'Components: main' \
        'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' \
        >"${ROOTFS:?}/etc/apt/sources.list.d/debian.sources"
    # Slim, like debian:*-slim: no documentation but the copyright files, no manual pages,
    # no translations; the dpkg rule keeps it so for the upgrade and later installs.
    printf '%s\n' \
        'path-exclude /usr/share/doc/*' \
        'path-include /usr/share/doc/*/copyright' \
        'path-exclude /usr/share/man/*' \
        'path-exclude /usr/share/groff/*' \
        'path-exclude /usr/share/info/*' \
        'path-exclude /usr/share/lintian/*' \
        'path-exclude /usr/share/linda/*' \
        'path-exclude /usr/share/locale/*' \
        'path-include /usr/share/locale/locale.alias' \
        >"${ROOTFS:?}/etc/dpkg/dpkg.cfg.d/docker-slim"
    find "${ROOTFS:?}/usr/share/doc" -xdev -mindepth 1 ! -type d ! -name copyright -delete
    find "${ROOTFS:?}/usr/share/doc" -xdev -mindepth 1 -type d -empty -delete
    find "${ROOTFS:?}/usr/share/locale" -xdev -mindepth 1 -maxdepth 1 ! -name locale.alias \
        -exec rm -rf --one-file-system -- {} +
    rm -rf --one-file-system -- "${ROOTFS:?}"/usr/share/man/* "${ROOTFS:?}"/usr/share/groff/* \
        "${ROOTFS:?}"/usr/share/info/* "${ROOTFS:?}"/usr/share/lintian/* \
        "${ROOTFS:?}"/usr/share/linda/*
    # No service may start in the chroot while packages are upgraded (101: "action
    # forbidden", see invoke-rc.d); removed again after.
    printf '%s\n' '#!/bin/sh' 'exit 101' >"${ROOTFS:?}/usr/sbin/policy-rc.d"
    chmod 0755 "${ROOTFS:?}/usr/sbin/policy-rc.d"
    if ! run_limited 900 "$WORK/upgrade.log" "$WORK/upgrade.log" \
        chroot "${ROOTFS:?}" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        DEBIAN_FRONTEND=noninteractive sh -c \
        'apt-get update -q && apt-get -y -q -o Dpkg::Options::=--force-confold upgrade'; then
        tail -n 40 "$WORK/upgrade.log"
        die "apt-get upgrade in the new base failed"
    fi
    rm -f -- "${ROOTFS:?}/usr/sbin/policy-rc.d"
    log "$(grep -E '^[0-9]+ upgraded' "$WORK/upgrade.log" || echo 'upgrade: see log')"
    # Slim, like debian:*-slim: no package lists, no downloaded packages, no logs.
    rm -rf --one-file-system -- "${ROOTFS:?}"/var/lib/apt/lists/* "${ROOTFS:?}"/var/cache/apt/*.bin \
        "${ROOTFS:?}"/var/cache/apt/archives/*.deb "${ROOTFS:?}"/var/log/apt/* \
        "${ROOTFS:?}"/var/log/dpkg.log "${ROOTFS:?}"/var/log/bootstrap.log "${ROOTFS:?}"/debootstrap
    # The image is made from files, not a booted system: no devices in /dev (the runtime
    # provides them), no host name, no name servers of this machine. Nothing may be
    # mounted in it now (debootstrap can bind the host's /dev in a container).
    [[ -z "$(mounts_under "$ROOTFS")" ]] || die "something is still mounted under $ROOTFS"
    find "${ROOTFS:?}/dev" -xdev -mindepth 1 -delete
    rm -f -- "${ROOTFS:?}/etc/hostname" "${ROOTFS:?}/etc/resolv.conf"
    : >"${ROOTFS:?}/etc/hostname"
    : >"${ROOTFS:?}/etc/resolv.conf"
    PART="$TARBALL.part.$$"
    tar --numeric-owner --xattrs -C "${ROOTFS:?}" -cf "$PART" .
    mv -f -- "$PART" "$TARBALL"
    PART=""
    rm -rf --one-file-system -- "${ROOTFS:?}"
    phase "base packed: $TARBALL ($(du -h "$TARBALL" | cut -f1))"
fi

# ---- 2. the images ---------------------------------------------------------------------
BASE_IMAGE="localhost/thidua-base:$SUITE-$KEY"
ctr="$("${B[@]}" from --pull=never scratch)"
mnt="$("${B[@]}" mount "$ctr")"
tar --numeric-owner --xattrs -C "${mnt:?}" -xf "$TARBALL"
"${B[@]}" umount "$ctr" >/dev/null
"${B[@]}" config \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --cmd /bin/bash "$ctr"
"${B[@]}" commit --quiet --rm "$ctr" "$BASE_IMAGE" >/dev/null
phase "base imported as $BASE_IMAGE"

CONTEXT="$WORK/context"
mkdir -p "$CONTEXT"
cp -- "$BIN" "$CONTEXT/thidua"
if ! run_limited 600 "$WORK/bud.log" "$WORK/bud.log" \
    "${B[@]}" bud --isolation chroot --pull=never --layers=false \
    --format docker --target runtime-prebuilt \
    --build-arg "RUNTIME_BASE=$BASE_IMAGE" \
    -f "$ROOT/docker/Dockerfile" -t "$IMAGE" "$CONTEXT"; then
    tail -n 60 "$WORK/bud.log"
    die "buildah bud failed"
fi
# The echoed line itself (the log also holds each instruction's text, this one included),
# and none of apt-get's own output.
grep -qxF -- "$NO_APT_LINE" "$WORK/bud.log" ||
    die "the runtime stage did not say '$NO_APT_LINE' (see $WORK/bud.log)"
if grep -qE '^(Get:[0-9]|Hit:[0-9]|Reading package lists)' "$WORK/bud.log"; then
    die "the runtime stage ran apt-get on a base that has its packages (see $WORK/bud.log)"
fi
phase "built $IMAGE ($("${B[@]}" images --format '{{.Size}}' "$IMAGE"))"

# ---- 3. checks -------------------------------------------------------------------------
"${B[@]}" inspect --type image "$IMAGE" >"$WORK/image.json"
image_config() {
    python3 -c 'import json, sys
config = json.load(open(sys.argv[1]))["Docker"]["config"]
value = config.get(sys.argv[2])
print(value if isinstance(value, str) else json.dumps(value))' "$WORK/image.json" "$1"
}
user="$(image_config User)"
entrypoint="$(image_config Entrypoint)"
volumes="$(image_config Volumes)"
healthcheck="$(image_config Healthcheck)"
log "image config: user=$user entrypoint=$entrypoint volumes=$volumes"
log "healthcheck: $healthcheck"
[[ "$user" == "$UID_EXPECTED:$UID_EXPECTED" ]] || die "image user is '$user', expected $UID_EXPECTED:$UID_EXPECTED"
[[ "$entrypoint" == '["thidua"]' ]] || die "image entrypoint is $entrypoint"
[[ "$volumes" == *'"/var/lib/thidua"'* ]] || die "no /var/lib/thidua volume: $volumes"
[[ "$healthcheck" == *'"CMD-SHELL"'* ]] || die "no shell HEALTHCHECK in the image: $healthcheck"
HEALTH_CMD="$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["Test"][1])' "$healthcheck")"

free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}
PORT="$(free_port)"
BASE_URL="http://127.0.0.1:$PORT"
VOLUME="$WORK/volume"
mkdir -p "$VOLUME"
# A bind-mounted folder keeps its host owner: the image's user must own it.
chown "$UID_EXPECTED:$UID_EXPECTED" "$VOLUME"
chmod 0750 "$VOLUME"
PASSWORD="Ci-$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')-9a"
RUN_OPTS=(--isolation chroot --network host -v "$VOLUME:/var/lib/thidua"
    --env "THIDUA_BIND=127.0.0.1:$PORT" --env THIDUA_LOG=warn)

# One-shot commands, one after the other in a probe container (vfs copies the whole
# image for each container: one is enough). "@" in the arguments stands for its name.
# The command's standard output lands in PROBE_OUT; its errors go to the log.
PROBE="$("${B[@]}" from --pull=never "$IMAGE")"
PROBE_OUT=""
in_probe() {
    local args=() a rc=0
    for a in "$@"; do
        if [[ "$a" == "@" ]]; then args+=("$PROBE"); else args+=("$a"); fi
    done
    run_limited 120 "$WORK/probe.out" "$WORK/probe.err" \
        "${B[@]}" run "${RUN_OPTS[@]}" "${args[@]}" || rc=$?
    PROBE_OUT="$(cat "$WORK/probe.out")"
    [[ $rc -eq 0 ]] || cat "$WORK/probe.err" >&2
    return "$rc"
}

in_probe @ -- id -u || die "id -u in the container failed: $PROBE_OUT"
[[ "$PROBE_OUT" == "$UID_EXPECTED" ]] || die "the container runs as uid '$PROBE_OUT', expected $UID_EXPECTED"
in_probe @ -- ldd /usr/local/bin/thidua || die "ldd failed: $PROBE_OUT"
ldd_out="$PROBE_OUT"
if grep -qE 'not found|not a dynamic' <<<"$ldd_out"; then
    printf '%s\n' "$ldd_out"
    die "the binary does not find its libraries in the image"
fi
log "ldd: $(awk '{print $1}' <<<"$ldd_out" | tr '\n' ' ')"

in_probe --env "THIDUA_PASSWORD=$PASSWORD" @ -- thidua init --unit-code CI-IMAGE \
    --unit-name "CI image check" --admin-username admin ||
    { printf '%s\n' "$PROBE_OUT"; die "thidua init in the container failed"; }
log "thidua init: ok"
db_owner="$(stat -c '%u:%g' "$VOLUME/thidua.db" 2>/dev/null)" || die "no thidua.db in the volume folder after init"
[[ "$db_owner" == "$UID_EXPECTED:$UID_EXPECTED" ]] || die "thidua.db is owned by $db_owner"
phase "container checks: uid, ldd, init"

SERVER_CTR=""
start_server() {
    local label="$1" deadline entry pid
    SERVER_CTR="$("${B[@]}" from --pull=never "$IMAGE")"
    SERVER_LOG="$WORK/server-$label.log"
    "${B[@]}" run "${RUN_OPTS[@]}" "$SERVER_CTR" -- thidua serve </dev/null >"$SERVER_LOG" 2>&1 &
    RUN_PID=$!
    SERVER_PID=""
    deadline=$((SECONDS + 60))
    while :; do
        kill -0 "$RUN_PID" 2>/dev/null || die "the container ($label) exited before it was ready"
        if curl -fsS --max-time 2 -o /dev/null "$BASE_URL/health/ready" 2>/dev/null; then
            break
        fi
        [[ $SECONDS -lt $deadline ]] || die "the container ($label) did not answer $BASE_URL/health/ready within 60 s"
        sleep 1
    done
    # The server: the `thidua` process below `buildah run`.
    for entry in $(descendants "$RUN_PID"); do
        pid="${entry%%/*}"
        if [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == thidua ]]; then
            SERVER_PID=$pid
            break
        fi
    done
    [[ -n "$SERVER_PID" ]] || die "no thidua process found below buildah run $RUN_PID"
    local uids
    uids="$(awk '/^Uid:/ { print $2, $3, $4, $5 }' "/proc/$SERVER_PID/status")"
    [[ "$uids" == "$UID_EXPECTED $UID_EXPECTED $UID_EXPECTED $UID_EXPECTED" ]] ||
        die "the server (pid $SERVER_PID) runs with uids $uids"
    log "server ($label): pid $SERVER_PID, uid $UID_EXPECTED, $BASE_URL/health/ready 200"
}
stop_server() {
    stop_container_process
    # As `docker stop` would: SIGTERM, and the server ends on its own, status 0.
    [[ $RUN_RC -eq 0 ]] || die "the server did not stop cleanly on SIGTERM (status $RUN_RC, log $SERVER_LOG)"
    "${B[@]}" rm "$SERVER_CTR" >/dev/null
    SERVER_CTR=""
}

json_field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
login() {
    local body
    body="$(PASSWORD="$PASSWORD" python3 -c 'import json, os
print(json.dumps({"username": "admin", "password": os.environ["PASSWORD"]}))')"
    curl -sS --fail-with-body --max-time 30 -X POST -H 'Content-Type: application/json' \
        -d "$body" "$BASE_URL/api/v1/auth/token" | json_field access_token
}

start_server first
# The image's HEALTHCHECK, run as Docker would (sh -c, the container's environment): with
# THIDUA_BIND on a specific address (it connects there), and on the wildcards (it connects
# to 127.0.0.1); the server listens on 127.0.0.1:PORT.
for bind in "127.0.0.1:$PORT" "0.0.0.0:$PORT" "[::]:$PORT"; do
    in_probe @ -- env "THIDUA_BIND=$bind" /bin/sh -c "$HEALTH_CMD" ||
        die "the image's HEALTHCHECK failed with THIDUA_BIND=$bind: $PROBE_OUT"
done
log "HEALTHCHECK command: ok (THIDUA_BIND 127.0.0.1, 0.0.0.0 and [::])"
TOKEN="$(login)" || die "login as the admin made by thidua init failed"
[[ -n "$TOKEN" ]] || die "empty access token"
created="$(curl -sS --fail-with-body --max-time 30 -X POST \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: ci-image-$(date +%s)-$$" \
    -d '{"code": "CI-PERSIST", "name": "Kept across restarts", "kind": "department"}' \
    "$BASE_URL/api/v1/units")" || die "creating a unit failed: $created"
log "created unit CI-PERSIST ($(json_field id <<<"$created"))"
stop_server
phase "first container: ready, HEALTHCHECK, login, a unit written; SIGTERM, exit 0, removed"

start_server second
curl -fsS --max-time 10 -o /dev/null -H "Authorization: Bearer $TOKEN" "$BASE_URL/api/v1/me" ||
    die "the token of the first container is refused after the restart (secret not kept?)"
TOKEN2="$(login)" || die "login after the restart failed"
units="$(curl -fsS --max-time 10 -H "Authorization: Bearer $TOKEN2" "$BASE_URL/api/v1/units?q=CI-PERSIST")" ||
    die "listing units after the restart failed"
grep -q '"CI-PERSIST"' <<<"$units" || die "the unit written before the restart is gone: $units"
stop_server
phase "second container on the same volume: old token accepted, login, the unit read back"

if [[ -n "${CI_IMAGE_EXPORT:-}" ]]; then
    # Written next to the target, then renamed: a failed push leaves the old file alone.
    EXPORT_PART="$CI_IMAGE_EXPORT.part.$$"
    rm -f -- "${EXPORT_PART:?}"
    run_limited 300 "$WORK/push.log" "$WORK/push.log" \
        "${B[@]}" push --quiet "$IMAGE" "docker-archive:$EXPORT_PART:thidua:local" ||
        { tail -n 20 "$WORK/push.log"; die "writing the image to $EXPORT_PART failed"; }
    mv -f -- "$EXPORT_PART" "$CI_IMAGE_EXPORT"
    EXPORT_PART=""
    log "exported thidua:local to $CI_IMAGE_EXPORT ($(du -h "$CI_IMAGE_EXPORT" | cut -f1))"
fi
"${B[@]}" rm "$PROBE" >/dev/null
leftover="$("${B[@]}" containers --quiet | wc -l)"
[[ "$leftover" -eq 0 ]] || die "$leftover buildah containers left"
phase "image checks passed"
