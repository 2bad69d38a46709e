#!/usr/bin/env bash
# Builds the Debian package, installs it on this machine, checks it, removes it again.
# Run by .ci/run (as root, or with sudo); needs cargo-deb (`cargo install --locked cargo-deb`).
#   1. `cargo deb` builds target/debian/blocpress_<version>_<arch>.deb (release build, stripped);
#   2. `dpkg -i` installs it: /usr/bin/blocpress runs (`--version`), the binary has no symbols,
#      the unit, /etc/default/blocpress (a conffile), the docs and the `blocpress` user exist;
#   3. `systemd-analyze verify` checks the unit (skipped, saying why, where it cannot run);
#   4. `dpkg --purge` removes it: every file the package installed is gone.
# Refuses to run when blocpress is already installed from a package (it would remove it).
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
fail() { echo "test-deb: FAILED: $*" >&2; exit 1; }
step() { echo "test-deb: $*"; }

if dpkg-query -W -f='${Status}' blocpress 2>/dev/null | grep -q "installed"; then
  fail "the blocpress package is already installed here; remove it first (dpkg -r blocpress)"
fi

start=$(date +%s)
step "cargo deb"
cargo deb --locked
deb=$(ls -t target/debian/blocpress_*.deb | head -n 1)
step "built $deb ($(du -h "$deb" | cut -f1)) in $(( $(date +%s) - start )) s"

step "contents"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
files=$(dpkg-deb --contents "$deb")
for want in ./usr/bin/blocpress ./etc/default/blocpress ./usr/share/doc/blocpress/cai-dat.md \
            ./usr/share/doc/blocpress/copyright blocpress.service; do
  grep -q -- "$want" <<<"$files" || fail "$want is not in the package"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -q '^./conffiles$' || fail "no conffiles"
dpkg-deb --info "$deb" conffiles | grep -qx '/etc/default/blocpress' \
  || fail "/etc/default/blocpress is not a conffile"

step "dpkg -i"
$sudo dpkg -i "$deb"
trap '$sudo dpkg --purge blocpress >/dev/null 2>&1 || true' EXIT

version=$(/usr/bin/blocpress --version)
step "blocpress --version: $version"
[[ "$version" == "blocpress $(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)" ]] \
  || fail "unexpected --version: $version"
if command -v readelf >/dev/null; then
  if readelf -S /usr/bin/blocpress | grep -Eq '\.symtab|\.debug_'; then
    fail "/usr/bin/blocpress is not stripped"
  fi
  step "the binary is stripped ($(du -h /usr/bin/blocpress | cut -f1))"
fi
getent passwd blocpress >/dev/null || fail "no blocpress user"
[ "$(stat -c %U /var/lib/blocpress)" = blocpress ] || fail "/var/lib/blocpress is not the service's"
[ "$(stat -c %U /var/www/blocpress)" = blocpress ] || fail "/var/www/blocpress is not the service's"
unit=$(dpkg -L blocpress | grep '/blocpress\.service$' | head -n 1)
[ -n "$unit" ] && [ -f "$unit" ] || fail "the unit is not installed"
step "unit $unit"

if command -v systemd-analyze >/dev/null; then
  # verify reads the unit and checks that ExecStart's program exists; it needs no running
  # systemd. It exits 0 on a misspelt key (only warns), so any line naming our unit fails the
  # test; complaints about other units of the machine are not ours.
  status=0
  out=$(systemd-analyze verify "$unit" 2>&1) || status=$?
  ours=$(grep -i 'blocpress' <<<"$out" || true)
  if [ -n "$ours" ]; then fail "systemd-analyze verify: $ours"; fi
  if [ "$status" -eq 0 ]; then
    step "systemd-analyze verify: ok"
  else
    step "systemd-analyze verify: ok for blocpress.service (other units: $(wc -l <<<"$out") lines)"
  fi
  if exposure=$(systemd-analyze security --offline=true "$unit" 2>/dev/null | tail -n 1); then
    step "systemd-analyze security: $exposure"
  fi
else
  step "skipped systemd-analyze verify: systemd-analyze is not installed (apt-get install systemd)"
fi

step "dpkg --purge"
installed=$(dpkg -L blocpress | grep -v '^/\.$')
$sudo dpkg --purge blocpress
trap - EXIT
left=()
while IFS= read -r path; do
  # Folders the package shares with others (/usr/bin, /etc/default, …) stay; its files must go.
  if [ -e "$path" ] && [ ! -d "$path" ]; then left+=("$path"); fi
done <<<"$installed"
[ -e /etc/default/blocpress ] && left+=(/etc/default/blocpress)
[ -e /usr/share/doc/blocpress ] && left+=(/usr/share/doc/blocpress)
[ ${#left[@]} -eq 0 ] || fail "left after purge: ${left[*]}"
[ -e /var/lib/blocpress ] && fail "/var/lib/blocpress (empty) was not removed"
step "ok: built, installed, checked and removed in $(( $(date +%s) - start )) s"
