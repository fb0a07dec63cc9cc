// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * remount PATH - try to make the bind mount at PATH writable again:
 * mount(NULL, PATH, NULL, MS_REMOUNT|MS_BIND, NULL). Prints "ok" or the errno
 * name and exits 0 or 1, so that a test can assert that a read-only bind
 * stays read-only.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	/* flushed at once: a sanitizer build may die at exit with no /proc */
	if (mount(NULL, argv[1], NULL, MS_REMOUNT | MS_BIND, NULL) < 0) {
		printf("%s\n", strerrorname_np(errno));
		fflush(stdout);
		return 1;
	}
	printf("ok\n");
	fflush(stdout);
	return 0;
}
