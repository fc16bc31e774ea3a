#!/usr/bin/env bash
# Builds Shaga's installers: a trimmed Java runtime (jlink) and the app with its JavaFX jars
# (jpackage app-image), then the native packages of this OS:
#   Linux   - portable tarball, .deb and .rpm   (deb/rpm need dpkg-deb and rpmbuild: apt-get install rpm)
#   Windows - .msi (jpackage + WiX 3)           macOS - .dmg (jpackage)
# Usage: installers/build.sh [TYPE...]   TYPE: tarball deb rpm (Linux), msi (Windows), dmg (macOS);
# default: all of this OS. Output: installers/target/dist/. Builds the app first if it is missing
# or older than its sources. Runs with bash 3.2 too (macOS), and in Git Bash on Windows.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
installers="installers"
out="$installers/target"
dist="$out/dist"

case "$(uname -s)" in
  Linux*) os=linux; default_types="tarball deb rpm" ;;
  Darwin*) os=macos; default_types="dmg" ;;
  MINGW* | MSYS* | CYGWIN*) os=windows; default_types="msi" ;;
  *) echo "build.sh: unsupported OS $(uname -s)" >&2; exit 1 ;;
esac
types="${*:-$default_types}"

# Git Bash on Windows: JAVA_HOME is a Windows path.
if [ "$os" = windows ] && [ -n "${JAVA_HOME:-}" ]; then
  JAVA_HOME="$(cygpath -u "$JAVA_HOME")"
fi
jdk_bin="${JAVA_HOME:+$JAVA_HOME/bin/}"
for tool in jlink jpackage; do
  if ! command -v "$jdk_bin$tool" >/dev/null 2>&1; then
    echo "build.sh: $tool not found; install a full JDK 17 (openjdk-17-jdk) or set JAVA_HOME" >&2
    exit 1
  fi
done

step() { printf '== %s (%ss)\n' "$1" "$SECONDS"; }

# 1. The app's jars (same staleness rule as ./shaga).
jar="app/target/shaga-app.jar"
if [ ! -f "$jar" ] || [ -n "$(find pom.xml {dht,wallet,resources,app}/pom.xml {dht,wallet,resources,app}/src/main \
      -newer "$jar" -print 2>/dev/null | head -n 1)" ]; then
  step "building the app (./mvnw -DskipTests package)"
  ./mvnw -q -B -DskipTests package
  touch "$jar"
fi
version="$(sed -n 's/^version=//p' app/target/classes/network/shaga/app/version.properties | tr -d '\r')"
# Packages carry the numeric part: 0.1.0-SNAPSHOT -> 0.1.0.
numeric_version="${version%%-*}"
app_version="$numeric_version"
# macOS refuses bundle versions whose first number is 0: before 1.0 the bundle says 1.MINOR.PATCH
# (the app itself still reports its real version).
if [ "$os" = macos ] && [ "${numeric_version%%.*}" = 0 ]; then
  app_version="1.${numeric_version#0.}"
fi

# 2. jpackage's input: the main jar and lib/ (its manifest Class-Path points there).
step "staging the app $version"
rm -rf "$out/input" "$out/runtime" "$out/image"
mkdir -p "$out/input/lib" "$dist"
cp "$jar" "$out/input/"
cp app/target/lib/*.jar "$out/input/lib/"

# sqlite-jdbc carries its native library for twenty platforms (12 MB); a package needs its own.
case "$os/$(uname -m)" in
  linux/x86_64) sqlite_native="Linux/x86_64" ;;
  linux/aarch64 | linux/arm64) sqlite_native="Linux/aarch64" ;;
  macos/arm64 | macos/aarch64) sqlite_native="Mac/aarch64" ;;
  macos/x86_64) sqlite_native="Mac/x86_64" ;;
  windows/*) sqlite_native="Windows/x86_64" ;;
  *) sqlite_native="" ;;
esac
for sqlite_jar in "$out"/input/lib/sqlite-jdbc-*.jar; do
  [ -n "$sqlite_native" ] && [ -f "$sqlite_jar" ] || continue
  rm -rf "$out/sqlite"
  mkdir -p "$out/sqlite"
  (cd "$out/sqlite" && "${jdk_bin}jar" -xf "$root/$sqlite_jar")
  [ -d "$out/sqlite/org/sqlite/native/$sqlite_native" ] || { echo "build.sh: no $sqlite_native in $sqlite_jar" >&2; exit 1; }
  find "$out/sqlite/org/sqlite/native" -mindepth 2 -maxdepth 2 -type d ! -path "*/native/$sqlite_native" -exec rm -rf {} +
  find "$out/sqlite/org/sqlite/native" -mindepth 1 -maxdepth 1 -type d -empty -exec rmdir {} +
  rm "$sqlite_jar"
  "${jdk_bin}jar" --create --no-manifest --file "$sqlite_jar" -C "$out/sqlite" .
done

# 3. The runtime: only the JDK modules the app uses (common/jlink.args; installers/README.md says why).
step "jlink"
"${jdk_bin}jlink" @"$installers/common/jlink.args" --output "$out/runtime"
# The no-compressed-oops CDS archive only serves heaps over 32 GB.
rm -f "$out/runtime/lib/server/classes_nocoops.jsa"

# 4. The app image: runtime + launchers (shaga, shaga-debug) + jars.
step "jpackage app-image"
"${jdk_bin}jpackage" --type app-image @"$installers/common/app-image.jpackage" @"$installers/$os/app-image.jpackage" \
  --app-version "$app_version" --input "$out/input" --runtime-image "$out/runtime" --dest "$out/image"

# 5. The native packages.
# shellcheck source=/dev/null
. "$installers/$os/package.sh"
for type in $types; do
  step "$type"
  "package_$type"
done
step "done"
ls -l "$dist"
