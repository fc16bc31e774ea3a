# Linux packages, sourced by installers/build.sh (which sets out, dist, installers, version,
# numeric_version and has built the jpackage app-image in $out/image/shaga).
#
# The .deb and .rpm are assembled from that app-image with dpkg-deb and rpmbuild rather than with
# jpackage --type deb/rpm: jpackage (JDK 17) can only install under /opt, while the packages must
# own /usr/bin/shaga, the desktop entry, the icons and the AppStream metadata, declare the GUI's
# libraries (JavaFX loads GTK and GL from inside its jars, which jpackage cannot see) and
# recommend optional ones. Both packages install the same tree.

linux_dir="$installers/linux"
app_id="network.shaga.Shaga"
# Debian and RPM versions: "0.1.0-SNAPSHOT" becomes "0.1.0~SNAPSHOT", which sorts before 0.1.0.
package_version="$(printf '%s' "$version" | tr '-' '~')"

# Lists a packaging file's entries: one per line, without comments and blank lines.
entries() {
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$1"
}

# The installed tree: /opt/shaga (the app-image) and what it shows in /usr.
stage_root() {
  local stage="$1" size
  rm -rf "$stage"
  mkdir -p "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" "$stage/usr/share/metainfo" \
    "$stage/usr/share/doc/shaga" "$stage/usr/share/icons/hicolor/scalable/apps"
  cp -a "$out/image/shaga" "$stage/opt/shaga"
  # The launchers use the class-data-sharing archive that the install scripts make (shaga-cds);
  # it holds the JDK's start-up classes too, so the runtime's default archive would go unused.
  cp "$linux_dir/shaga-cds" "$linux_dir/shaga.classlist" "$stage/opt/shaga/lib/"
  rm -f "$stage/opt/shaga/lib/runtime/lib/server/classes.jsa"
  for cfg in "$stage"/opt/shaga/lib/app/*.cfg; do
    awk '{print} /^\[JavaOptions\]/ {print "java-options=-XX:SharedArchiveFile=$APPDIR/shaga.jsa"}' "$cfg" >"$cfg.new"
    mv "$cfg.new" "$cfg"
  done
  ln -s /opt/shaga/bin/shaga "$stage/usr/bin/shaga"
  cp "$linux_dir/$app_id.desktop" "$stage/usr/share/applications/"
  cp "$linux_dir/$app_id.metainfo.xml" "$stage/usr/share/metainfo/"
  cp "$linux_dir/copyright" "$stage/usr/share/doc/shaga/copyright"
  for size in 16 24 32 48 64 128 256 512; do
    mkdir -p "$stage/usr/share/icons/hicolor/${size}x${size}/apps"
    cp "$installers/icons/shaga-$size.png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
  done
  cp "$installers/icons/shaga.svg" "$stage/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
  chmod -R u+rwX,go+rX,go-w "$stage"
}

# Paths of the shared libraries the runtime's own native code links to (outside the app-image).
# Fails when one cannot be found here: its package could not be named.
runtime_libraries() {
  local stage="$1" linked missing
  linked="$(find "$stage/opt/shaga" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null || true)"
  # libjvm.so is the runtime's own (lib/server/), found at run time through the launcher.
  missing="$(printf '%s\n' "$linked" | awk '$2 == "=>" && $3 == "not" && $1 != "libjvm.so" {print $1}' | sort -u)"
  if [ -n "$missing" ]; then
    echo "build.sh: the runtime links to libraries not installed here: $missing" >&2
    return 1
  fi
  # Libraries inside the package (the runtime's own, found through its RUNPATH) are not dependencies.
  printf '%s\n' "$linked" | awk -v own="$(cd "$stage" && pwd)/" '$2 == "=>" && $3 ~ /^\// && index($3, own) != 1 {print $3}' \
    | sort -u
}

package_tarball() {
  local name="shaga-$version-linux-$(uname -m)"
  tar -C "$out/image" -czf "$dist/$name.tar.gz" shaga
}

package_deb() {
  local stage="$out/deb/root" arch depends recommends library package
  command -v dpkg-deb >/dev/null || { echo "build.sh: dpkg-deb is needed for the .deb" >&2; return 1; }
  stage_root "$stage"
  arch="$(dpkg --print-architecture)"
  depends="$(
    {
      runtime_libraries "$stage" | while read -r library; do
        # Match the file name only: with merged /usr, dpkg may know /lib/... for /usr/lib/...
        dpkg -S "*/$(basename "$library")" 2>/dev/null | sed -n 's/^\([^:,]*\).*: .*/\1/p' | head -n 1
      done
      entries "$linux_dir/deb-depends"
    } | sort -u | paste -sd, - | sed 's/,/, /g'
  )"
  recommends="$(entries "$linux_dir/deb-recommends" | paste -sd, - | sed 's/,/, /g')"
  mkdir -p "$stage/DEBIAN"
  cat >"$stage/DEBIAN/control" <<EOF
Package: shaga
Version: $package_version-1
Section: games
Priority: optional
Architecture: $arch
Maintainer: Shaga contributors <maintainers@shaga.invalid>
Installed-Size: $(du -sk --apparent-size --exclude=DEBIAN "$stage" | cut -f1)
Depends: $depends
Recommends: $recommends
Description: Peer-to-peer cloud gaming marketplace
 Shaga finds gaming PCs for rent on a map, pays for them by the minute in USDC on
 Solana and streams them with Moonlight; gamers with a strong PC rent theirs out
 through Sunshine. There is no central server: every copy of the app is a node of
 the BitTorrent mainline DHT, and every payment is checked on-chain by the host.
 .
 This package bundles its own Java runtime and JavaFX. It never touches the
 user's data folder (~/.local/share/shaga): removing it keeps the wallet.
EOF
  # The data folder is per user and never touched: removing or purging the package keeps the wallet.
  printf '#!/bin/sh\nset -e\nif [ "$1" = configure ]; then /opt/shaga/lib/shaga-cds create || true; fi\n' \
    >"$stage/DEBIAN/postinst"
  printf '#!/bin/sh\nset -e\ncase "$1" in remove|upgrade|deconfigure) /opt/shaga/lib/shaga-cds remove ;; esac\n' \
    >"$stage/DEBIAN/prerm"
  chmod 755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/prerm"
  (cd "$stage" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) \
    >"$stage/DEBIAN/md5sums"
  package="$dist/shaga_${package_version}-1_${arch}.deb"
  dpkg-deb --root-owner-group -Zxz -b "$stage" "$package" >/dev/null
  echo "$package"
}

package_rpm() {
  local stage="$out/rpm/root" top="$out/rpm/build" arch requires recommends
  command -v rpmbuild >/dev/null || { echo "build.sh: rpmbuild is needed for the .rpm (apt-get install rpm)" >&2; return 1; }
  stage_root "$stage"
  arch="$(uname -m)"
  # Requirements by library soname, which every RPM distribution resolves to its own package names.
  requires="$(
    {
      runtime_libraries "$stage" | xargs -r -n 1 basename
      entries "$linux_dir/rpm-requires"
    } | sort -u | sed 's/$/()(64bit)/' | paste -sd' ' -
  )"
  recommends="$(entries "$linux_dir/rpm-recommends" | paste -sd' ' -)"
  rm -rf "$top"
  mkdir -p "$top/SPECS" "$top/RPMS"
  cat >"$top/SPECS/shaga.spec" <<EOF
Name: shaga
Version: $package_version
Release: 1
Summary: Peer-to-peer cloud gaming marketplace
License: GPL-3.0-or-later
Requires: $requires
Recommends: $recommends
AutoReqProv: no
%define __os_install_post %{nil}
%define _build_id_links none
%define debug_package %{nil}

%description
Shaga finds gaming PCs for rent on a map, pays for them by the minute in USDC on
Solana and streams them with Moonlight; gamers with a strong PC rent theirs out
through Sunshine. It bundles its own Java runtime and JavaFX, and never touches
the user's data folder (~/.local/share/shaga): removing it keeps the wallet.

%install
cp -a "$(cd "$stage" && pwd)/." %{buildroot}/

# After the whole transaction: on an upgrade the old package's %preun runs after the new %post.
%posttrans
/opt/shaga/lib/shaga-cds create || true

%preun
if [ "\$1" -eq 0 ]; then /opt/shaga/lib/shaga-cds remove; fi

%files
%license /usr/share/doc/shaga/copyright
/opt/shaga
/usr/bin/shaga
/usr/share/applications/$app_id.desktop
/usr/share/metainfo/$app_id.metainfo.xml
/usr/share/icons/hicolor/*/apps/$app_id.*
EOF
  rpmbuild --quiet --define "_topdir $(cd "$top" && pwd)" --target "$arch" -bb "$top/SPECS/shaga.spec" >/dev/null
  cp "$top/RPMS/$arch"/shaga-*.rpm "$dist/"
  ls "$dist"/shaga-*.rpm
}
