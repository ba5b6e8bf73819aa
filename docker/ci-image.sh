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
#      --target runtime-prebuilt` of docker/Dockerfile gives localhost/thidua:local;
#   3. checks: the image config (user 10001, entrypoint, volume, health check); `ldd`
#      finds every library; `thidua init` in a container on a bind-mounted volume folder;
#      `thidua serve` (host network, a free port) answers /health/ready 200, runs as uid
#      10001 (/proc/PID/status), passes the image's own HEALTHCHECK command, logs the
#      admin in and creates a unit; then the container is stopped and removed and a new
#      one on the same volume folder accepts the old token, the login, and lists the unit.
#   Everything it made but the cached tarball is removed on exit (trap), containers and
#   mounts included.
#
# Environment:
#   CARGO_TARGET_DIR        used only for the default cache folder
#   CI_IMAGE_CACHE          cache folder of the base tarballs
#                           (default: $CARGO_TARGET_DIR/../thidua-image-base)
#   CI_IMAGE_MIRROR         Debian mirror (default: http://deb.debian.org/debian)
#   CI_IMAGE_BASE_MAX_DAYS  rebuild a cached base older than this (default: 30)
#   CI_IMAGE_WORKDIR        where the temporary folder (buildah store, logs, the volume
#                           folder) goes (default: /dev/shm with 3 GB free, mounted
#                           without noexec and nodev; else $TMPDIR)
#   CI_IMAGE_KEEP           1: keep the temporary folder for inspection
#   CI_IMAGE_EXPORT         a file: once the checks pass, write the image there as a
#                           docker-archive (`docker load -i FILE`, `podman load -i FILE`)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

SUITE=bookworm
VARIANT=minbase
BASE_PACKAGES=ca-certificates,curl,libssl3
# Bump when the way the base is made changes (it is part of the cache key).
BASE_RECIPE=3
MIRROR="${CI_IMAGE_MIRROR:-http://deb.debian.org/debian}"
MAX_DAYS="${CI_IMAGE_BASE_MAX_DAYS:-30}"
IMAGE=localhost/thidua:local
UID_EXPECTED=10001

log() { printf '    %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# ---- can buildah run here? -------------------------------------------------------------
cannot_run_reason() {
    if ! command -v buildah >/dev/null 2>&1; then
        echo "buildah is not installed (as root: apt-get install -y buildah debootstrap)"
    elif [[ "$(id -u)" -ne 0 ]]; then
        echo "not root: chroot isolation and vfs storage as used here need root"
    elif ! command -v debootstrap >/dev/null 2>&1; then
        echo "debootstrap is not installed (as root: apt-get install -y buildah debootstrap)"
    fi
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

T0=$(date +%s)
PHASE_T=$T0
phase() {
    local now
    now=$(date +%s)
    log "($((now - PHASE_T))s) $*"
    PHASE_T=$now
}

# The store: vfs copies the whole image for every layer and container, which on a busy
# disk takes minutes (65-150 s measured) and in memory seconds (13 s). So /dev/shm when it
# has room (the store peaks under 1 GB) and allows programs and devices, else $TMPDIR.
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
WORK="$(mktemp -d "$WORK_PARENT/thidua-image.XXXXXX")"
STORE="$WORK/store"
B=(buildah --storage-driver vfs --root "$STORE/root" --runroot "$STORE/run")
RUN_PID=""
SERVER_PID=""
SERVER_LOG=""

# ---- cleanup ---------------------------------------------------------------------------
stop_container_process() {
    # The server first (SIGTERM, it drains and exits), then the `buildah run` around it.
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ -n "$RUN_PID" ]]; then
        local i
        for i in $(seq 1 350); do
            kill -0 "$RUN_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$RUN_PID" 2>/dev/null; then
            log "buildah run $RUN_PID still alive after 35 s: SIGKILL"
            [[ -n "$SERVER_PID" ]] && kill -KILL "$SERVER_PID" 2>/dev/null || true
            kill -KILL "$RUN_PID" 2>/dev/null || true
        fi
        RUN_RC=0
        wait "$RUN_PID" 2>/dev/null || RUN_RC=$?
    fi
    RUN_PID=""
    SERVER_PID=""
}
RUN_RC=0

cleanup() {
    local rc=$?
    set +e
    trap - EXIT INT TERM
    if [[ $rc -ne 0 && -n "$SERVER_LOG" && -s "$SERVER_LOG" ]]; then
        printf '\n--- last 60 lines of the container server log (%s) ---\n' "$SERVER_LOG"
        tail -n 60 "$SERVER_LOG"
        printf -- '--- end of log ---\n'
    fi
    stop_container_process
    if [[ -d "$STORE/root" ]]; then
        timeout 60 "${B[@]}" rm --all >/dev/null 2>&1
    fi
    # Nothing of ours may stay mounted (vfs mounts nothing; chroot runs mount in their own
    # namespace), but check: a mount left under $WORK would make rm -rf cross into it.
    local m
    while read -r m; do
        [[ -n "$m" ]] || continue
        log "unmounting leftover $m"
        umount -l "$m" 2>/dev/null
    done < <(awk -v w="$WORK" 'index($2, w) == 1 { print $2 }' /proc/self/mounts | sort -r)
    if awk -v w="$WORK" 'index($2, w) == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
        log "mounts remain under $WORK: left in place"
    elif [[ "${CI_IMAGE_KEEP:-}" == 1 ]]; then
        log "kept $WORK (CI_IMAGE_KEEP=1)"
    else
        rm -rf -- "$WORK"
        [[ $rc -ne 0 ]] || log "($(($(date +%s) - PHASE_T))s) containers, store and temporary files removed"
    fi
    [[ $rc -ne 0 ]] || log "$(($(date +%s) - T0))s in all"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- 1. the base tarball ---------------------------------------------------------------
ARCH="$(dpkg --print-architecture)"
KEY="$(printf '%s\n' "$SUITE" "$VARIANT" "$BASE_PACKAGES" "$ARCH" "recipe $BASE_RECIPE" |
    sha256sum | cut -c1-16)"
if [[ -n "${CI_IMAGE_CACHE:-}" ]]; then
    CACHE="$CI_IMAGE_CACHE"
else
    CACHE="$(dirname "${CARGO_TARGET_DIR:-${HOME:-/tmp}/.cache/thidua-target}")/thidua-image-base"
fi
mkdir -p "$CACHE"
TARBALL="$CACHE/debian-$SUITE-$VARIANT-$ARCH-$KEY.tar"
log "base: $SUITE $VARIANT + $BASE_PACKAGES ($ARCH), key $KEY"

if [[ -f "$TARBALL" && -n "$(find "$TARBALL" -mtime "+$((MAX_DAYS - 1))" 2>/dev/null)" ]]; then
    log "the cached base is older than $MAX_DAYS days: making it again"
    rm -f -- "$TARBALL"
fi
if [[ -f "$TARBALL" ]]; then
    log "reusing the cached base $TARBALL ($(du -h "$TARBALL" | cut -f1))"
else
    ROOTFS="$WORK/rootfs"
    log "debootstrap from $MIRROR into $ROOTFS (log $WORK/debootstrap.log)"
    if ! timeout 1200 debootstrap --variant="$VARIANT" --include="$BASE_PACKAGES" \
        "$SUITE" "$ROOTFS" "$MIRROR" >"$WORK/debootstrap.log" 2>&1; then
        tail -n 40 "$WORK/debootstrap.log"
        [[ -f "$ROOTFS/debootstrap/debootstrap.log" ]] && tail -n 40 "$ROOTFS/debootstrap/debootstrap.log"
        die "debootstrap failed"
    fi
    phase "debootstrap done"
    # The suite alone is the point release: add its updates and the security archive,
    # and apply them, as the published debian images do.
    rm -f "$ROOTFS/etc/apt/sources.list"
    cat >"$ROOTFS/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $MIRROR
Suites: $SUITE $SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: ${MIRROR%/debian}/debian-security
Suites: $SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    # Slim, like debian:*-slim: no documentation but the copyright files, no manual pages,
    # no translations; the dpkg rule keeps it so for the upgrade and later installs.
    # Every path here is under a checked, non-empty $ROOTFS.
    [[ -n "$ROOTFS" && "$ROOTFS" == "$WORK/rootfs" && -d "$ROOTFS/usr/share" ]] ||
        die "unexpected root folder '$ROOTFS'"
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
        >"$ROOTFS/etc/dpkg/dpkg.cfg.d/docker-slim"
    find "${ROOTFS:?}/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
    find "${ROOTFS:?}/usr/share/doc" -mindepth 1 -type d -empty -delete
    find "${ROOTFS:?}/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +
    rm -rf "${ROOTFS:?}"/usr/share/man/* "${ROOTFS:?}"/usr/share/groff/* \
        "${ROOTFS:?}"/usr/share/info/* "${ROOTFS:?}"/usr/share/lintian/* \
        "${ROOTFS:?}"/usr/share/linda/*
    if ! timeout 900 chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        DEBIAN_FRONTEND=noninteractive sh -c \
        'apt-get update -q && apt-get -y -q -o Dpkg::Options::=--force-confold upgrade' \
        >"$WORK/upgrade.log" 2>&1; then
        tail -n 40 "$WORK/upgrade.log"
        die "apt-get upgrade in the new base failed"
    fi
    log "$(grep -E '^[0-9]+ upgraded' "$WORK/upgrade.log" || echo 'upgrade: see log')"
    # Slim, like debian:*-slim: no package lists, no downloaded packages, no logs.
    rm -rf "${ROOTFS:?}"/var/lib/apt/lists/* "${ROOTFS:?}"/var/cache/apt/*.bin \
        "${ROOTFS:?}"/var/cache/apt/archives/*.deb "${ROOTFS:?}"/var/log/apt/* \
        "${ROOTFS:?}"/var/log/dpkg.log "${ROOTFS:?}"/var/log/bootstrap.log "${ROOTFS:?}"/debootstrap
    # The image is made from files, not a booted system: no devices in /dev (the runtime
    # provides them), no host name, no name servers of this machine. Nothing may be
    # mounted in it now (debootstrap can bind the host's /dev in a container).
    if awk -v r="$ROOTFS/" 'index($2 "/", r) == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
        die "something is still mounted under $ROOTFS"
    fi
    find "${ROOTFS:?}/dev" -mindepth 1 -delete
    rm -f -- "${ROOTFS:?}/etc/hostname" "${ROOTFS:?}/etc/resolv.conf"
    : >"${ROOTFS:?}/etc/hostname"
    : >"${ROOTFS:?}/etc/resolv.conf"
    tar --numeric-owner --xattrs -C "$ROOTFS" -cf "$TARBALL.part.$$" .
    mv -f -- "$TARBALL.part.$$" "$TARBALL"
    rm -rf -- "${ROOTFS:?}"
    phase "base packed: $TARBALL ($(du -h "$TARBALL" | cut -f1))"
fi

# ---- 2. the images ---------------------------------------------------------------------
BASE_IMAGE="localhost/thidua-base:$SUITE-$KEY"
ctr="$("${B[@]}" from --pull=never scratch)"
mnt="$("${B[@]}" mount "$ctr")"
tar --numeric-owner --xattrs -C "$mnt" -xf "$TARBALL"
"${B[@]}" umount "$ctr" >/dev/null
"${B[@]}" config \
    --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --cmd /bin/bash "$ctr"
"${B[@]}" commit --quiet --rm "$ctr" "$BASE_IMAGE" >/dev/null
phase "base imported as $BASE_IMAGE"

CONTEXT="$WORK/context"
mkdir -p "$CONTEXT"
cp -- "$BIN" "$CONTEXT/thidua"
if ! timeout 600 "${B[@]}" bud --isolation chroot --pull=never --layers=false \
    --format docker --target runtime-prebuilt \
    --build-arg "RUNTIME_BASE=$BASE_IMAGE" \
    -f "$ROOT/docker/Dockerfile" -t "$IMAGE" "$CONTEXT" >"$WORK/bud.log" 2>&1; then
    tail -n 60 "$WORK/bud.log"
    die "buildah bud failed"
fi
grep -F 'no apt-get' "$WORK/bud.log" >/dev/null ||
    die "the runtime stage ran apt-get on a base that has its packages (see $WORK/bud.log)"
phase "built $IMAGE ($("${B[@]}" images --format '{{.Size}}' "$IMAGE"))"

# ---- 3. checks -------------------------------------------------------------------------
"${B[@]}" inspect --type image "$IMAGE" >"$WORK/image.json"
image_config() {
    python3 - "$WORK/image.json" "$1" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))["Docker"]["config"]
value = config.get(sys.argv[2])
print(value if isinstance(value, str) else json.dumps(value))
PY
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
PROBE="$("${B[@]}" from --pull=never "$IMAGE")"
in_probe() {
    local args=() a
    for a in "$@"; do
        if [[ "$a" == "@" ]]; then args+=("$PROBE"); else args+=("$a"); fi
    done
    timeout 120 "${B[@]}" run "${RUN_OPTS[@]}" "${args[@]}" 2>&1 </dev/null
}

uid_inside="$(in_probe @ -- id -u)" || die "id -u in the container failed: $uid_inside"
[[ "$uid_inside" == "$UID_EXPECTED" ]] || die "the container runs as uid '$uid_inside', expected $UID_EXPECTED"
ldd_out="$(in_probe @ -- ldd /usr/local/bin/thidua)" || die "ldd failed: $ldd_out"
if grep -qE 'not found|not a dynamic' <<<"$ldd_out"; then
    printf '%s\n' "$ldd_out"
    die "the binary does not find its libraries in the image"
fi
log "ldd: $(awk '{print $1}' <<<"$ldd_out" | tr '\n' ' ')"

init_out="$(in_probe --env "THIDUA_PASSWORD=$PASSWORD" @ -- thidua init --unit-code CI-IMAGE \
    --unit-name "CI image check" --admin-username admin)" ||
    { printf '%s\n' "$init_out"; die "thidua init in the container failed"; }
log "thidua init: ok"
db_owner="$(stat -c '%u:%g' "$VOLUME/thidua.db" 2>/dev/null)" || die "no thidua.db in the volume folder after init"
[[ "$db_owner" == "$UID_EXPECTED:$UID_EXPECTED" ]] || die "thidua.db is owned by $db_owner"
phase "container checks: uid, ldd, init"

SERVER_CTR=""
start_server() {
    local label="$1" i pid ppid
    SERVER_CTR="$("${B[@]}" from --pull=never "$IMAGE")"
    SERVER_LOG="$WORK/server-$label.log"
    "${B[@]}" run "${RUN_OPTS[@]}" "$SERVER_CTR" -- thidua serve </dev/null >"$SERVER_LOG" 2>&1 &
    RUN_PID=$!
    SERVER_PID=""
    for i in $(seq 1 60); do
        kill -0 "$RUN_PID" 2>/dev/null || die "the container ($label) exited before it was ready"
        if curl -fsS --max-time 2 -o /dev/null "$BASE_URL/health/ready" 2>/dev/null; then
            break
        fi
        [[ $i -lt 60 ]] || die "the container ($label) did not answer $BASE_URL/health/ready within 60 s"
        sleep 1
    done
    # The server: the `thidua` process below `buildah run`.
    for pid in $(pgrep -x thidua || true); do
        ppid=$pid
        while [[ "$ppid" -gt 1 ]]; do
            ppid="$(awk '/^PPid:/ { print $2 }' "/proc/$ppid/status" 2>/dev/null || echo 0)"
            if [[ "$ppid" == "$RUN_PID" ]]; then
                SERVER_PID=$pid
                break 2
            fi
        done
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
# The image's HEALTHCHECK, run as Docker would (sh -c, the container's environment).
hc_out="$(in_probe @ -- /bin/sh -c "$HEALTH_CMD")" || die "the image's HEALTHCHECK failed: $hc_out"
log "HEALTHCHECK command: ok"
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
    rm -f -- "$CI_IMAGE_EXPORT"
    "${B[@]}" push --quiet "$IMAGE" "docker-archive:$CI_IMAGE_EXPORT:thidua:local" >/dev/null
    log "exported thidua:local to $CI_IMAGE_EXPORT ($(du -h "$CI_IMAGE_EXPORT" | cut -f1))"
fi
"${B[@]}" rm "$PROBE" >/dev/null
leftover="$("${B[@]}" containers --quiet | wc -l)"
[[ "$leftover" -eq 0 ]] || die "$leftover buildah containers left"
phase "image checks passed"
