// SPDX-License-Identifier: MIT
/*
 * helper_proto.c — the rows of helper_proto.h: each helper's arguments, in
 * order, named as the uapi documentation of the helper names them.
 */
#include <string.h>

#include "src/rules/helper_proto.h"

static const struct helper_proto protos[] = {
	{ "bpf_map_lookup_elem", 2, { "map", "key" } },
	{ "bpf_map_update_elem", 4, { "map", "key", "value", "flags" } },
	{ "bpf_map_delete_elem", 2, { "map", "key" } },
	{ "bpf_map_push_elem", 3, { "map", "value", "flags" } },
	{ "bpf_map_pop_elem", 2, { "map", "value" } },
	{ "bpf_map_peek_elem", 2, { "map", "value" } },
	{ "bpf_probe_read", 3, { "dst", "size", "unsafe_ptr" } },
	{ "bpf_probe_read_user", 3, { "dst", "size", "unsafe_ptr" } },
	{ "bpf_probe_read_kernel", 3, { "dst", "size", "unsafe_ptr" } },
	{ "bpf_probe_read_user_str", 3, { "dst", "size", "unsafe_ptr" } },
	{ "bpf_probe_read_kernel_str", 3, { "dst", "size", "unsafe_ptr" } },
	{ "bpf_copy_from_user", 3, { "dst", "size", "user_ptr" } },
	{ "bpf_ktime_get_ns", 0, { 0 } },
	{ "bpf_ktime_get_boot_ns", 0, { 0 } },
	{ "bpf_get_prandom_u32", 0, { 0 } },
	{ "bpf_get_smp_processor_id", 0, { 0 } },
	{ "bpf_get_current_pid_tgid", 0, { 0 } },
	{ "bpf_get_current_uid_gid", 0, { 0 } },
	{ "bpf_get_current_task", 0, { 0 } },
	{ "bpf_get_current_comm", 2, { "buf", "size_of_buf" } },
	{ "bpf_trace_printk", 3, { "fmt", "fmt_size", "arg1" } },
	{ "bpf_tail_call", 3, { "ctx", "prog_array_map", "index" } },
	{ "bpf_perf_event_output", 5, { "ctx", "map", "flags", "data", "size" } },
	{ "bpf_skb_load_bytes", 4, { "skb", "offset", "to", "len" } },
	{ "bpf_skb_store_bytes", 5, { "skb", "offset", "from", "len", "flags" } },
	{ "bpf_redirect", 2, { "ifindex", "flags" } },
	{ "bpf_xdp_adjust_head", 2, { "xdp_md", "delta" } },
	{ "bpf_ringbuf_output", 4, { "ringbuf", "data", "size", "flags" } },
	{ "bpf_ringbuf_reserve", 3, { "ringbuf", "size", "flags" } },
	{ "bpf_ringbuf_submit", 2, { "data", "flags" } },
	{ "bpf_ringbuf_discard", 2, { "data", "flags" } },
	{ "bpf_spin_lock", 1, { "lock" } },
	{ "bpf_spin_unlock", 1, { "lock" } },
	{ "bpf_timer_init", 3, { "timer", "map", "flags" } },
	{ "bpf_timer_set_callback", 2, { "timer", "callback_fn" } },
	{ "bpf_timer_start", 3, { "timer", "nsecs", "flags" } },
	{ "bpf_timer_cancel", 1, { "timer" } },
	{ "bpf_loop", 4, { "nr_loops", "callback_fn", "callback_ctx", "flags" } },
	{ "bpf_for_each_map_elem", 4, { "map", "callback_fn", "callback_ctx", "flags" } },
	{ "bpf_dynptr_from_mem", 4, { "data", "size", "flags", "ptr" } },
	{ "bpf_send_signal", 1, { "sig" } },
};

const struct helper_proto *helper_proto_lookup(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (!strcmp(protos[i].name, name) ||
		    (strncmp(name, "bpf_", 4) && !strcmp(protos[i].name + 4, name)))
			return &protos[i];
	return NULL;
}
