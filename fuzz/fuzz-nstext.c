// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-nstext - "TYPE:[INODE]", as readlink /proc/PID/ns/TYPE prints it. */
#include <errno.h>
#include <stdio.h>

#include "fuzz.h"
#include "nsfs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	enum nsk_type type = NSK_NTYPES;
	ino_t ino = 0;
	int r = nsk_ns_parse_text(s, &type, &ino);

	if (r == 0) {
		char again[64];
		unsigned long long v;
		char *end;

		FUZZ_ASSERT(type < NSK_NTYPES && ino != 0);
		/* What was parsed is what the text says, up to leading zeros
		 * and the alias "mount". */
		end = strchr(s, '[');
		FUZZ_ASSERT(end != NULL);
		v = strtoull(end + 1, NULL, 10);
		FUZZ_ASSERT(v == (unsigned long long)ino);
		snprintf(again, sizeof(again), "%s:[%llu]", nsk_types[type].name,
			 (unsigned long long)ino);
		FUZZ_ASSERT(nsk_ns_parse_text(again, &type, &ino) == 0 && ino == v);
	} else {
		FUZZ_ASSERT(r == -EINVAL);
	}
	free(s);
	return 0;
}
