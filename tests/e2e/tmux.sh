# tests/e2e/tmux.sh - the full screen through tmux, for the end-to-end
# scripts that drive it.  Sourced after lib.sh: a tmux server of the
# script's own (killed on the way out, with $T), whose session "t" runs a
# plain shell with a clean environment.
#
#   tmux_start COLS LINES VAR=VALUE...
#       start session t of COLS x LINES; the pane's environment is the
#       VAR=VALUE given plus TERM, LANG, PATH, PS1 and the sanitizers'
#       settings when a sanitizer build runs the test (pane_env keeps it,
#       for more sessions)
#   screen, screen_sgr       the pane as text (with its colours)
#   keys KEY...              tmux send-keys to the pane
#   shell LINE               type LINE at the pane's shell, then Enter
#   fmt FORMAT               tmux display -p (#{pane_pid}...)
#   wait_for TEXT            poll until TEXT shows (true) or WAIT passes
#   wait_for_in SESSION TEXT the same on another session
#   wait_gone TEXT           poll until TEXT is gone
#   settle                   poll until the screen stops changing (the same
#                            for 0.3 s) or WAIT passes
#   expect_screen WHAT TEXT  TEXT shows up (within WAIT)
#   expect_not WHAT TEXT     TEXT is not on the screen once it settled
#   expect_line WHAT REGEX   a line of the screen matches REGEX (within WAIT)
#   line_width N             the columns of line N (1-based)
#   expect_width WHAT N COLS line N becomes COLS columns wide
# WAIT: seconds to wait for something to show (10).

if ! command -v tmux >/dev/null 2>&1; then
	echo "SKIP: tmux is not installed"
	exit 77
fi

sock="whose-$(basename "$0" .sh)-$$"
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T"' EXIT
unset TMUX
WAIT=${WAIT:-10}
pane_env=()

tmux_start() {
	local cols=$1 lines=$2 v
	shift 2
	pane_env=("$@" TERM=xterm-256color LANG=C.UTF-8 PATH="$PATH" PS1='$ ')
	for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS MALLOC_PERTURB_; do
		[ -n "${!v:-}" ] && pane_env+=("$v=${!v}")
	done
	tm new-session -d -s t -x "$cols" -y "$lines" env -i "${pane_env[@]}" sh
}

screen() { tm capture-pane -p -t t; }
screen_sgr() { tm capture-pane -e -p -t t; }
keys() { tm send-keys -t t "$@"; }
shell() { tm send-keys -t t -l "$1"; tm send-keys -t t Enter; }
fmt() { tm display -p -t t "$1"; }

wait_for_in() {
	local i=0 n=$((WAIT * 20))
	while [ "$i" -lt "$n" ]; do
		case "$(tm capture-pane -p -t "$1")" in *"$2"*) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
wait_for() { wait_for_in t "$1"; }
wait_gone() {
	local i=0 n=$((WAIT * 20))
	while [ "$i" -lt "$n" ]; do
		case "$(screen)" in *"$1"*) ;; *) return 0 ;; esac
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
expect_screen() {
	if wait_for "$2"; then ok; else bad "$1: [$2] not on screen"; screen >&2; fi
}
# The screen as last captured by settle; a redraw in flight (a key just
# sent) shows within a few polls, so a screen the same for 0.3 s is one the
# program has finished drawing.  A clock on the screen (a countdown) ticks
# once a second, so it settles between ticks.
settle() {
	local i=0 n=$((WAIT * 20)) same=0 now last=
	while [ "$i" -lt "$n" ]; do
		now=$(screen)
		if [ "$now" = "$last" ]; then
			same=$((same + 1))
			[ "$same" -ge 6 ] && return 0
		else
			same=0
			last=$now
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
expect_not() {
	settle
	case "$(screen)" in
	*"$2"*) bad "$1: [$2] should not be on screen"; screen >&2 ;;
	*) ok ;;
	esac
}
screen_has_line() { screen | grep -Eq -- "$1"; }
expect_line() {
	if wait_until "$WAIT" screen_has_line "$2"; then ok; else bad "$1: no line matches /$2/"; screen >&2; fi
}
line_width() { screen | sed -n "${1}p" | tr -d '\n' | wc -m; }
expect_width() {
	local i=0 n=$((WAIT * 20))
	while [ "$i" -lt "$n" ]; do
		[ "$(line_width "$2")" = "$3" ] && { ok; return; }
		sleep 0.05
		i=$((i + 1))
	done
	bad "$1: line $2 is $(line_width "$2") columns wide, not $3"
	screen >&2
}
