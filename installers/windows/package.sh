# Windows package, sourced by installers/build.sh: the .msi from the jpackage app-image (jpackage
# drives WiX 3, which must be on the PATH: candle.exe, light.exe). The installer removes only what
# it installed; the data folder (%APPDATA%\Shaga) is never part of it, so uninstalling keeps the
# wallet. Shaga.exe opens the desktop app without a console; shaga-debug.exe is the console
# launcher for the command line and for support (with no arguments: the app with debug output).

package_msi() {
  "${jdk_bin}jpackage" --type msi --app-image "$out/image/Shaga" @"$installers/windows/package.jpackage" \
    --app-version "$app_version" --dest "$dist"
}
