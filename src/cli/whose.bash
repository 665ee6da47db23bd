# bash completion for whose(1)                              -*- shell-script -*-
# Installed as bash-completion/completions/whose.

# The topics of the profile the command line names (--db, --profile),
# from 'whose stats --topic-names', which never creates a profile.  Topic
# names have spaces and '&': each is offered quoted, matched from any
# case, as whose itself matches them.
_whose_topics()
{
	local -a args=() names=()
	local j name typed
	for ((j = 1; j < cword; j++)); do
		case "${words[j]}" in
		--db|--profile) args+=("${words[j]}" "${words[j + 1]}"); ((j++)) ;;
		--db=*|--profile=*) args+=("${words[j]}") ;;
		esac
	done
	mapfile -t names < <("${words[0]}" "${args[@]}" stats --topic-names 2>/dev/null)
	typed=${cur#[\"\']}
	typed=${typed//\\/}
	COMPREPLY=()
	for name in "${names[@]}"; do
		if [[ ${name,,} == "${typed,,}"* ]]; then
			COMPREPLY+=("$(printf '%q' "$name")")
		fi
	done
}

_whose()
{
	local cur prev words cword
	_init_completion || return

	local commands="review practice exam exams drill report class import check stats export config optimize profiles search show suspend unsuspend mark unmark unflag reset help"
	local global="--db --profile --plain --create --help --version"
	local cmd="" i
	for ((i = 1; i < cword; i++)); do
		case "${words[i]}" in
		--db|--profile) ((i++)) ;;
		-*) ;;
		*) cmd=${words[i]}; break ;;
		esac
	done

	case "$prev" in
	--db|--results|-o|--output|--reviews|--seed-file)
		_filedir
		return ;;
	--profile)
		local dir=${XDG_DATA_HOME:-$HOME/.local/share}/whose
		COMPREPLY=($(compgen -W "$(cd "$dir" 2>/dev/null && ls -- *.db 2>/dev/null | sed 's/\.db$//')" -- "$cur"))
		return ;;
	--state)
		COMPREPLY=($(compgen -W "new learning review relearning suspended leech flagged marked due retired" -- "$cur"))
		return ;;
	--sort)
		COMPREPLY=($(compgen -W "rank due lapses retrievability id" -- "$cur"))
		return ;;
	--type)
		COMPREPLY=($(compgen -W "choice multi truefalse who sort card" -- "$cur"))
		return ;;
	--topic|-t)
		_whose_topics
		return ;;
	--wrong-in-exam|--count|-n|--limit|--questions|--minutes|--pass|--seed|--seconds|--name|--class|--reveal-seconds|--ids)
		return ;;
	--group|-g)
		COMPREPLY=($(compgen -g -- "$cur"))
		return ;;
	esac

	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$global" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		fi
		return
	fi

	local opts="--help"
	case "$cmd" in
	help)
		if ((cword == i + 1)); then
			COMPREPLY=($(compgen -W "${commands% help}" -- "$cur"))
		fi
		return ;;
	review) opts="--limit --help" ;;
	practice) opts="--topic --weak --marked --exam --count --help" ;;
	exam) opts="--questions --minutes --pass --topic --pause-when-away --resume --abandon --help" ;;
	exams)
		if [[ $cur != -* && $prev == exams ]]; then
			COMPREPLY=($(compgen -W "show forget restore" -- "$cur"))
			return
		fi
		case " ${words[*]} " in
		*" forget "*) opts="--yes --help" ;;
		*" restore "*) opts="--help" ;;
		*) opts="--limit --wrong --flagged --topic --help" ;;
		esac ;;
	drill) opts="--seed --count --topic --ids --seconds --name --results --resend --help" ;;
	import) opts="--reviews --help" ;;
	check) opts="--dated --help" ;;
	class)
		local sub=${words[i + 1]}
		if ((cword == i + 1)); then
			COMPREPLY=($(compgen -W "host join results" -- "$cur"))
			return
		fi
		case "$sub" in
		host) opts="--seed --questions --seconds --topic --group --no-leaderboard --speed-bonus --full-names --reveal-seconds --end-when-answered --seed-file --help" ;;
		results) opts="--class --list --output --help" ;;
		*) opts="--help" ;;
		esac ;;
	stats) opts="--json --topic-names --help" ;;
	search) opts="--topic --type --state --wrong-in-exam --sort --limit --json --help" ;;
	show) opts="--json --help" ;;
	export) opts="--progress --reviews --all --output --help" ;;
	optimize) opts="--apply --revert --json --help" ;;
	reset) opts="--damaged --help" ;;
	config)
		if [[ $cur != -* ]]; then
			if [[ $prev == config ]]; then
				COMPREPLY=($(compgen -W "desired-retention new-per-day learning-steps relearning-steps maximum-interval fuzz day-starts-at leech-threshold exam-pause-when-away exam-date exam-target parameters" -- "$cur"))
			elif [[ $prev == fuzz || $prev == exam-pause-when-away ]]; then
				COMPREPLY=($(compgen -W "on off default" -- "$cur"))
			else
				COMPREPLY=($(compgen -W "default" -- "$cur"))
			fi
			return
		fi ;;
	import|check|report)
		;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
	elif [[ $cmd == import || $cmd == check || $cmd == report ]]; then
		_filedir
	fi
} &&
	complete -F _whose whose
