// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * floor-nsls-complete [-p] - the least work of complete namespace discovery,
 * written the plain way: for every process readlink each /proc/PID/ns entry,
 * the same for each other thread in /proc/PID/task, readlink each fd in
 * /proc/PID/fd (sockets through pidfd_getfd + SIOCGSKNS), the nsfs lines of the
 * mountinfo of one process per mount namespace, then NS_GET_USERNS and
 * NS_GET_PARENT from every namespace found until nothing new appears.
 * Prints the count of distinct namespaces (-p: "TYPE INODE" of each).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *const types[] = {"cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts"};
static const char *const entries[] = {"cgroup", "ipc",  "mnt",  "net",  "pid", "pid_for_children",
				      "time",   "time_for_children", "user", "uts"};
#define NTYPES 8
#define T_MNT 2
#define T_NET 3
#define T_PID 4
#define T_USER 6
#define NS_GET_USERNS 0xb701
#define NS_GET_PARENT 0xb702
#define SIOCGSKNS 0x894C

struct ns {
	int type;
	unsigned long ino;
	char *path; /* a path that opens it, or NULL */
	int done;
};

#define SETSIZE (1 << 16)
static struct ns set[SETSIZE];
static struct ns *order[SETSIZE];
static int count;

static struct ns *add(int type, unsigned long ino, const char *path)
{
	unsigned long i = (ino * 8 + (unsigned long)type) * 2654435761UL & (SETSIZE - 1);

	for (;; i = (i + 1) & (SETSIZE - 1)) {
		if (!set[i].ino) {
			set[i] = (struct ns){type, ino, path ? strdup(path) : NULL, 0};
			order[count++] = &set[i];
			return &set[i];
		}
		if (set[i].ino == ino && set[i].type == type) {
			if (!set[i].path && path)
				set[i].path = strdup(path);
			return &set[i];
		}
	}
}

/* "net:[4026531840]" -> type and inode; -1 when not a namespace. */
static int parse(const char *link, unsigned long *ino)
{
	const char *b = strchr(link, '[');

	if (!b || b == link || b[-1] != ':')
		return -1;
	for (int t = 0; t < NTYPES; t++)
		if ((size_t)(b - 1 - link) == strlen(types[t]) &&
		    strncmp(link, types[t], b - 1 - link) == 0) {
			*ino = strtoul(b + 1, NULL, 10);
			return t;
		}
	return -1;
}

static void read_links(int procfd, const char *dir)
{
	char path[128], link[160];

	for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
		unsigned long ino;
		ssize_t n;
		int t;

		snprintf(path, sizeof(path), "%s/%s", dir, entries[i]);
		n = readlinkat(procfd, path, link, sizeof(link) - 1);
		if (n <= 0)
			continue;
		link[n] = '\0';
		t = parse(link, &ino);
		if (t >= 0) {
			snprintf(link, sizeof(link), "/proc/%s", path);
			add(t, ino, link);
		}
	}
}

static void closure(int fd, struct ns *e)
{
	struct stat st;

	e->done = 1;
	for (int up = 0; up < 2; up++) {
		int u;

		if (up == 1 && e->type != T_PID && e->type != T_USER)
			break;
		u = ioctl(fd, up ? NS_GET_PARENT : NS_GET_USERNS);
		if (u < 0)
			continue;
		if (fstat(u, &st) == 0) {
			struct ns *o = add(up ? e->type : T_USER, st.st_ino, NULL);

			if (!o->done)
				closure(u, o);
		}
		close(u);
	}
}

int main(int argc, char **argv)
{
	int print = argc > 1 && strcmp(argv[1], "-p") == 0;
	DIR *proc = opendir("/proc");
	struct dirent *d;
	char path[4200], link[4300];

	if (!proc)
		return 1;
	while ((d = readdir(proc))) {
		DIR *sub;
		struct dirent *e;
		int pidfd = -1;

		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "%s/ns", d->d_name);
		read_links(dirfd(proc), path);
		snprintf(path, sizeof(path), "/proc/%s/task", d->d_name);
		if ((sub = opendir(path))) {
			while ((e = readdir(sub)))
				if (e->d_name[0] != '.' && strcmp(e->d_name, d->d_name) != 0) {
					snprintf(path, sizeof(path), "%s/task/%s/ns", d->d_name,
						 e->d_name);
					read_links(dirfd(proc), path);
				}
			closedir(sub);
		}
		snprintf(path, sizeof(path), "/proc/%s/fd", d->d_name);
		if ((sub = opendir(path))) {
			while ((e = readdir(sub))) {
				unsigned long ino;
				ssize_t n;
				int t;

				if (e->d_name[0] == '.')
					continue;
				snprintf(path, sizeof(path), "%s/fd/%s", d->d_name, e->d_name);
				n = readlinkat(dirfd(proc), path, link, sizeof(link) - 1);
				if (n <= 0 || link[0] == '/')
					continue;
				link[n] = '\0';
				if (strncmp(link, "socket:", 7) == 0) {
					int s, ns;
					struct stat st;

					if (pidfd == -1)
						pidfd = (int)syscall(SYS_pidfd_open, atoi(d->d_name), 0);
					s = pidfd < 0 ? -1
						      : (int)syscall(SYS_pidfd_getfd, pidfd,
								     atoi(e->d_name), 0);
					ns = s < 0 ? -1 : ioctl(s, SIOCGSKNS);
					if (ns >= 0 && fstat(ns, &st) == 0) {
						struct ns *x = add(T_NET, st.st_ino, NULL);

						if (!x->done)
							closure(ns, x);
					}
					if (ns >= 0)
						close(ns);
					if (s >= 0)
						close(s);
					continue;
				}
				t = parse(link, &ino);
				if (t >= 0) {
					snprintf(link, sizeof(link), "/proc/%s", path);
					add(t, ino, link);
				}
			}
			closedir(sub);
		}
		if (pidfd >= 0)
			close(pidfd);
	}
	closedir(proc);

	/* One mountinfo per mount namespace; owners and parents of all. */
	for (int k = 0; k < count; k++) {
		struct ns *e = order[k];
		int fd;

		if (e->type == T_MNT && e->path && strstr(e->path, "/ns/")) {
			int pid = atoi(e->path + 6);
			char line[4096], root[256], mp[4096];
			FILE *f;

			snprintf(path, sizeof(path), "/proc/%d/mountinfo", pid);
			if ((f = fopen(path, "re"))) {
				while (fgets(line, sizeof(line), f)) {
					unsigned long ino;
					int t;

					if (!strstr(line, " - nsfs ") ||
					    sscanf(line, "%*s %*s %*s %255s %4095s", root, mp) != 2)
						continue;
					t = parse(root, &ino);
					if (t >= 0) {
						snprintf(path, sizeof(path), "/proc/%d/root%s", pid, mp);
						add(t, ino, path);
					}
				}
				fclose(f);
			}
		}
		if (e->done || !e->path)
			continue;
		fd = open(e->path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			closure(fd, e);
			close(fd);
		}
	}
	if (print)
		for (int k = 0; k < count; k++)
			printf("%s %lu\n", types[order[k]->type], order[k]->ino);
	else
		printf("%d\n", count);
	return 0;
}
