#!/bin/sh
# Install (as root) or name (otherwise) the Debian packages veristep needs.
# usage: .ci/deps.sh build|test|fuzz|samples ...
set -u
pkgs_build="gcc make pkg-config libbpf-dev libelf-dev zlib1g-dev libcjson-dev libgraphviz-dev libncurses-dev liblzma-dev"
pkgs_test="libcmocka-dev tmux perl graphviz xz-utils python3 man-db clang-format"
pkgs_fuzz="clang libclang-rt-14-dev"
pkgs_samples="clang bpftool"
want=""
for set in "$@"; do
	case "$set" in
	build) want="$want $pkgs_build" ;;
	test) want="$want $pkgs_build $pkgs_test" ;;
	fuzz) want="$want $pkgs_build $pkgs_fuzz" ;;
	samples) want="$want $pkgs_build $pkgs_samples" ;;
	*) echo "deps.sh: unknown set '$set'" >&2; exit 2 ;;
	esac
done
missing=""
for p in $want; do
	case " $missing " in *" $p "*) continue ;; esac
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$st" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "veristep: installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	if ! apt-get install -y -q $missing >/tmp/veristep-apt.log 2>&1; then
		apt-get update -q >/dev/null 2>&1
		apt-get install -y -q $missing || exit 1
	fi
	exit 0
fi
echo "veristep: missing Debian packages. Run:" >&2
echo "  sudo apt-get install$missing" >&2
exit 1
