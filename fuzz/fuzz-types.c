// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-types - type lists (-t net,uts,all), type names, =FILE and flag names. */
#include <errno.h>
#include <stdio.h>

#include "fuzz.h"
#include "nstype.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	unsigned long long flags = 0;
	const char *bad = NULL, *file;
	unsigned int mask = ~0u;
	char buf[64];
	int r, t;

	r = nsk_types_parse(s, &mask, &bad);
	if (r == 0) {
		FUZZ_ASSERT(mask != 0 && (mask & ~NSK_ALL_TYPES) == 0);
	} else {
		FUZZ_ASSERT(r == -EINVAL && bad != NULL);
		FUZZ_ASSERT(strlen(bad) < 64);
	}
	t = nsk_type_from_name(s);
	FUZZ_ASSERT(t == -EINVAL || (t >= 0 && t < NSK_NTYPES));
	if (t >= 0) {
		/* A name that parses alone is a one-type list. */
		FUZZ_ASSERT(nsk_types_parse(s, &mask, &bad) == 0 && mask == NSK_TYPE_BIT(t));
	}
	file = nsk_type_optarg(s);
	FUZZ_ASSERT(file && (file == s || file == s + 1));

	/* Flag names into a buffer as short as the input says. */
	memcpy(&flags, data, size < sizeof(flags) ? size : sizeof(flags));
	nsk_flags_str(flags, buf, size % sizeof(buf));
	if (size % sizeof(buf))
		FUZZ_ASSERT(strlen(buf) < size % sizeof(buf));
	free(s);
	return 0;
}
