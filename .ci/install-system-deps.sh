#!/usr/bin/env bash
# Install the system programs the test suite needs: chromium (browser tests),
# redis-server and the PostgreSQL server binaries (tests/servers.py).
#
# CI=true and root (or password-less sudo): apt-get installs whatever is missing.
# Otherwise: print what is missing and how to install it, exit 0.
# Quiet on success: one line per installed package.
set -euo pipefail

# Same search as find_postgres_bin() in tests/servers.py:
# $PG_BIN, then initdb on PATH (symlinks followed), then /usr/lib/postgresql/*/bin newest first.
has_pg_tools() {
    local dir=$1 tool
    for tool in initdb pg_ctl postgres; do
        [[ -f "$dir/$tool" && -x "$dir/$tool" ]] || return 1
    done
}

find_postgres_bin() {
    local initdb dir
    if [[ -n "${PG_BIN:-}" ]] && has_pg_tools "$PG_BIN"; then
        printf '%s\n' "$PG_BIN"
        return 0
    fi
    if initdb=$(command -v initdb); then
        for dir in "$(dirname "$(readlink -f "$initdb")")" "$(dirname "$initdb")"; do
            if has_pg_tools "$dir"; then
                printf '%s\n' "$dir"
                return 0
            fi
        done
    fi
    while IFS= read -r dir; do
        if has_pg_tools "$dir"; then
            printf '%s\n' "$dir"
            return 0
        fi
    done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -t/ -k5,5Vr)
    return 1
}

# Same as find_redis_server(): $REDIS_SERVER, then PATH.
has_redis() {
    [[ -n "${REDIS_SERVER:-}" && -f "$REDIS_SERVER" && -x "$REDIS_SERVER" ]] || command -v redis-server >/dev/null
}

has_chromium() {
    command -v chromium >/dev/null
}

has_package() {
    case $1 in
        chromium) has_chromium ;;
        redis-server) has_redis ;;
        postgresql) find_postgres_bin >/dev/null ;;
        *) return 1 ;;
    esac
}

missing=()
for pkg in chromium redis-server postgresql; do
    has_package "$pkg" || missing+=("$pkg")
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

install_cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${missing[*]}"

if [[ "${CI:-}" != "true" ]]; then
    echo "missing system packages: ${missing[*]}"
    echo "install them with (as root): $install_cmd"
    exit 0
fi

sudo=()
if ((EUID != 0)); then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo=(sudo -n)
    else
        echo "error: CI=true but not root and no password-less sudo; missing: ${missing[*]}" >&2
        echo "install them with (as root): $install_cmd" >&2
        exit 1
    fi
fi
if ! command -v apt-get >/dev/null; then
    echo "error: apt-get not found; install by hand: ${missing[*]}" >&2
    exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

apt() {
    if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "$@" >>"$log" 2>&1; then
        echo "error: apt-get $* failed:" >&2
        cat "$log" >&2
        exit 1
    fi
}

apt update -q
apt install -y -q --no-install-recommends "${missing[@]}"

for pkg in "${missing[@]}"; do
    if ! has_package "$pkg"; then
        echo "error: installed $pkg but its program is still not found" >&2
        exit 1
    fi
    echo "installed $pkg"
done
