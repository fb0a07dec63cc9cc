// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * setnshook.so - an LD_PRELOAD shim for setns(2), for nsjoin's tests:
 * - $NSK_SETNS_HOOK: a shell command run (and waited for) before the first
 *   setns of the process, to act between nsjoin's resolution of a target and
 *   its join (kill the target, reuse its PID, inspect nsjoin) without sleeps;
 * - $NSK_SETNS_NO_PIDFD: setns on anything but an nsfs file fails with
 *   EINVAL, as on kernels before 5.8, which take no pidfd.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/vfs.h>

#define NSFS_MAGIC 0x6e736673

int setns(int fd, int nstype)
{
	static int (*real)(int, int);
	static int done;
	const char *hook = getenv("NSK_SETNS_HOOK");
	struct statfs sfs;

	if (!real)
		real = (int (*)(int, int))dlsym(RTLD_NEXT, "setns");
	if (hook && !done) {
		done = 1;
		if (system(hook) != 0)
			abort();
	}
	if (getenv("NSK_SETNS_NO_PIDFD") &&
	    (fstatfs(fd, &sfs) < 0 || (unsigned long)sfs.f_type != NSFS_MAGIC)) {
		errno = EINVAL;
		return -1;
	}
	return real(fd, nstype);
}
