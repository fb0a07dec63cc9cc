// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * floor-nspin - the least a pin tool can do, for `make bench`:
 *   floor-nspin add FILE   create FILE, unshare a net namespace and bind-mount
 *                          /proc/self/ns/net on it;
 *   floor-nspin del FILE   detach and remove it;
 *   floor-nspin ls         print the nsfs lines of /proc/self/mountinfo.
 * No checks, no messages, no undo: the system calls alone.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "add") == 0) {
		close(open(argv[2], O_RDONLY | O_CREAT | O_EXCL, 0444));
		if (unshare(CLONE_NEWNET) < 0)
			return 1;
		return mount("/proc/self/ns/net", argv[2], NULL, MS_BIND, NULL) < 0;
	}
	if (argc == 3 && strcmp(argv[1], "del") == 0)
		return umount2(argv[2], MNT_DETACH) < 0 || unlink(argv[2]) < 0;
	if (argc == 2 && strcmp(argv[1], "ls") == 0) {
		FILE *f = fopen("/proc/self/mountinfo", "r");
		char line[8192];

		while (f && fgets(line, sizeof(line), f))
			if (strstr(line, " - nsfs "))
				fputs(line, stdout);
		return 0;
	}
	return 2;
}
