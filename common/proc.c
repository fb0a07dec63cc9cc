// SPDX-License-Identifier: GPL-2.0-or-later
/* proc.c - PIDs, pidfds and the /proc walk. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "compat.h"
#include "proc.h"

int nsk_parse_pid(const char *s, pid_t *pid)
{
	unsigned long v = 0;

	if (!*s)
		return -EINVAL;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -EINVAL;
		v = v * 10 + (unsigned long)(*p - '0');
		if (v > INT_MAX)
			return -ERANGE;
	}
	if (v == 0)
		return -EINVAL;
	*pid = (pid_t)v;
	return 0;
}

int nsk_numdir_open(struct nsk_numdir *d, int dirfd, const char *path)
{
	d->pos = d->len = 0;
	d->eof = false;
	d->fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return d->fd < 0 ? -errno : 0;
}

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

int nsk_numdir_next(struct nsk_numdir *d, long *n)
{
	for (;;) {
		while (d->pos < d->len) {
			struct linux_dirent64 *e = (struct linux_dirent64 *)(d->buf + d->pos);
			const char *p = e->d_name;
			long v = 0;

			d->pos += e->d_reclen;
			if (*p < '1' || *p > '9')
				continue;
			for (; *p >= '0' && *p <= '9'; p++)
				v = v * 10 + (*p - '0');
			if (*p)
				continue;
			*n = v;
			return 0;
		}
		if (d->eof)
			return 1;
		long r = syscall(SYS_getdents64, d->fd, d->buf, sizeof(d->buf));

		if (r < 0)
			return -errno;
		if (r == 0)
			return 1;
		d->pos = 0;
		d->len = (size_t)r;
		/* /proc's directories (proc_pid_readdir, proc_readfd_common,
		 * proc_task_readdir) fill the buffer until they run out of
		 * entries: a read that left room for the longest entry was the
		 * last, and the getdents64 that would return 0 can be saved
		 * (half the calls of a walk over /proc/PID/fd). */
		d->eof = (size_t)r + sizeof(struct linux_dirent64) + 256 <= sizeof(d->buf);
	}
}

void nsk_numdir_close(struct nsk_numdir *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

int nsk_proc_open(void)
{
	int fd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static ssize_t read_file_at(int dirfd, const char *path, char *buf, size_t len)
{
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0)
		n = -errno;
	else
		buf[n] = '\0';
	close(fd);
	return n;
}

int nsk_proc_info(int procfd, pid_t pid, struct nsk_proc_info *info)
{
	char path[32], buf[1024];
	struct stat st;
	ssize_t n;
	char *open, *close_paren;

	snprintf(path, sizeof(path), "%d", (int)pid);
	if (fstatat(procfd, path, &st, 0) < 0)
		return -errno;
	snprintf(path, sizeof(path), "%d/stat", (int)pid);
	n = read_file_at(procfd, path, buf, sizeof(buf));
	if (n < 0)
		return (int)n;
	/* comm may hold spaces and parentheses: it ends at the last ')'. */
	open = strchr(buf, '(');
	close_paren = strrchr(buf, ')');
	if (!open || !close_paren || close_paren < open || close_paren[1] != ' ')
		return -EINVAL;
	info->pid = pid;
	info->uid = st.st_uid;
	size_t clen = (size_t)(close_paren - open - 1);
	if (clen >= sizeof(info->comm))
		clen = sizeof(info->comm) - 1;
	memcpy(info->comm, open + 1, clen);
	info->comm[clen] = '\0';
	info->state = close_paren[2];
	info->ppid = (pid_t)strtol(close_paren + 4, NULL, 10);
	return 0;
}

int nsk_proc_cmdline(int procfd, pid_t pid, char *buf, size_t len)
{
	char path[32];
	ssize_t n;

	if (len < 4)
		return -EINVAL;
	snprintf(path, sizeof(path), "%d/cmdline", (int)pid);
	n = read_file_at(procfd, path, buf, len);
	if (n < 0)
		return (int)n;
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	if (n == 0) {
		struct nsk_proc_info info;
		int r = nsk_proc_info(procfd, pid, &info);

		if (r < 0)
			return r;
		snprintf(buf, len, "[%s]", info.comm);
		return 0;
	}
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[n] = '\0';
	return 0;
}

int nsk_pidfd_open(pid_t pid)
{
	/* pidfds are close-on-exec from birth. */
	int fd = nsk_sys_pidfd_open(pid, 0);

	return fd < 0 ? -errno : fd;
}

bool nsk_pidfd_alive(int pidfd)
{
	return nsk_sys_pidfd_send_signal(pidfd, 0, NULL, 0) == 0 || errno == EPERM;
}
