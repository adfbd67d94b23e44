#!/usr/bin/env bash
# The programs the tests run, installed from Debian's packages if they are missing:
# Java and Maven fetch and run the embedded Kafka broker; kcat is the third-party Kafka
# client the tests produce and consume with; docker-compose validates
# docker-compose.yml; prometheus (with promtool) scrapes a worker and checks
# deploy/prometheus; chromium is the browser the map's end-to-end test drives.
set -euo pipefail

packages=()
command -v java >/dev/null || packages+=(default-jre-headless)
command -v mvn >/dev/null || packages+=(maven)
command -v kcat >/dev/null || packages+=(kcat)
command -v docker-compose >/dev/null || packages+=(docker-compose)
command -v prometheus >/dev/null || packages+=(prometheus)
command -v chromium >/dev/null || packages+=(chromium)
((${#packages[@]})) || exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "installing the tests' tools: ${packages[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
  "${packages[@]}" >/dev/null
