#!/bin/sh
# tests/install/run.sh [--utables BUILD/utables | BUILD]: what a new user
# meets first.
#  - `cmake --install` into a scratch prefix, and utables run from there:
#    bin/utables, the iptables links in libexec/utables/ (and none in bin
#    or sbin, so the system's iptables is never shadowed), the library,
#    its header and pkg-config file (a program built against them runs),
#    the bash completion;
#  - the manual pages render without a warning (`man --warnings`), and
#    each subcommand and option of the help is in utables(1) or
#    utables-run(1)/utables-trace(1);
#  - README's set-up command as root on a machine without sudo, and as a
#    user with sudo (apt-get, cmake, ninja and the example replaced by
#    stubs that log their arguments).
# Ends with "N passed, N failed[, N skipped]".
if [ "${1:-}" = "--utables" ]; then
	build=$(cd "$(dirname "$2")" && pwd)
else
	build=$(cd "${1:-build}" && pwd)
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
skip=0
why=""
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
skipped() { skip=$((skip + $1)); why="$why
skipped: $1 $2"; }

p=$tmp/prefix
if cmake --install "$build" --prefix "$p" > "$tmp/install.log" 2>&1; then ok
else bad "cmake --install failed:"; sed 's/^/    /' "$tmp/install.log"; fi

# ---- the program and its links
"$p/bin/utables" --version | grep -q '^utables .*iptables v1.8.9' && ok ||
	bad "installed utables --version"
for n in iptables iptables-save iptables-restore; do
	[ -L "$p/libexec/utables/$n" ] && [ -x "$p/libexec/utables/$n" ] && ok ||
		bad "no link libexec/utables/$n"
	[ ! -e "$p/bin/$n" ] && [ ! -e "$p/sbin/$n" ] && ok ||
		bad "$n installed where it shadows the system's"
done
export UTABLES_STATE="$tmp/rules.v4"
PATH="$p/libexec/utables:$PATH" iptables -A INPUT -s 192.0.2.1 -j DROP && ok ||
	bad "iptables through the installed link"
PATH="$p/libexec/utables:$PATH" iptables-save > "$tmp/saved" &&
	grep -qx -- '-A INPUT -s 192.0.2.1/32 -j DROP' "$tmp/saved" && ok ||
	bad "iptables-save through the installed link"
PATH="$p/libexec/utables:$PATH" iptables-restore < "$tmp/saved" && ok ||
	bad "iptables-restore through the installed link"
# the tree moves with its relative links
mv "$p" "$tmp/moved"
"$tmp/moved/libexec/utables/iptables" -S INPUT | grep -q -- '-s 192.0.2.1/32' && ok ||
	bad "the installed tree does not work after a move"
mv "$tmp/moved" "$p"

# ---- the library, its header and pkg-config file
if command -v pkg-config > /dev/null && command -v cc > /dev/null; then
	cat > "$tmp/prog.c" <<'EOF'
#include <stdio.h>
#include <utables/utables.h>

int
main(int argc, char **argv)
{
	char *args[] = { "iptables", "-S", "INPUT", NULL };
	struct ut_cli_io io;
	int status;

	ut_cli_io_init(&io);
	io.state_path = argv[1];
	status = ut_cli_iptables(3, args, &io);
	fputs(ut_buf_str(&io.out), stdout);
	ut_cli_io_fini(&io);
	return argc == 2 ? status : 2;
}
EOF
	# a sanitized build's library needs the sanitizers' runtime linked in
	san=
	grep -q '^UT_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null &&
		san=-fsanitize=address,undefined
	# shellcheck disable=SC2046
	if cc $san -o "$tmp/prog" "$tmp/prog.c" $(PKG_CONFIG_PATH="$p/lib/pkgconfig" \
		pkg-config --cflags --libs utables) 2> "$tmp/cc.err"; then ok
	else bad "a program does not build with pkg-config utables:"
		sed 's/^/    /' "$tmp/cc.err"; fi
	"$tmp/prog" "$UTABLES_STATE" 2>&1 | grep -qx -- '-A INPUT -s 192.0.2.1/32 -j DROP' &&
		ok || bad "the program built against libutables"
else
	skipped 2 "library checks (need pkg-config and cc)"
fi

# ---- bash completion
if command -v bash > /dev/null; then
	comp=$p/share/bash-completion/completions/utables
	got=$(bash -c '. "$1"; COMP_WORDS=(utables tr); COMP_CWORD=1; _utables
		echo "${COMPREPLY[*]}"' sh "$comp")
	[ "$got" = trace ] && ok || bad "completion of 'utables tr': '$got'"
	got=$(bash -c '. "$1"; COMP_WORDS=(utables run --ch); COMP_CWORD=2
		_utables; echo "${COMPREPLY[*]}"' sh "$comp")
	[ "$got" = --check ] && ok || bad "completion of 'utables run --ch': '$got'"
else
	skipped 2 "completion checks (no bash)"
fi

# ---- manual pages: rendered without a warning, every command and
# option of the help in them
if command -v man > /dev/null && command -v groff > /dev/null; then
	for page in utables utables-run utables-trace; do
		f=$p/share/man/man1/$page.1
		MANWIDTH=80 man --warnings -l "$f" > "$tmp/$page.txt" 2> "$tmp/man.err"
		if [ -s "$tmp/man.err" ] || [ ! -s "$tmp/$page.txt" ]; then
			bad "man --warnings $page:"; sed 's/^/    /' "$tmp/man.err"
		else ok; fi
	done
	# options as the help lists them ("  --opt ..."), in the page of
	# that command (man hyphenates nothing in option names: -l output
	# is plain text with the options as written)
	for cmd in run trace; do
		for opt in $("$p/bin/utables" $cmd --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p'); do
			grep -q -- "$opt" "$tmp/utables-$cmd.txt" && ok ||
				bad "utables-$cmd(1) does not describe $opt"
		done
	done
	for cmd in $("$p/bin/utables" help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'); do
		grep -q -- "^       $cmd" "$tmp/utables.txt" && ok ||
			bad "utables(1) does not describe the command $cmd"
	done
	for sub in export check show get; do
		grep -q -- "host $sub" "$tmp/utables.txt" && ok ||
			bad "utables(1) does not describe host $sub"
	done
else
	skipped 3 "manual page checks (need man-db and groff)"
fi

# ---- README's set-up command, with stubs for what it runs
cmdline=$(sed -n '/^## Set up/,/^## /p' "$root/README.md" |
	sed -n '/^```sh$/{n;p;q;}')
[ -n "$cmdline" ] && ok || bad "no set-up command in README.md"
mkdir -p "$tmp/stubs" "$tmp/work/examples"
for t in apt-get cmake ninja; do
	printf '#!/bin/sh\necho "%s $*" >> "%s/calls"\n' "$t" "$tmp" > "$tmp/stubs/$t"
	chmod +x "$tmp/stubs/$t"
done
printf '#!/bin/sh\necho "example $*" >> "%s/calls"\n' "$tmp" > "$tmp/work/examples/run-example.sh"
chmod +x "$tmp/work/examples/run-example.sh"
# as root without sudo: only the stubs (and no sudo) on PATH
(cd "$tmp/work" && PATH="$tmp/stubs" /bin/sh -c "$cmdline") > "$tmp/readme.out" 2>&1
rc=$?
[ $rc -eq 0 ] && [ "$(grep -c . "$tmp/calls")" -eq 5 ] &&
	grep -q '^example build$' "$tmp/calls" && ! grep -q sudo "$tmp/readme.out" && ok ||
	bad "README's command without sudo: status $rc, $(cat "$tmp/readme.out" "$tmp/calls")"
# as a user with sudo: apt-get through sudo, the build without
rm -f "$tmp/calls"
mkdir -p "$tmp/stubs-sudo"
cp "$tmp/stubs/"* "$tmp/stubs-sudo/"
printf '#!/bin/sh\necho "sudo $*" >> "%s/calls"\n' "$tmp" > "$tmp/stubs-sudo/sudo"
chmod +x "$tmp/stubs-sudo/sudo"
(cd "$tmp/work" && PATH="$tmp/stubs-sudo" /bin/sh -c "$cmdline") > "$tmp/readme.out" 2>&1
[ "$(grep -c '^sudo .*apt-get' "$tmp/calls")" -eq 2 ] &&
	! grep -q '^sudo cmake\|^sudo ninja' "$tmp/calls" && ok ||
	bad "README's command with sudo: $(cat "$tmp/calls")"

if [ $skip = 0 ]; then
	echo "$pass passed, $fail failed"
else
	echo "${why#?}"
	echo "$pass passed, $fail failed, $skip skipped"
fi
[ $fail -eq 0 ]
