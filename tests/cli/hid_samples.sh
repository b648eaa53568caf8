#!/bin/sh
# The HID-BPF samples (samples/hid/): the recording kernel has no
# CONFIG_HID_BPF, so they have no logs and are taught from the object
# alone. `veristep report OBJ` must predict what each header expects: the
# verdict (no refusal, or a refusal), the first refusal (its message and
# the subprog it sits in, marked as where the verifier stops), the later
# ones marked "also, if fixed", and each subprog's sleepable context.
. "$(dirname "$0")/../lib.sh"

for src in "$TOP"/samples/hid/*.bpf.c; do
	name=$(basename "$src" .bpf.c)
	obj=$TOP/samples/hid/$name.bpf.o
	[ -f "$obj" ] || { test_skip "$name" "no object"; continue; }
	verdict=$(sed -n 's|^// EXPECT-VERDICT: *||p' "$src")
	first=$(sed -n 's|^// EXPECT-ERROR: *||p' "$src" | head -n 1)
	where=$(sed -n 's|^// EXPECT-VIOLATION-SUBPROG: *||p' "$src")
	"$VERISTEP" report "$obj" >"$TMPD/$name.out" 2>&1
	if [ "$verdict" = accepted ]; then
		test_expect_success "$name: predicted to load (no refusal)" "
			grep -qx 'predicted from the object (Linux [0-9.]* rules): no refusal' '$name.out' ||
				{ cat '$name.out'; exit 1; }
		"
	else
		test_expect_success "$name: the first predicted refusal is the header's" "
			line=\$(grep -m1 '^  refusal at ' '$name.out') &&
			case \"\$line\" in
			*': $first'|*': $first (the verifier stops here)') ;;
			*) cat '$name.out'; exit 1 ;;
			esac
		"
		if [ -n "$where" ]; then
			test_expect_success "$name: it sits in $where" "
				insn=\$(grep -m1 '^  refusal at insn ' '$name.out' | sed 's/^  refusal at insn \\([0-9]*\\):.*/\\1/') &&
				grep -q \"^  insn \$insn in $where: VIOLATION: \" '$name.out'
			"
		fi
		sed -n 's|^// EXPECT-ALSO-IF-FIXED: *||p' "$src" >"$TMPD/$name.also"
		if [ -s "$TMPD/$name.also" ]; then
			test_expect_success "$name: the verifier stops at the first; the later ones are 'also, if fixed'" "
				grep -q '^  refusal at .* (the verifier stops here)\$' '$name.out' &&
				[ \$(grep -c '^  refusal at ' '$name.out') = 1 ] &&
				while read -r call; do
					grep -q \"^  also, if fixed: refusal at insn [0-9]*: .*\$call\" '$name.out' ||
						{ echo \"no 'also, if fixed' for \$call\"; cat '$name.out'; exit 1; }
				done <'$name.also'
			"
		else
			test_expect_success "$name: one refusal, nothing after it" "
				[ \$(grep -c '^  refusal at \\|^  also, if fixed: ' '$name.out') = 1 ]
			"
		fi
	fi
	sed -n 's|^// EXPECT-CONTEXT: *||p' "$src" >"$TMPD/$name.ctx"
	while read -r sp ctx; do
		test_expect_success "$name: $sp is predicted $ctx" "
			line=\$(grep '^  func#[0-9]* @[0-9]* $sp ' '$name.out') &&
			got=\$(printf '%s\n' \"\$line\" | sed -n 's/.* contexts: \\([a-z, -]*\\).*/\\1/p' |
				sed 's/ may sleep\$//; s/ does not sleep\$//' | tr ',' '\n' | tr -d ' ') &&
			printf '%s\n' \"\$got\" | grep -qx '$ctx' || { echo \"\$line\"; exit 1; }
		"
	done <"$TMPD/$name.ctx"
	test_expect_success "$name: the header says why it has no log" "
		grep -q '^// NEEDS: CONFIG_HID_BPF' '$src'
	"
done

# the kernel's refusal of hid_sleepable_event_rej, as check_struct_ops_btf_id()
# prints it (then the stats, 0 insns): classified, and explained from the table
printf '%s\n' 'attach to unsupported member hid_device_event of struct hid_bpf_ops' \
	'verification time 5 usec' 'stack depth 0' \
	'processed 0 insns (limit 1000000) max_states_per_insn 0 total_states 0 peak_states 0 mark_read 0' \
	>"$TMPD/sleepy.log"
test_expect_success "hid_sleepable_event_rej: the kernel's refusal is explained by the member rows" "
	\"\$VERISTEP\" report '$TOP/samples/hid/hid_sleepable_event_rej.bpf.o' sleepy.log >sleepy.out &&
	grep -q '^  kind: struct_ops member refused' sleepy.out &&
	grep -q \"hid_bpf_ops's check_member lets BPF_F_SLEEPABLE .* only for hid_rdesc_fixup, hid_hw_request, hid_hw_output_report, hid_driver_probe. hid_device_event is not one of them\" sleepy.out ||
		{ cat sleepy.out; exit 1; }
"
test_done
