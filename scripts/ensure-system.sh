#!/usr/bin/env bash
# Installs the system packages the tests and `npm start` need: Java 17 (DynamoDB Local), Chromium
# (browser tests), xmllint (manifest validation) and the Noto CJK fonts (Chinese text in
# screenshots). Installs them when root; otherwise names the one command to run.
# `--check` only prints the missing packages, one a line, and exits 1 when there are any.
set -euo pipefail

# The font list is read whole before searching: `fc-list | grep -q` under pipefail fails when
# grep stops early and fc-list dies of SIGPIPE, which reported present fonts as missing.
has_cjk_font() {
  local families
  families=$(fc-list : family 2>/dev/null) || return 1
  grep -qi 'noto sans cjk' <<<"$families"
}

missing_packages() {
  command -v java >/dev/null 2>&1 || echo openjdk-17-jre-headless
  command -v chromium >/dev/null 2>&1 || echo chromium
  command -v xmllint >/dev/null 2>&1 || echo libxml2-utils
  has_cjk_font || echo fonts-noto-cjk
}

mapfile -t missing < <(missing_packages)
if [ "${1:-}" = "--check" ]; then
  [ ${#missing[@]} -eq 0 ] || printf '%s\n' "${missing[@]}"
  [ ${#missing[@]} -eq 0 ]
  exit
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "正在安装系统依赖：${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "缺少系统依赖，请先运行：sudo apt-get install -y ${missing[*]}" >&2
exit 1
