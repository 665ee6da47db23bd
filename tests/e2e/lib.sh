# tests/e2e/lib.sh - sourced by the end-to-end tests.  Runs the real binary
# with a clean environment and a temporary home, and counts checks.
set -u
WHOSE=${WHOSE:?set WHOSE to the whose binary}
SRC=${SRC:?set SRC to the source tree}
T=$(mktemp -d /tmp/whose-e2e-XXXXXX)
trap 'rm -rf "$T"' EXIT
export HOME="$T/home" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8 TERM=xterm-256color
unset WHOSE_DB WHOSE_PROFILE WHOSE_BANK WHOSE_NOW
mkdir -p "$HOME"
# Debian's python3 starts in 40 ms; a version manager's shim can take 500.
PYTHON=/usr/bin/python3
[ -x "$PYTHON" ] || PYTHON=python3
e2e_pass=0
e2e_fail=0

# need TOOL...: skip the test (exit 77, with a message) unless every TOOL
# is installed.
need() {
	local tool
	for tool in "$@"; do
		if ! command -v "$tool" >/dev/null; then
			echo "SKIP: $tool is not installed"
			exit 77
		fi
	done
}

ok() { e2e_pass=$((e2e_pass + 1)); }
bad() { e2e_fail=$((e2e_fail + 1)); echo "FAIL: $*" >&2; }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then ok; else bad "$1: expected [$2], got [$3]"; fi
}

# expect_in WHAT NEEDLE HAYSTACK
expect_in() {
	case "$3" in
	*"$2"*) ok ;;
	*) bad "$1: [$2] not found in: $3" ;;
	esac
}

# run CMD...: sets $out, $err, $rc
run() {
	out=$("$@" 2>"$T/stderr") && rc=0 || rc=$?
	err=$(cat "$T/stderr")
}

finish() {
	echo "$e2e_pass passed, $e2e_fail failed"
	[ "$e2e_fail" -eq 0 ]
}
