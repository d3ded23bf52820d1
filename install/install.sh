#!/usr/bin/env bash
# Install the credscan agent on a Linux file server:
#   user/group "credscan" (system, no login), venv under /opt/credscan/venv, config under /etc/credscan
#   (0750 root:credscan, agent.toml 0640), secrets file /etc/credscan/agent.env (0600 root), state under
#   /var/lib/credscan (0700 credscan), diagnostics log folder /var/log/credscan + logrotate snippet, and the
#   systemd unit (installed and enabled when systemd is present).
#
# Usage: install.sh [--root DIR] [--source DIR] [--python PY] [--no-systemd] [--system-site-packages]
#                   [--pip-args "ARGS"]
#   --root DIR    install into an alternative root file system (a chroot, an image, a test folder); the user is
#                 created in DIR/etc/passwd and the unit enabled with `systemctl --root`. DESTDIR=DIR does the same.
#                 The staged venv is relocated: its scripts name /opt/credscan/venv, their path in the booted image
#                 (the base interpreter, e.g. /usr/bin/python3, must exist there too).
#   --source DIR  the credscan source tree or wheel to install (default: the tree this script lives in)
#   --no-systemd  do not install the unit (start `credscan agent run --config …` another way)
# Re-running it upgrades the package and keeps an existing agent.toml and agent.env.
set -euo pipefail

ROOT="${DESTDIR:-}"
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WITH_SYSTEMD=1
VENV_ARGS=()
PIP_ARGS=()
SERVICE_USER=credscan
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

die() { echo "install.sh: error: $*" >&2; exit 2; }
note() { echo "install.sh: $*"; }

while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || die "--root needs a folder"; ROOT="$2"; shift 2 ;;
    --root=*) ROOT="${1#--root=}"; shift ;;
    --source) [ $# -ge 2 ] || die "--source needs a folder"; SOURCE="$2"; shift 2 ;;
    --python) [ $# -ge 2 ] || die "--python needs an interpreter"; PYTHON="$2"; shift 2 ;;
    --no-systemd) WITH_SYSTEMD=0; shift ;;
    --system-site-packages) VENV_ARGS+=(--system-site-packages); shift ;;
    --pip-args) [ $# -ge 2 ] || die "--pip-args needs a value"; read -r -a PIP_ARGS <<<"$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

[ "$(id -u)" -eq 0 ] || die "run as root (it creates a system user and root-owned folders)"
[ -z "$ROOT" ] || { mkdir -p "$ROOT"; ROOT="$(cd "$ROOT" && pwd)"; }
[ -e "$SOURCE" ] || die "source $SOURCE does not exist"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
  || die "$PYTHON is not Python 3.11 or newer (use --python)"

OPT="$ROOT/opt/credscan"
ETC="$ROOT/etc/credscan"
STATE="$ROOT/var/lib/credscan"
LOGDIR="$ROOT/var/log/credscan"

nologin_shell() {
  for shell in /usr/sbin/nologin /sbin/nologin /bin/false; do
    [ -x "$shell" ] && { echo "$shell"; return; }
  done
  echo /bin/false
}

create_user() {
  if [ -n "$ROOT" ]; then
    mkdir -p "$ROOT/etc"
    for db in passwd group shadow gshadow; do [ -e "$ROOT/etc/$db" ] || : >"$ROOT/etc/$db"; done
    chmod 0640 "$ROOT/etc/shadow" "$ROOT/etc/gshadow"
    grep -q "^$SERVICE_USER:" "$ROOT/etc/passwd" && return
    useradd --root "$ROOT" --system --user-group --home-dir /var/lib/credscan --no-create-home \
      --shell "$(nologin_shell)" --comment "credscan agent" "$SERVICE_USER" 2>/dev/null
  else
    getent passwd "$SERVICE_USER" >/dev/null && return
    useradd --system --user-group --home-dir /var/lib/credscan --no-create-home \
      --shell "$(nologin_shell)" --comment "credscan agent" "$SERVICE_USER"
  fi
  note "created system user $SERVICE_USER"
}

# Numeric ids from the target root's user database (the host's may differ or lack the user).
user_id() { awk -F: -v u="$SERVICE_USER" '$1 == u { print $3 }' "$ROOT/etc/passwd"; }
group_id() { awk -F: -v g="$SERVICE_USER" '$1 == g { print $3 }' "$ROOT/etc/group"; }

create_user
UID_="$(user_id)"; GID_="$(group_id)"
[ -n "$UID_" ] && [ -n "$GID_" ] || die "user $SERVICE_USER was not created"

# Folders: install -d sets owner and mode even when the folder already exists.
install -d -m 0755 -o 0 -g 0 "$OPT"
install -d -m 0750 -o 0 -g "$GID_" "$ETC"
install -d -m 0700 -o "$UID_" -g "$GID_" "$STATE"
install -d -m 0750 -o "$UID_" -g "$GID_" "$LOGDIR"

# The package, in its own venv owned by root (the service user cannot change the code it runs).
if [ ! -x "$OPT/venv/bin/python" ]; then
  "$PYTHON" -m venv "${VENV_ARGS[@]}" "$OPT/venv"
fi
"$OPT/venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade "${PIP_ARGS[@]}" "$SOURCE"
install -d -m 0755 "$ROOT/usr/local/bin"
ln -sfn /opt/credscan/venv/bin/credscan "$ROOT/usr/local/bin/credscan"
note "installed $("$OPT/venv/bin/python" -m credscan --version) into $OPT/venv"

# Staged into another root (an image build): pip wrote DIR/opt/credscan/venv into the scripts' #! lines and the
# activate scripts, a path that will not exist once the image boots. Point them at the final /opt/credscan/venv.
relocate_venv() {
  local staged="$OPT/venv" final=/opt/credscan/venv file
  for file in "$staged"/bin/*; do
    [ -f "$file" ] && [ ! -L "$file" ] || continue
    if head -c 2 "$file" | grep -q '#!' || grep -qF "$staged" "$file"; then
      sed -i "s|$staged|$final|g" "$file"
    fi
  done
  sed -i "s|$staged|$final|g" "$staged/pyvenv.cfg"
  note "relocated the venv's scripts to $final (the path they will have in the booted image)"
}
[ -z "$ROOT" ] || relocate_venv

# Config and secrets file: never overwritten, so an upgrade keeps the site's settings.
if [ ! -e "$ETC/agent.toml" ]; then
  install -m 0640 -o 0 -g "$GID_" "$HERE/agent.toml" "$ETC/agent.toml"
  note "wrote $ETC/agent.toml: set [scan] roots, then start the agent"
else
  chown 0:"$GID_" "$ETC/agent.toml"; chmod 0640 "$ETC/agent.toml"
fi
if [ ! -e "$ETC/agent.env" ]; then
  (umask 077; cat >"$ETC/agent.env" <<'ENV'
# Secrets for the credscan agent, read by systemd (EnvironmentFile=) before it drops privileges.
# Keep this file 0600 root:root. Reference each variable in agent.toml as "env:NAME", e.g.
# CREDSCAN_HEC_TOKEN=...
# CREDSCAN_SMB_PASSWORD=...
ENV
  )
fi
chown 0:0 "$ETC/agent.env"; chmod 0600 "$ETC/agent.env"

install -D -m 0644 -o 0 -g 0 "$HERE/credscan.logrotate" "$ROOT/etc/logrotate.d/credscan"

if [ "$WITH_SYSTEMD" -eq 1 ]; then
  if command -v systemctl >/dev/null 2>&1 && { [ -n "$ROOT" ] || [ -d /run/systemd/system ]; }; then
    install -D -m 0644 -o 0 -g 0 "$HERE/credscan-agent.service" "$ROOT/etc/systemd/system/credscan-agent.service"
    if [ -n "$ROOT" ]; then
      systemctl --root="$ROOT" enable credscan-agent.service >/dev/null 2>&1 \
        || note "could not enable the unit inside $ROOT"
    else
      systemctl daemon-reload
      systemctl enable credscan-agent.service
      note "enabled credscan-agent.service; start it with: systemctl start credscan-agent"
    fi
  else
    note "systemd not found: start the agent with" \
      "'runuser -u $SERVICE_USER -- /opt/credscan/venv/bin/credscan agent run --config /etc/credscan/agent.toml'"
  fi
else
  note "skipped the systemd unit (--no-systemd)"
fi
note "done"
