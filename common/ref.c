// SPDX-License-Identifier: GPL-2.0-or-later
/* ref.c - resolve the namespace references of SPEC §1. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compat.h"
#include "proc.h"
#include "ref.h"

const char *nsk_pin_dir(void)
{
	const char *dir = getenv("NSPIN_DIR");

	return dir && *dir ? dir : "/run/nspin";
}

static int copy_path(struct nsk_ref *ref, const char *path)
{
	if (strlen(path) >= sizeof(ref->path))
		return -ENAMETOOLONG;
	strcpy(ref->path, path);
	return 0;
}

/* Does DIRFD hold at least one namespace file named by its type? */
static bool dir_has_pins(int dirfd)
{
	for (int t = 0; t < NSK_NTYPES; t++) {
		int fd = nsk_ns_openat(dirfd, nsk_types[t].name);

		if (fd >= 0) {
			close(fd);
			return true;
		}
	}
	return false;
}

static int resolve_path(const char *path, struct nsk_ref *ref)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	int r;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		r = -errno;
		goto fail;
	}
	r = copy_path(ref, path);
	if (r < 0)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		if (!dir_has_pins(fd)) {
			r = -ENOTDIR;
			goto fail;
		}
		ref->kind = NSK_REF_DIR;
		ref->fd = fd;
		return 0;
	}
	r = nsk_ns_identify(fd, &ref->ns);
	if (r < 0)
		goto fail;
	ref->kind = NSK_REF_FILE;
	ref->fd = fd;
	return 0;
fail:
	close(fd);
	return r;
}

/* Undoes mountinfo's octal escapes (\040 for a space) in place. */
static void unescape_octal(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*w++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 3;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

/* A bind mount of WANT ("net:[4026532182]") in the mount namespace of PID,
 * from /proc/PID/mountinfo (root field WANT, type nsfs), opened through
 * /proc/PID/root. Returns an fd or -ENOENT. libnsk stays libc-only for the
 * start-up cost of nsjoin and nsunshare, so this is a small parser, not
 * libmount. */
static int find_in_mountinfo(int procfd, long pid, const char *want)
{
	char path[64], line[8192];
	int found = -ENOENT;
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%ld/mountinfo", pid);
	fd = openat(procfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -ENOENT;
	f = fdopen(fd, "re");
	if (!f) {
		close(fd);
		return -ENOENT;
	}
	while (found < 0 && fgets(line, sizeof(line), f)) {
		char *field[5], *save = NULL, *p = line, *sep = strstr(line, " - ");
		char mp[4200];
		int n = 0;

		if (!sep || strncmp(sep + 3, "nsfs ", 5) != 0)
			continue;
		while (n < 5 && (field[n] = strtok_r(p, " ", &save)))
			p = NULL, n++;
		if (n < 5 || strcmp(field[3], want) != 0)
			continue;
		unescape_octal(field[4]);
		if ((size_t)snprintf(mp, sizeof(mp), "%ld/root%s", pid, field[4]) < sizeof(mp))
			found = nsk_ns_openat(procfd, mp);
		if (found < 0)
			found = -ENOENT;
	}
	fclose(f);
	return found;
}

int nsk_ns_find_by_inode(enum nsk_type type, ino_t ino)
{
	const char *name = nsk_types[type].name;
	struct nsk_numdir procs, fds;
	char path[96], want[64];
	int procfd = nsk_proc_open();
	ino_t mnt_seen[256];
	size_t nmnt = 0;
	long pid, fdnum;
	int found = -ENOENT;

	if (procfd < 0)
		return procfd;
	snprintf(want, sizeof(want), "%s:[%llu]", name, (unsigned long long)ino);
	/* First what processes are in, then what they hold open, then the
	 * pins in the mount namespace of each (one process for each). */
	for (int pass = 0; pass < 3 && found < 0; pass++) {
		if (nsk_numdir_open(&procs, procfd, ".") < 0)
			break;
		while (found < 0 && nsk_numdir_next(&procs, &pid) == 0) {
			struct stat st;

			if (pass == 0) {
				const char *entries[2] = {name, nsk_types[type].for_children};

				for (int e = 0; e < 2 && entries[e] && found < 0; e++) {
					snprintf(path, sizeof(path), "%ld/ns/%s", pid, entries[e]);
					if (fstatat(procfd, path, &st, 0) == 0 && st.st_ino == ino)
						found = nsk_ns_openat(procfd, path);
				}
				continue;
			}
			if (pass == 2) {
				bool seen = false;

				snprintf(path, sizeof(path), "%ld/ns/mnt", pid);
				if (fstatat(procfd, path, &st, 0) < 0)
					continue;
				for (size_t i = 0; i < nmnt && !seen; i++)
					seen = mnt_seen[i] == st.st_ino;
				if (seen)
					continue;
				if (nmnt < sizeof(mnt_seen) / sizeof(mnt_seen[0]))
					mnt_seen[nmnt++] = st.st_ino;
				found = find_in_mountinfo(procfd, pid, want);
				continue;
			}
			snprintf(path, sizeof(path), "%ld/fd", pid);
			if (nsk_numdir_open(&fds, procfd, path) < 0)
				continue;
			while (found < 0 && nsk_numdir_next(&fds, &fdnum) == 0) {
				char link[64];
				ssize_t n;

				snprintf(path, sizeof(path), "%ld/fd/%ld", pid, fdnum);
				n = readlinkat(procfd, path, link, sizeof(link) - 1);
				if (n <= 0)
					continue;
				link[n] = '\0';
				if (strcmp(link, want) == 0)
					found = nsk_ns_openat(procfd, path);
			}
			nsk_numdir_close(&fds);
		}
		nsk_numdir_close(&procs);
	}
	close(procfd);
	if (found >= 0) {
		struct nsk_ns ns;

		/* The holder may have changed between the stat and the open. */
		if (nsk_ns_identify(found, &ns) < 0 || ns.type != type || ns.ino != ino) {
			close(found);
			return -ENOENT;
		}
	}
	return found;
}

int nsk_ref_resolve(const char *text, struct nsk_ref *ref)
{
	enum nsk_type type;
	ino_t ino;
	pid_t pid;
	int r;

	*ref = (struct nsk_ref)NSK_REF_INIT;
	if (!*text)
		return -ENOENT;

	r = nsk_parse_pid(text, &pid);
	if (r == 0) {
		ref->kind = NSK_REF_PID;
		ref->pid = pid;
		ref->pidfd = nsk_pidfd_open(pid);
		if (ref->pidfd == -ENOSYS) {
			/* Before 5.3: the PID alone, checked through /proc. */
			char path[32];

			ref->pidfd = -1;
			snprintf(path, sizeof(path), "/proc/%d", (int)pid);
			if (access(path, F_OK) < 0)
				return -ESRCH;
		} else if (ref->pidfd < 0) {
			r = ref->pidfd;
			ref->pidfd = -1;
			return r;
		}
		return 0;
	}
	if (r == -ERANGE)
		return -ESRCH;

	if (nsk_ns_parse_text(text, &type, &ino) == 0) {
		r = nsk_ns_find_by_inode(type, ino);
		if (r < 0)
			return r;
		ref->kind = NSK_REF_FILE;
		ref->fd = r;
		return nsk_ns_identify(r, &ref->ns);
	}

	/* A bare name is a pin name first, then a relative path. */
	if (!strchr(text, '/') && strcmp(text, ".") != 0 && strcmp(text, "..") != 0) {
		char pin[4096];

		if ((size_t)snprintf(pin, sizeof(pin), "%s/%s", nsk_pin_dir(), text) < sizeof(pin) &&
		    resolve_path(pin, ref) == 0)
			return 0;
	}
	return resolve_path(text, ref);
}

unsigned int nsk_ref_types(const struct nsk_ref *ref)
{
	unsigned int mask = 0;

	switch (ref->kind) {
	case NSK_REF_PID:
		return nsk_types_available();
	case NSK_REF_FILE:
		return NSK_TYPE_BIT(ref->ns.type);
	case NSK_REF_DIR:
		for (int t = 0; t < NSK_NTYPES; t++) {
			int fd = nsk_ns_openat(ref->fd, nsk_types[t].name);

			if (fd >= 0) {
				mask |= NSK_TYPE_BIT(t);
				close(fd);
			}
		}
		return mask;
	}
	return 0;
}

static bool is_zombie(pid_t pid)
{
	struct nsk_proc_info info;
	int procfd = nsk_proc_open();
	bool zombie;

	if (procfd < 0)
		return false;
	zombie = nsk_proc_info(procfd, pid, &info) == 0 && (info.state == 'Z' || info.state == 'X');
	close(procfd);
	return zombie;
}

int nsk_ref_open(const struct nsk_ref *ref, enum nsk_type type, bool children)
{
	int fd;

	switch (ref->kind) {
	case NSK_REF_PID:
		fd = nsk_ns_open_pid(ref->pid, ref->pidfd, type, children);
		if (fd == -ENOENT && ref->pidfd >= 0 && !nsk_pidfd_alive(ref->pidfd))
			return -ESRCH;
		/* A zombie has left its namespaces (but pid and user, which its
		 * pid and credentials keep): gone, as the pidfd ioctls say. */
		if (fd == -ENOENT && is_zombie(ref->pid))
			return -ESRCH;
		/* A /proc open can race with the PID's reuse: the pidfd tells. */
		if (fd >= 0 && ref->pidfd >= 0 && !nsk_pidfd_alive(ref->pidfd)) {
			close(fd);
			return -ESRCH;
		}
		return fd;
	case NSK_REF_FILE:
		if (ref->ns.type != type)
			return -ENOENT;
		fd = fcntl(ref->fd, F_DUPFD_CLOEXEC, 3);
		return fd < 0 ? -errno : fd;
	case NSK_REF_DIR:
		fd = nsk_ns_openat(ref->fd, nsk_types[type].name);
		if (fd >= 0) {
			struct nsk_ns ns;

			if (nsk_ns_identify(fd, &ns) < 0 || ns.type != type) {
				close(fd);
				return -EINVAL;
			}
		}
		return fd;
	}
	return -EINVAL;
}

void nsk_ref_close(struct nsk_ref *ref)
{
	if (ref->pidfd >= 0)
		close(ref->pidfd);
	if (ref->fd >= 0)
		close(ref->fd);
	ref->pidfd = ref->fd = -1;
}

const char *nsk_ref_hint(int err, const char *text)
{
	pid_t pid;

	switch (err < 0 ? -err : err) {
	case ESRCH:
		return "the process is gone (or never existed); check the PID with ps";
	case ENOENT:
		if (nsk_parse_pid(text, &pid) == 0)
			return "the process is gone; check the PID with ps";
		if (strchr(text, '['))
			return "no process, fd or pin holds that namespace any more";
		return "give a PID, a /proc/PID/ns/TYPE file, a pin, or TYPE:[INODE]";
	case EINVAL:
		return "that is not a namespace file: give /proc/PID/ns/TYPE or a pin made by "
		       "nspin, ip netns or unshare --TYPE=FILE";
	case ENOTDIR:
		return "a pin directory holds files named after the types (net, uts, ...)";
	case EACCES:
	case EPERM:
		return "reading another user's namespaces needs CAP_SYS_PTRACE over that process";
	}
	return NULL;
}
