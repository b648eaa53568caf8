# bash completion for veristep(1): subcommands, options, files, and the
# program names of the object on the line for -p/--prog.
_veristep_progs()
{
	# the programs of the object and log already on the line, as report names them
	local i files=()
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i - 1]} in -o | -p | --prog | --kernel | -T | --log-level) continue ;; esac
		[[ -f ${COMP_WORDS[i]} ]] && files+=("${COMP_WORDS[i]}")
	done
	((${#files[@]})) || return
	veristep report -q -- "${files[@]:0:2}" 2>/dev/null |
		sed -n 's/^program [0-9]*: \([^ ]*\).*/\1/p'
}

_veristep()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		cword=$COMP_CWORD
	fi
	local cmds="report json dot record check diff rules why"
	local opts="-p --prog --kernel --no-color -q --quiet -h --help -V --version"

	case $prev in
	-p | --prog)
		local IFS=$'\n'
		COMPREPLY=($(compgen -W "$(_veristep_progs)" -- "$cur"))
		return
		;;
	--kernel)
		COMPREPLY=($(compgen -W "5.10 6.1 6.6 6.12 6.15 6.17 6.18 7.3" -- "$cur"))
		return
		;;
	-T)
		COMPREPLY=($(compgen -W "svg png dot" -- "$cur"))
		return
		;;
	--log-level)
		COMPREPLY=($(compgen -W "1 2" -- "$cur"))
		return
		;;
	--step)
		return
		;;
	-o)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	esac
	local sub="" w
	for w in "${COMP_WORDS[@]:1:COMP_CWORD-1}"; do
		case " $cmds " in *" $w "*) sub=$w; break ;; esac
	done
	case $sub in
	dot) opts="$opts -T -o" ;;
	record) opts="$opts -o --no-tui --log-level" ;;
	diff) opts="$opts --json --objects --tui" ;;
	rules) opts="$opts --json" ;;
	why) opts="$opts --json --step" ;;
	json) opts="$opts -o --steps --states" ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi
	if [[ -z $sub && $COMP_CWORD -eq 1 ]]; then
		COMPREPLY=($(compgen -W "$cmds" -- "$cur"))
	fi
	COMPREPLY+=($(compgen -f -- "$cur"))
}
complete -o filenames -F _veristep veristep
