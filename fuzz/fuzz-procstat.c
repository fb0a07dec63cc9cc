// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * fuzz-procstat - the parsers of /proc/PID/stat (comm may hold spaces,
 * parentheses and newlines: a process names itself) and /proc/PID/cmdline,
 * fed from a directory that stands in for /proc.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "proc.h"

static char fakeproc[] = "/tmp/nsk-fuzz-proc.XXXXXX";
static int procfd = -1;

static void cleanup(void)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fakeproc);
	if (system(cmd) != 0)
		fprintf(stderr, "fuzz-procstat: cannot remove %s\n", fakeproc);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[64];

	(void)argc;
	(void)argv;
	if (!mkdtemp(fakeproc))
		abort();
	atexit(cleanup);
	snprintf(path, sizeof(path), "%s/42", fakeproc);
	if (mkdir(path, 0755) < 0)
		abort();
	procfd = open(fakeproc, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (procfd < 0)
		abort();
	return 0;
}

static void put(const char *name, const uint8_t *data, size_t size)
{
	int fd = openat(procfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd) < 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nsk_proc_info info;
	char cmdline[256];
	size_t len;
	int r;

	put("42/stat", data, size);
	put("42/cmdline", data, size);
	memset(&info, 0x55, sizeof(info));
	r = nsk_proc_info(procfd, 42, &info);
	if (r == 0) {
		FUZZ_ASSERT(info.pid == 42);
		FUZZ_ASSERT(memchr(info.comm, '\0', sizeof(info.comm)));
	} else {
		FUZZ_ASSERT(r == -EINVAL);
	}
	/* A short buffer, and one as long as the input says. */
	len = 4 + size % (sizeof(cmdline) - 4);
	r = nsk_proc_cmdline(procfd, 42, cmdline, len);
	if (r == 0)
		FUZZ_ASSERT(strlen(cmdline) < len);
	r = nsk_proc_cmdline(procfd, 42, cmdline, sizeof(cmdline));
	if (r == 0)
		FUZZ_ASSERT(strlen(cmdline) < sizeof(cmdline));
	return 0;
}
