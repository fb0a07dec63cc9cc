// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-setup - the process set-up options shared by nsunshare, nsclone and
 * nsjoin: -S/-G ids, --env, --hostname, --monotonic/--boottime offsets,
 * --propagation, --load-interp. One option per line, the first byte of each
 * line picks it.
 */
#include <errno.h>
#include <stdio.h>

#include "fuzz.h"
#include "setup.h"

static const int opts[] = {
	NSK_OPT_ROOT,	     NSK_OPT_WD,	 'S',		    'G',
	NSK_OPT_KEEP_CAPS,   NSK_OPT_ENV,	 NSK_OPT_CLEARENV,  NSK_OPT_HOSTNAME,
	NSK_OPT_MOUNT_PROC,  NSK_OPT_MONOTONIC,	 NSK_OPT_BOOTTIME,  NSK_OPT_PROPAGATION,
	NSK_OPT_LOAD_INTERP, 'x',
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct nsk_setup st = {0};
	struct nsk_err e = {.hint = NULL};
	struct timespec ts;
	char *line, *save = NULL;

	if (nsk_parse_offset(s, &ts) == 0)
		FUZZ_ASSERT(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	for (line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int c = opts[(unsigned char)line[0] % (sizeof(opts) / sizeof(opts[0]))];
		int r = nsk_setup_opt(&st, c, line + 1, &e);

		FUZZ_ASSERT(r == 1 || (r == 0 && c == 'x') || r == -EINVAL || r == -ENOMEM);
		if (r < 0)
			FUZZ_ASSERT(e.what[0] && memchr(e.what, '\0', sizeof(e.what)));
	}
	if (st.has_monotonic)
		FUZZ_ASSERT(st.monotonic.tv_nsec >= 0 && st.monotonic.tv_nsec < 1000000000);
	if (st.hostname)
		FUZZ_ASSERT(strlen(st.hostname) <= 64);
	for (size_t i = 0; i < st.nenv; i++)
		FUZZ_ASSERT(strchr(st.env[i], '=') && st.env[i][0] != '=');
	nsk_setup_free(&st);
	free(s);
	return 0;
}
