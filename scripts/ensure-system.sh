#!/usr/bin/env bash
# Installs the system packages the tests and `npm start` need (Java 17 for DynamoDB Local,
# Chromium for browser tests, xmllint for the manifest, CJK fonts for screenshots, LibreOffice
# for rendering result workbooks). Installs when root; otherwise names the one command to run.
set -euo pipefail
missing=()
command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
fc-list 2>/dev/null | grep -qi 'noto sans cjk' || missing+=(fonts-noto-cjk)
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
