// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-signal - signal names of nsunshare --kill-child=SIG ("KILL",
 * "SIGKILL", "9"). The parser is private to the tool, so the tool's source is
 * compiled in here with its main() renamed.
 */
#include <errno.h>
#include <signal.h>

#include "fuzz.h"

#define main nsunshare_main
#include "../tools/nsunshare.c"
#undef main

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	int sig = parse_signal(s);

	FUZZ_ASSERT(sig == -EINVAL || (sig > 0 && sig < NSIG));
	free(s);
	return 0;
}
