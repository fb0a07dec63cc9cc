// SPDX-License-Identifier: GPL-2.0-or-later
/* setup.c - set up the process that will exec the command. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <grp.h>

#include "compat.h"
#include "setup.h"

int nsk_setup_parse_id(const char *s, unsigned int *id)
{
	unsigned long v;
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	/* (uid_t)-1 means "unchanged" to the kernel: never a valid id. */
	if (errno || *end || v >= UINT_MAX)
		return -EINVAL;
	*id = (unsigned int)v;
	return 0;
}

int nsk_setup_root_fd(int fd)
{
	if (fchdir(fd) < 0 || chroot(".") < 0)
		return -errno;
	return 0;
}

/* Is setgroups(2) denied in our user namespace? (/proc/self/setgroups, 3.19) */
static bool setgroups_denied(void)
{
	char buf[16] = "";
	int fd = open("/proc/self/setgroups", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 && strncmp(buf, "deny", 4) == 0;
}

int nsk_setup_creds(const struct nsk_creds *c, const char **step)
{
	if (c->set_gid) {
		*step = "setgroups";
		if (setgroups(0, NULL) < 0 && !(errno == EPERM && setgroups_denied()))
			return -errno;
		*step = "setgid";
		if (setgid(c->gid) < 0)
			return -errno;
	}
	if (c->set_uid) {
		*step = "setuid";
		if (setuid(c->uid) < 0)
			return -errno;
	}
	return 0;
}

int nsk_setup_keep_caps(void)
{
	struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data) < 0)
		return -errno;
	data[0].inheritable = data[0].permitted;
	data[1].inheritable = data[1].permitted;
	if (syscall(SYS_capset, &hdr, data) < 0)
		return -errno;
	for (int cap = 0; cap < 64; cap++) {
		if (!(data[cap / 32].permitted & (1u << (cap % 32))))
			continue;
		/* EINVAL past the kernel's last capability. */
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0 && errno != EINVAL)
			return -errno;
	}
	return 0;
}

int nsk_setup_private_mounts(void)
{
	if (unshare(CLONE_NEWNS) < 0)
		return -errno;
	/* A copy of a shared mount would still propagate to its peers. */
	if (mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return -errno;
	return 0;
}

int nsk_setup_mount_proc(const char *dir)
{
	if (mount("proc", dir, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return -errno;
	return 0;
}

int nsk_setup_mount_sys(const char *dir)
{
	if (mount("sysfs", dir, "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return -errno;
	return 0;
}

int nsk_setup_env_replace(char *buf, size_t len)
{
	if (clearenv() != 0)
		return -ENOMEM;
	for (size_t i = 0; i < len; i += strlen(buf + i) + 1) {
		if (!strchr(buf + i, '='))
			continue;
		if (putenv(buf + i) != 0)
			return -errno;
	}
	return 0;
}

int nsk_read_file(int dirfd, const char *path, char **bufp, size_t *lenp)
{
	size_t len = 0, size = 4096;
	char *buf = malloc(size);
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	int err = 0;

	if (!buf || fd < 0) {
		err = buf ? -errno : -ENOMEM;
		goto out;
	}
	for (;;) {
		ssize_t n;

		if (len + 1 >= size) {
			char *bigger = realloc(buf, size *= 2);

			if (!bigger) {
				err = -ENOMEM;
				goto out;
			}
			buf = bigger;
		}
		n = read(fd, buf + len, size - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			goto out;
		}
		if (n == 0)
			break;
		len += n;
	}
	buf[len] = '\0';
out:
	if (fd >= 0)
		close(fd);
	if (err) {
		free(buf);
		return err;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
}

/* Does the comma-separated LIST hold every word of the comma-separated WANT? */
static bool has_all(const char *list, const char *want)
{
	while (*want) {
		size_t n = strcspn(want, ",");
		const char *p = list;
		bool found = false;

		while (*p && !found) {
			size_t m = strcspn(p, ",");

			found = m == n && strncmp(p, want, n) == 0;
			p += m + (p[m] == ',');
		}
		if (!found)
			return false;
		want += n + (want[n] == ',');
	}
	return true;
}

/* Undoes mountinfo's octal escapes (\040 for a space) in place. */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/*
 * Finds in MOUNTINFO the directory of cgroup PATH in the hierarchy with
 * CONTROLLERS (v1) or the cgroup2 one (CONTROLLERS empty) and writes it into
 * DIR. Returns 0 or -ENOENT.
 */
static int cgroup_dir(char *mountinfo, const char *controllers, const char *path, char *dir,
		      size_t len)
{
	for (char *line = mountinfo, *next; line && *line; line = next) {
		char *f[16], *save = NULL, *fstype, *opts, *tok;
		int nf = 0;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		for (tok = strtok_r(line, " ", &save); tok && nf < 16;
		     tok = strtok_r(NULL, " ", &save))
			f[nf++] = tok;
		/* id parent dev root mountpoint opts [optional...] - fstype source superopts */
		int dash = 6;

		while (dash < nf && strcmp(f[dash], "-") != 0)
			dash++;
		if (dash + 3 >= nf)
			continue;
		fstype = f[dash + 1];
		opts = f[dash + 3];
		if (*controllers ? strcmp(fstype, "cgroup") != 0 || !has_all(opts, controllers)
				 : strcmp(fstype, "cgroup2") != 0)
			continue;
		unescape(f[3]);
		unescape(f[4]);
		size_t rl = strcmp(f[3], "/") == 0 ? 0 : strlen(f[3]);

		/* The mount shows the sub-tree at its root field only. */
		if (strncmp(path, f[3], rl) != 0 || (path[rl] != '/' && path[rl] != '\0'))
			continue;
		if ((size_t)snprintf(dir, len, "%s%s", f[4], path + rl) >= len)
			return -ENAMETOOLONG;
		return 0;
	}
	return -ENOENT;
}

int nsk_cgroup_join(const char *text, char *failed, size_t flen)
{
	char *mountinfo = NULL, *copy = NULL;
	size_t milen;
	int r, joined = 0;

	r = nsk_read_file(AT_FDCWD, "/proc/self/mountinfo", &mountinfo, &milen);
	if (r < 0) {
		snprintf(failed, flen, "/proc/self/mountinfo");
		return r;
	}
	copy = malloc(milen + 1);
	if (!copy) {
		free(mountinfo);
		return -ENOMEM;
	}
	/* Lines: "ID:CONTROLLERS:PATH" (CONTROLLERS empty for cgroup2). */
	for (const char *line = text; *line;) {
		size_t n = strcspn(line, "\n");
		char entry[4096], dir[PATH_MAX], *c1, *c2, pid[32];
		int fd;

		if (n >= sizeof(entry))
			goto next;
		memcpy(entry, line, n);
		entry[n] = '\0';
		c1 = strchr(entry, ':');
		c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2)
			goto next;
		*c2 = '\0';
		memcpy(copy, mountinfo, milen + 1);
		if (cgroup_dir(copy, c1 + 1, c2 + 1, dir, sizeof(dir)) < 0)
			goto next; /* that hierarchy is not mounted here */
		if (strlen(dir) + sizeof("/cgroup.procs") > sizeof(dir)) {
			r = -ENAMETOOLONG;
			break;
		}
		strcat(dir, "/cgroup.procs");
		snprintf(failed, flen, "%s", dir);
		fd = open(dir, O_WRONLY | O_CLOEXEC);
		if (fd < 0) {
			r = -errno;
			break;
		}
		n = (size_t)snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
		r = write(fd, pid, n) == (ssize_t)n ? 0 : -errno;
		close(fd);
		if (r < 0)
			break;
		joined++;
next:
		line += strcspn(line, "\n");
		line += *line == '\n';
	}
	free(copy);
	free(mountinfo);
	if (r == 0 && !joined) {
		snprintf(failed, flen, "/proc/self/mountinfo");
		r = -ENOENT;
	}
	return r;
}
