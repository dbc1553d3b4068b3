# Sourced by the scripts that make the loopback samples (scripts/loopback-*.sh): the repository's
# root in $here; loopback_work, a work directory entered and removed at exit with the background
# jobs (servers, tcpdump) stopped, and lo's MTU given back first when the script saved it in $mtu;
# throwaway_certificate, a self-signed certificate there.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

loopback_work() {
  work=$(mktemp -d)
  trap 'if [ -n "${mtu:-}" ]; then ip link set lo mtu "$mtu"; fi; kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
  cd "$work"
}

# cert.pem for CN=tcplens.test and its key, key.pem, unencrypted: ec (P-256, the default) or rsa (2048 bits).
throwaway_certificate() {
  local key=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1)
  if [ "${1:-ec}" = rsa ]; then
    key=(-newkey rsa:2048)
  fi
  openssl req -x509 "${key[@]}" -nodes -keyout key.pem -out cert.pem -days 3650 -subj "/CN=tcplens.test" 2>/dev/null
}
