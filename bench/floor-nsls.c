// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * floor-nsls - the least work of a namespace listing: readlink every
 * /proc/PID/ns/* entry and count the distinct namespaces. No output but the
 * count, no process details, no other discovery path.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const entries[] = {"cgroup", "ipc",  "mnt",  "net",  "pid", "pid_for_children",
				      "time",   "time_for_children", "user", "uts"};

#define SETSIZE (1 << 16)
static char *set[SETSIZE];

static int add(const char *link)
{
	unsigned long h = 5381;

	for (const char *p = link; *p; p++)
		h = h * 33 + (unsigned char)*p;
	for (unsigned long i = h & (SETSIZE - 1);; i = (i + 1) & (SETSIZE - 1)) {
		if (!set[i]) {
			set[i] = strdup(link);
			return 1;
		}
		if (strcmp(set[i], link) == 0)
			return 0;
	}
}

int main(void)
{
	DIR *proc = opendir("/proc");
	struct dirent *d;
	char path[64], link[64];
	int count = 0;

	if (!proc)
		return 1;
	while ((d = readdir(proc))) {
		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
			ssize_t n;

			snprintf(path, sizeof(path), "%s/ns/%s", d->d_name, entries[i]);
			n = readlinkat(dirfd(proc), path, link, sizeof(link) - 1);
			if (n <= 0)
				continue;
			link[n] = '\0';
			count += add(link);
		}
	}
	closedir(proc);
	printf("%d\n", count);
	return 0;
}
