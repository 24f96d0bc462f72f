#!/usr/bin/env bash
# Installs code-server (VS Code's server and web workbench) for the VS Code end-to-end test
# (test/e2e-vscode.test.ts), from the npm registry only.
#   usage: scripts/install-code-server.sh [DEST]      (default: .e2e/code-server in the repo)
# 4.100.3 is VS Code 1.100.3, the newest code-server whose engines accept Node 20. Nothing is done
# when DEST already holds that version, so CI can call this on every run.
set -euo pipefail
VERSION=4.100.3
# The @vscode/ripgrep release code-server 4.100.3's VS Code pins, and the asset its postinstall fetches.
RG_PKG_VERSION=1.15.11
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

repo=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$repo/.e2e/code-server}
mkdir -p "$dest"
dest=$(cd "$dest" && pwd)
pkg=$dest/node_modules/code-server/package.json

installed() { [ -f "$pkg" ] && [ "$(node -p "require('$pkg').version")" = "$VERSION" ] \
  && [ -f "$dest/node_modules/code-server/lib/vscode/out/server-main.js" ]; }
if installed; then
  echo "code-server $VERSION already in $dest"
  exit 0
fi

# Native modules: kerberos builds against gssapi (libkrb5-dev, pkg-config). ripgrep: see below.
need=()
for p in libkrb5-dev pkg-config ripgrep; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then
  sudo=; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache (in the OS temp dir)
# already holds the release asset: put Debian's rg there under the asset's name.
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RG_PKG_VERSION"
if [ ! -f "$cache/$RG_ASSET" ]; then
  mkdir -p "$cache"
  stage=$(mktemp -d)
  cp "$(command -v rg)" "$stage/rg"
  tar -C "$stage" -czf "$cache/$RG_ASSET" rg
  rm -rf "$stage"
fi

cd "$dest"
[ -f package.json ] || echo '{"name":"go-mapleak-e2e-code-server","private":true}' > package.json
# unsafe_perm: code-server's postinstall refuses to run as root otherwise (npm 11 reads it from the
# environment only). yes: node-pty's install runs `npx node-gyp`, which must not stop at a prompt.
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund "code-server@$VERSION" </dev/null
installed || { echo "code-server $VERSION did not install into $dest" >&2; exit 1; }
# The version from package.json: `code-server --version` would write ~/.config/code-server.
echo "code-server $(node -p "require('$pkg').version") in $dest"
