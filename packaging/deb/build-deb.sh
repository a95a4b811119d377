#!/usr/bin/env bash
# Build a .deb from the PyInstaller onedir bundle.
#   packaging/deb/build-deb.sh BUNDLE_DIR OUT_DIR
# SYSLEAD_DEB_COMPRESSION picks dpkg-deb's compression (default "-Zxz" for releases;
# the tests use "-Zgzip -z1", which is several times faster on a small CI machine).
# The bundle goes to /opt/syslead, with launchers in /usr/bin, and the desktop file,
# AppStream metainfo, MIME type and icons in the standard places.
set -euo pipefail
bundle=$(cd "$1" && pwd)
out=$(mkdir -p "$2" && cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$root/syslead_desktop/__init__.py")
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
app_id=org.syslead.SysLeadDesktop

stage=$(mktemp -d)
chmod 755 "$stage"  # mktemp makes it 700, and it becomes the package's ./ entry
trap 'rm -rf "$stage"' EXIT
install -d "$stage/DEBIAN" "$stage/opt/syslead" "$stage/usr/bin" \
  "$stage/usr/share/applications" "$stage/usr/share/metainfo" "$stage/usr/share/mime/packages" \
  "$stage/usr/share/icons/hicolor/scalable/apps"
cp -a "$bundle/." "$stage/opt/syslead/"
ln -s /opt/syslead/syslead-desktop "$stage/usr/bin/syslead-desktop"
ln -s /opt/syslead/syslead "$stage/usr/bin/syslead"
install -m 644 "$root/packaging/linux/$app_id.desktop" "$stage/usr/share/applications/"
install -m 644 "$root/packaging/linux/$app_id.metainfo.xml" "$stage/usr/share/metainfo/"
install -m 644 "$root/packaging/linux/syslead-decision.xml" "$stage/usr/share/mime/packages/"
install -m 644 "$root/resources/icons/syslead.svg" \
  "$stage/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
for size in 16 24 32 48 64 128 256 512; do
  install -d "$stage/usr/share/icons/hicolor/${size}x${size}/apps"
  install -m 644 "$root/resources/icons/syslead-$size.png" \
    "$stage/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
done
size_kb=$(du -sk "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size_kb/" \
  "$here/control.in" > "$stage/DEBIAN/control"
install -m 755 "$here/postinst" "$stage/DEBIAN/postinst"
install -m 755 "$here/postinst" "$stage/DEBIAN/postrm"
# shellcheck disable=SC2086  # the options are meant to split into words
dpkg-deb ${SYSLEAD_DEB_COMPRESSION:--Zxz} --root-owner-group --build "$stage" "$out/syslead-desktop_${version}_${arch}.deb" >/dev/null
echo "$out/syslead-desktop_${version}_${arch}.deb"
