#!/usr/bin/env bash
# Installs what the tests need beyond Java 17 and Maven, from Debian's packages when this runs as
# root: a capture helper for live capture (tcplens uses dumpcap when Wireshark is installed, else
# tcpdump), and a C compiler for the tests that build ../shared/bench/pcapgen.c and generate their
# captures with it. Never fails: without them those tests are skipped and say why.
set -u
helper() {
    command -v dumpcap >/dev/null 2>&1 || command -v tcpdump >/dev/null 2>&1 \
        || [ -x /usr/sbin/tcpdump ] || [ -x /usr/bin/dumpcap ]
}
missing=()
helper || missing+=(tcpdump)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]} (live capture; the generator of test captures)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; } \
        || echo "setup: could not install ${missing[*]}; the tests that need them will be skipped" >&2
else
    echo "setup: missing ${missing[*]}; as root: apt-get install -y ${missing[*]} (the tests that need them will be skipped)" >&2
fi
exit 0
