#!/usr/bin/env bash
# Checks the Linux installer the way a user meets it: builds the .deb, installs it with apt-get,
# runs the installed command line on the bundled (jlinked) runtime, opens the installed desktop app
# under Xvfb and checks its screenshot is not blank, then removes the package and checks the
# user's data folder (the wallet) is still there. Needs root, apt-get, xvfb, xdotool, imagemagick.
# Prints one line per check; exits non-zero at the first failed one. Screenshot and logs:
# installers/target/ci/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
ci="$root/installers/target/ci"
rm -rf "$ci"
mkdir -p "$ci"

# Limits from the issue: package and installed sizes.
max_deb_bytes=$((60 * 1024 * 1024))
max_installed_kib=$((150 * 1024))

checks=0
pass() { checks=$((checks + 1)); echo "ok $checks - $*"; }
fail() { echo "not ok - $*" >&2; exit 1; }

# Pipes end in "grep >/dev/null", not "grep -q": with pipefail, a writer cut off early would fail.

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# --- build ----------------------------------------------------------------------------------------
rm -f installers/target/dist/shaga_*.deb
started=$(now_ms)
timeout 1800 installers/build.sh deb
echo "deb built in $(( ($(now_ms) - started) / 1000 )) s"
deb="$(ls "$root"/installers/target/dist/shaga_*.deb)"
deb_bytes=$(stat -c %s "$deb")
[ "$deb_bytes" -le "$max_deb_bytes" ] || fail "$deb is $deb_bytes bytes, over 60 MB"
pass "$(basename "$deb"): $((deb_bytes / 1024 / 1024)) MB (limit 60)"

# --- install like a user --------------------------------------------------------------------------
export DEBIAN_FRONTEND=noninteractive
if dpkg -s shaga >/dev/null 2>&1; then
  apt-get purge -y -qq shaga >/dev/null
fi
timeout 900 apt-get install -y -qq "$deb" >"$ci/apt-install.log" 2>&1 \
  || { tail -20 "$ci/apt-install.log" >&2; fail "apt-get install $deb"; }
installed_kib=$(dpkg-query -W -f='${Installed-Size}' shaga)
[ "$installed_kib" -le "$max_installed_kib" ] || fail "installed size $installed_kib KiB, over 150 MB"
pass "apt-get install: installed size $((installed_kib / 1024)) MB (limit 150)"

[ "$(command -v shaga)" = /usr/bin/shaga ] || fail "shaga is not /usr/bin/shaga on the PATH"
for file in /usr/share/applications/network.shaga.Shaga.desktop /usr/share/metainfo/network.shaga.Shaga.metainfo.xml \
    /usr/share/icons/hicolor/256x256/apps/network.shaga.Shaga.png /opt/shaga/bin/shaga-debug; do
  [ -e "$file" ] || fail "$file is not installed"
done
# Validators, where this machine has them (desktop-file-utils, appstream).
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate /usr/share/applications/network.shaga.Shaga.desktop || fail "the desktop entry does not validate"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net /usr/share/metainfo/network.shaga.Shaga.metainfo.xml >"$ci/appstream.log" 2>&1 \
    || { cat "$ci/appstream.log" >&2; fail "the AppStream metadata does not validate"; }
fi
pass "shaga on the PATH, desktop entry, AppStream metadata, icons and the debug launcher installed"

# JavaFX loads its native code from inside its jars: every library it links to must now be there.
mkdir -p "$ci/javafx-natives"
for jar in /opt/shaga/lib/app/lib/javafx-*-linux.jar; do
  (cd "$ci/javafx-natives" && unzip -qo "$jar" '*.so' 2>/dev/null || true)
done
[ -n "$(ls "$ci/javafx-natives"/*.so 2>/dev/null)" ] || fail "no JavaFX native libraries in the installed jars"
missing="$(ldd "$ci"/javafx-natives/*.so | grep 'not found' | sort -u || true)"
[ -z "$missing" ] || fail "the package's dependencies miss libraries JavaFX needs: $missing"
pass "the package's dependencies bring every library JavaFX's native code links to"

# --- the command line on the installed runtime ------------------------------------------------------
# The default data folder, $XDG_DATA_HOME/shaga, in a folder of its own outside the checkout (the
# demo would find the checkout's local Solana server from there).
home="$(mktemp -d /tmp/shaga-ci.XXXXXX)"
export XDG_DATA_HOME="$home/data"
run() { env -u DISPLAY timeout 60 "$@"; }
version="$(sed -n 's/^version=//p' app/target/classes/network/shaga/app/version.properties)"
run shaga --version | grep "^shaga $version" >/dev/null || fail "shaga --version does not print shaga $version"
[ -f /opt/shaga/lib/app/shaga.jsa ] || fail "the install did not create the class-data-sharing archive"
run env JAVA_TOOL_OPTIONS=-Xlog:class+load shaga --version 2>/dev/null \
  | grep 'network.shaga.app.Main source: shared objects file' >/dev/null \
  || fail "the installed launcher does not use the class-data-sharing archive"
times=""
for _ in 1 2 3 4 5; do
  started=$(now_ms)
  run shaga --version >/dev/null
  times="$times $(( $(now_ms) - started ))"
done
pass "shaga --version prints $version, from the app's class-data-sharing archive; times (ms):$times"

run shaga --help >"$ci/help.txt"
grep -q 'Commands:' "$ci/help.txt" || fail "shaga --help shows no commands"
data="$XDG_DATA_HOME/shaga"
run shaga info | grep "data_dir *$data" >/dev/null || fail "shaga info does not name the default data folder $data"
printf 'correct horse battery staple\n' >"$ci/password"
run shaga wallet create --password-file "$ci/password" --json >"$ci/wallet.json" 2>"$ci/wallet.err" \
  || { cat "$ci/wallet.err" >&2; fail "shaga wallet create"; }
[ -f "$data/wallet.json" ] || fail "shaga wallet create wrote no $data/wallet.json"
run shaga wallet address >/dev/null || fail "shaga wallet address"
run shaga sim --nodes 50 --lookups 20 --json >"$ci/sim.json" || fail "shaga sim (the DHT engine)"
pass "shaga --help, info, wallet create (Argon2, Ed25519, keystore), wallet address and sim run on the bundled runtime"

# The demo needs the developer checkout's local Solana server: one clear line, no stack trace.
set +e
(cd "$home" && run shaga demo --headless >"$ci/demo.out" 2>"$ci/demo.err")
demo_exit=$?
set -e
[ "$demo_exit" = 1 ] || fail "shaga demo from the package exited $demo_exit (expected 1)"
grep -q 'Exception\|	at ' "$ci/demo.err" && fail "shaga demo from the package printed a stack trace: $(cat "$ci/demo.err")"
grep -q '^shaga: error: .*localnet' "$ci/demo.err" || fail "shaga demo from the package did not say what it misses: $(cat "$ci/demo.err")"
pass "shaga demo from the package explains itself: $(grep -m 1 '^shaga: error' "$ci/demo.err")"

# --- the desktop app under Xvfb -----------------------------------------------------------------
# Xvfb picks a free display number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$ci/display" >"$ci/xvfb.log" 2>&1 &
xvfb=$!
for _ in $(seq 100); do
  [ -s "$ci/display" ] && break
  sleep 0.1
done
[ -s "$ci/display" ] || fail "Xvfb did not start: $(cat "$ci/xvfb.log")"
display=":$(head -n 1 "$ci/display")"
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null && wait "$app" 2>/dev/null
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 50); do
  DISPLAY="$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break
  sleep 0.1
done
started=$(now_ms)
DISPLAY="$display" timeout 180 /opt/shaga/bin/shaga >"$ci/gui.out" 2>&1 &
app=$!
window=""
for _ in $(seq 600); do
  window="$(DISPLAY="$display" xdotool search --onlyvisible --name '^Shaga' 2>/dev/null | head -n 1 || true)"
  [ -n "$window" ] && break
  kill -0 "$app" 2>/dev/null || { cat "$ci/gui.out" >&2; fail "the installed desktop app exited before showing a window"; }
  sleep 0.05
done
[ -n "$window" ] || fail "no Shaga window within 30 s"
first_frame=$(( $(now_ms) - started ))
sleep 5
DISPLAY="$display" import -window root "$ci/gui.png"
colours=$(convert "$ci/gui.png" -format '%k' info:)
deviation=$(convert "$ci/gui.png" -colorspace Gray -format '%[fx:int(standard_deviation*1000)]' info:)
echo "screenshot: $ci/gui.png ($colours colours, deviation $deviation/1000)"
[ "$colours" -ge 64 ] && [ "$deviation" -ge 20 ] || fail "the desktop app's screenshot is blank: $ci/gui.png"
pass "the installed desktop app shows its window $(DISPLAY="$display" xdotool getwindowname "$window") in $first_frame ms; screenshot not blank"
kill "$app"
wait "$app" 2>/dev/null || true
app=""

# --- uninstall keeps the user's data ------------------------------------------------------------
echo "kept across removal" >"$data/keep-me"
timeout 300 apt-get purge -y -qq shaga >"$ci/apt-purge.log" 2>&1 || { cat "$ci/apt-purge.log" >&2; fail "apt-get purge shaga"; }
[ ! -e /usr/bin/shaga ] && [ ! -e /opt/shaga ] || fail "apt-get purge left /usr/bin/shaga or /opt/shaga behind"
[ -f "$data/wallet.json" ] && [ "$(cat "$data/keep-me")" = "kept across removal" ] \
  || fail "removing the package touched the data folder $data"
pass "apt-get purge removes /opt/shaga and /usr/bin/shaga and keeps the data folder (wallet.json)"
rm -rf "$home"
echo "installer checks: all $checks passed"
