// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * setnshook.so - an LD_PRELOAD shim: before the first setns(2) of the
 * process, run the shell command $NSK_SETNS_HOOK and wait for it. Lets a
 * test act between nsjoin's resolution of a target and its join (kill the
 * target, reuse its PID, inspect nsjoin) without sleeping.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sched.h>
#include <stdlib.h>

int setns(int fd, int nstype)
{
	static int (*real)(int, int);
	static int done;
	const char *hook = getenv("NSK_SETNS_HOOK");

	if (!real)
		real = (int (*)(int, int))dlsym(RTLD_NEXT, "setns");
	if (hook && !done) {
		done = 1;
		if (system(hook) != 0)
			abort();
	}
	return real(fd, nstype);
}
