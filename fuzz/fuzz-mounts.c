// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-mounts - the mount specs of nsclone: --bind/--ro-bind SRC[:DST],
 * --tmpfs DST[:OPTIONS], and the flag names of the -v trace. */
#include <errno.h>

#include "fuzz.h"
#include "mounts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum nsk_mount_kind kinds[] = {
		NSK_MOUNT_BIND, NSK_MOUNT_RO_BIND, NSK_MOUNT_TMPFS,
		NSK_MOUNT_DEV,	NSK_MOUNT_SYS,	   NSK_MOUNT_PROC,
	};
	unsigned long flags = 0;
	char buf[48];

	if (size < 1)
		return 0;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		char *s = fuzz_str(data + 1, size - 1);
		size_t len = strlen(s);
		struct nsk_mount_op op;
		int r = nsk_mount_op_parse(&op, kinds[k], s);

		if (r == 0) {
			/* Everything points into the argument, and nothing is empty. */
			FUZZ_ASSERT(op.kind == kinds[k] && op.dst && *op.dst);
			FUZZ_ASSERT(op.dst >= s && op.dst <= s + len);
			if (op.src)
				FUZZ_ASSERT(*op.src && op.src >= s && op.src <= s + len);
			if (op.data)
				FUZZ_ASSERT(op.data > s && op.data <= s + len);
		} else {
			FUZZ_ASSERT(r == -EINVAL);
		}
		free(s);
	}
	memcpy(&flags, data, size < sizeof(flags) ? size : sizeof(flags));
	nsk_mount_flags_str(flags, buf, data[0] % sizeof(buf));
	return 0;
}
