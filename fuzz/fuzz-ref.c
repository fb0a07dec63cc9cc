// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-ref - namespace references (SPEC §1): PIDs, "TYPE:[INODE]", pin names
 * and paths, resolved for real, then opened for every type and closed again,
 * with no fd left behind.
 *
 * The paths that reach open(2) are kept inside a sandbox directory made at
 * start-up (a pin directory of symlinks to our own namespaces, a FIFO, a
 * symlink loop, a regular file) and /proc/self/{ns,fd}: opening an arbitrary
 * path as root could have side effects (a watchdog device, a tape rewinding).
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "ref.h"

static char sandbox[] = "/tmp/nsk-fuzz-ref.XXXXXX";

static void cleanup(void)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", sandbox);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz-ref: cannot remove %s\n", sandbox);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!mkdtemp(sandbox) || chdir(sandbox) < 0)
		abort();
	atexit(cleanup);
	if (mkdir("pins", 0755) < 0 || mkdir("pins/box", 0755) < 0 || mkdir("empty", 0755) < 0 ||
	    symlink("/proc/self/ns/net", "pins/box/net") < 0 ||
	    symlink("/proc/self/ns/uts", "pins/box/uts") < 0 ||
	    /* a file named like a type that holds another type */
	    symlink("/proc/self/ns/ipc", "pins/box/mnt") < 0 ||
	    symlink("/proc/self/ns/user", "pins/user") < 0 || symlink("loop", "loop") < 0 ||
	    mkfifo("fifo", 0600) < 0 || symlink("/proc/self/ns", "nsdir") < 0)
		abort();
	FILE *f = fopen("file", "w");

	if (!f || fputs("net:[4026531840]\n", f) < 0 || fclose(f) != 0)
		abort();
	setenv("NSPIN_DIR", "pins", 1);
	return 0;
}

/* Paths outside the sandbox are cut off before they reach open(2). */
static bool allowed(const char *s)
{
	if (strstr(s, ".."))
		return false;
	if (s[0] != '/')
		return true;
	return strncmp(s, "/proc/self/ns/", 14) == 0 || strncmp(s, "/proc/self/fd/", 14) == 0 ||
	       strncmp(s, sandbox, strlen(sandbox)) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);
	struct nsk_ref ref;
	int lowest = fuzz_lowest_fd();
	int r;

	if (!allowed(s)) {
		free(s);
		return -1; /* not worth keeping in the corpus */
	}
	r = nsk_ref_resolve(s, &ref);
	if (r == 0) {
		unsigned int types = nsk_ref_types(&ref);

		FUZZ_ASSERT((types & ~NSK_ALL_TYPES) == 0);
		FUZZ_ASSERT(ref.kind != NSK_REF_FILE || ref.ns.type < NSK_NTYPES);
		for (int t = 0; t < NSK_NTYPES; t++)
			for (int children = 0; children < 2; children++) {
				int fd = nsk_ref_open(&ref, t, children);

				if (fd >= 0)
					close(fd);
			}
	} else {
		/* A failure holds nothing, and there is a hint or none. */
		FUZZ_ASSERT(ref.fd == -1 && ref.pidfd == -1);
		(void)nsk_ref_hint(r, s);
	}
	nsk_ref_close(&ref);
	FUZZ_ASSERT(fuzz_lowest_fd() == lowest);
	free(s);
	return 0;
}
