#!/usr/bin/env bash
# Installs what the tests need beyond Java 17 and Maven: a capture helper for live capture
# (tcplens uses dumpcap when Wireshark is installed, else tcpdump). Installs tcpdump from
# Debian's packages when neither is there and this runs as root. Never fails: without a helper
# the live-capture tests are skipped and say why.
set -u
helper() {
    command -v dumpcap >/dev/null 2>&1 || command -v tcpdump >/dev/null 2>&1 \
        || [ -x /usr/sbin/tcpdump ] || [ -x /usr/bin/dumpcap ]
}
if helper; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing tcpdump (the capture helper for live capture)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q tcpdump >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q tcpdump >/dev/null 2>&1; } \
        || echo "setup: could not install tcpdump; the live-capture tests will be skipped" >&2
else
    echo "setup: no capture helper; as root: apt-get install -y tcpdump (the live-capture tests will be skipped)" >&2
fi
exit 0
