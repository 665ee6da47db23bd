# tests/e2e/lib.sh - sourced by the end-to-end tests.  Runs the real binary
# with a clean environment and a temporary home, and counts checks.
#
# A test that checked nothing fails: finish fails when no check ran, and
# check_with fails when its checker crashes or looked at nothing.  A test
# waits for what it expects with a deadline (wait_until), never a fixed
# sleep.  A skip (need, or exit 77 with a "SKIP: why" line) is counted and
# named by scripts/test.
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
# retry CMD...: /etc/passwd and /etc/group are locked while another test
# adds or removes accounts: try CMD again for up to 5 s; on the last
# failure, show what it said.
retry() {
	local k
	for k in $(seq 1 25); do
		"$@" 2>"$T/retry.err" && return 0
		sleep 0.2
	done
	cat "$T/retry.err" >&2
	return 1
}

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

# wait_until SECONDS CMD...: run CMD every 50 ms until it succeeds (true)
# or SECONDS pass (false).  SECONDS may be a fraction.
wait_until() {
	local end
	end=$(awk -v s="$1" 'BEGIN { printf "%d", s * 20 }')
	shift
	local i=0
	while :; do
		"$@" && return 0
		[ "$i" -ge "$end" ] && return 1
		sleep 0.05
		i=$((i + 1))
	done
}

# expect_soon WHAT EXPECTED CMD...: CMD prints EXPECTED within WAIT
# seconds (default 10), polled: for what another process writes (a key
# sent to a screen, then the database).
expect_soon() {
	local what=$1 want=$2 got=
	shift 2
	_expect_soon_now() { got=$("$@" 2>&1); [ "$got" = "$want" ]; }
	if wait_until "${WAIT:-10}" _expect_soon_now "$@"; then ok; else bad "$what: expected [$want], got [$got]"; fi
}

# check_with WHAT CMD...: CMD is a checker of gathered outputs (a Python
# script, say).  Each line it prints is a failure, but for one line
# "checked N" that says how many things it looked at.  Fails when the
# checker exits non-zero, says nothing of what it checked, or checked 0.
check_with() {
	local what=$1 line n= rc
	shift
	"$@" >"$T/checker.out" 2>"$T/checker.err" && rc=0 || rc=$?
	while IFS= read -r line; do
		case "$line" in
		"checked "[0-9]*) n=${line#checked }; n=${n%% *} ;;
		*) bad "$what: $line" ;;
		esac
	done <"$T/checker.out"
	if [ "$rc" -ne 0 ]; then
		bad "$what: the checker exited $rc: $(tail -n 5 "$T/checker.err")"
	elif [ -z "$n" ]; then
		bad "$what: the checker did not say what it checked"
	elif [ "$n" -eq 0 ]; then
		bad "$what: the checker found nothing to check"
	else
		ok
	fi
}

# reachable_whose [HELPER...]: for a test that runs whose as other Unix
# accounts.  The build folder may sit where they cannot enter (a checkout
# in root's 0700 home), so this copies the binary into $T/bin, the bundled
# bank beside it ($T/share/whose/questions, where a moved binary looks) and
# each HELPER file (a script the accounts run) into $T/bin; opens $T to
# every account (0755); and points WHOSE at the copy.  Returns 1, with
# $reachable_why saying why, when an unprivileged account (uid 65534) still
# cannot run the copy: the caller skips that part, saying so.
reachable_why=
reachable_whose() {
	local f
	chmod 0755 "$T"
	mkdir -p "$T/bin" "$T/share/whose"
	cp "$WHOSE" "$T/bin/whose"
	if [ -d "$SRC/questions" ] && [ ! -e "$T/share/whose/questions" ]; then
		cp -R "$SRC/questions" "$T/share/whose/questions"
	fi
	for f in "$@"; do
		cp "$f" "$T/bin/"
	done
	chmod -R a+rX "$T/bin" "$T/share"
	WHOSE=$T/bin/whose
	export WHOSE
	if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null 2>&1; then
		if ! setpriv --reuid=65534 --regid=65534 --clear-groups "$WHOSE" --version >/dev/null 2>"$T/reach.err"; then
			reachable_why="another account cannot run $WHOSE ($(head -n 1 "$T/reach.err")): is $T's file system mounted noexec?"
			return 1
		fi
	fi
	return 0
}

# need_reachable_whose [HELPER...]: reachable_whose, or skip the whole test
# (exit 77) saying why.
need_reachable_whose() {
	if ! reachable_whose "$@"; then
		echo "SKIP: $reachable_why"
		exit 77
	fi
}

# run CMD...: sets $out, $err, $rc
run() {
	out=$("$@" 2>"$T/stderr") && rc=0 || rc=$?
	err=$(cat "$T/stderr")
}

# finish: the last line of every test.  Fails when a check failed, and
# when no check ran at all (a test that checked nothing proves nothing).
finish() {
	echo "$e2e_pass passed, $e2e_fail failed"
	if [ "$((e2e_pass + e2e_fail))" -eq 0 ]; then
		echo "FAIL: no check ran" >&2
		return 1
	fi
	[ "$e2e_fail" -eq 0 ]
}
