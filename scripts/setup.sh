# scripts/setup.sh - sourced by scripts/run and scripts/test.
#
# Installs the Debian packages that are missing (nothing when all are
# present; through sudo when not root), then configures or reconfigures the
# build directory and builds.  Variables read:
#   WHOSE_PACKAGES  extra packages the caller needs (scripts/test adds its own)
#   BUILD_DIR       the build directory (default: build)

set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-"$top/build"}

# What building needs.
base_packages="gcc libc6-dev meson ninja-build pkg-config libncurses-dev libsqlite3-dev libcsv-dev check"

setup_missing() {
	local p missing=()
	for p in "$@"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
			missing+=("$p")
		fi
	done
	printf '%s\n' "${missing[@]}"
}

setup_install() {
	local missing sudo=()
	mapfile -t missing < <(setup_missing "$@")
	[ "${#missing[@]}" -eq 0 ] || [ -n "${missing[0]}" ] || missing=()
	if [ "${#missing[@]}" -eq 0 ]; then
		return 0
	fi
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "setup: missing packages (${missing[*]}) and no apt-get: install them by hand" >&2
		exit 1
	fi
	if [ "$(id -u)" -ne 0 ]; then
		if ! command -v sudo >/dev/null 2>&1; then
			echo "setup: missing packages (${missing[*]}): run as root or install sudo" >&2
			exit 1
		fi
		sudo=(sudo)
	fi
	echo "setup: installing ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -qq >&2 || "${sudo[@]}" apt-get update >&2
	"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# shellcheck disable=SC2086
setup_install $base_packages ${WHOSE_PACKAGES:-}

# Configure (or reconfigure when meson.build changed) and build.
setup_build() {
	local dir=$1
	shift
	if [ -f "$dir/build.ninja" ]; then
		meson setup --reconfigure "$dir" "$top" "$@" >/dev/null
	else
		meson setup "$dir" "$top" "$@" >/dev/null
	fi
	ninja -C "$dir" >&2
}
