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

# Configure and build, quietly: nothing is printed when nothing needed
# building, one line when something did, and the compiler's output only
# when the build fails (WHOSE_VERBOSE_BUILD=1 shows it always).  ninja
# runs meson again by itself when a meson.build changed, so an existing
# build folder is reconfigured only for options the caller gives.
setup_build() {
	local dir=$1 log rc=0 first=0
	shift
	if [ -f "$dir/build.ninja" ]; then
		if [ "$#" -gt 0 ]; then
			meson setup --reconfigure "$dir" "$top" "$@" >/dev/null
		fi
	else
		echo "setup: building whose in $dir (the first time takes a minute)..." >&2
		first=1
		meson setup "$dir" "$top" "$@" >/dev/null
	fi
	log=$(mktemp)
	ninja -C "$dir" >"$log" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || [ "${WHOSE_VERBOSE_BUILD:-0}" = 1 ]; then
		cat "$log" >&2
	elif [ "$first" = 0 ] && grep -q '] \(Compiling\|Linking\)' "$log"; then
		# The version header is made again on every run, which is no
		# news; a compiled file is.
		echo "setup: rebuilt what changed in $dir" >&2
	fi
	rm -f "$log"
	if [ "$rc" -ne 0 ]; then
		echo "setup: the build in $dir failed (its output is above)" >&2
		return "$rc"
	fi
}
