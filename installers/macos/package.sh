# macOS package, sourced by installers/build.sh: the .dmg from the jpackage app-image (Shaga.app;
# not signed or notarized: Gatekeeper asks the user to confirm the first start). Dragging the app
# to the Trash leaves ~/Library/Application Support/Shaga, and so the wallet, in place. The
# command line is Shaga.app/Contents/MacOS/Shaga; shaga-debug beside it is the support launcher.

package_dmg() {
  "${jdk_bin}jpackage" --type dmg --app-image "$out/image/Shaga.app" @"$installers/macos/package.jpackage" \
    --app-version "$app_version" --dest "$dist"
}
