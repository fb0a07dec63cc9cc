// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-pid - PID text (-p PID, -t PID, REF arguments that are numbers). */
#include <errno.h>
#include <limits.h>

#include "fuzz.h"
#include "proc.h"
#include "ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	pid_t pid = -1;
	int r = nsk_parse_pid(s, &pid);

	if (r == 0) {
		/* Only digits, a value in 1..INT_MAX, the value strtoull sees. */
		FUZZ_ASSERT(pid > 0);
		FUZZ_ASSERT(strspn(s, "0123456789") == strlen(s));
		FUZZ_ASSERT(strtoull(s, NULL, 10) == (unsigned long long)pid);
	} else {
		FUZZ_ASSERT(r == -EINVAL || r == -ERANGE);
		FUZZ_ASSERT(pid == -1);
	}
	/* The hints look at the same text. */
	(void)nsk_ref_hint(-ENOENT, s);
	(void)nsk_ref_hint(-ESRCH, s);
	free(s);
	return 0;
}
