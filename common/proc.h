/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * proc.h - PIDs: parsing, pidfds, and a fast walk of numeric /proc
 * directories (/proc, /proc/PID/task, /proc/PID/fd) with getdents64.
 */
#ifndef NSK_PROC_H
#define NSK_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Parses a decimal PID (1 .. 2^22 and beyond up to INT_MAX, no sign, no
 * spaces). Returns 0, or -EINVAL / -ERANGE. */
int nsk_parse_pid(const char *s, pid_t *pid);

/* Iterates the numeric entries of a /proc directory, in directory order. */
struct nsk_numdir {
	int fd;
	bool eof; /* the last read was short: /proc had no more entries */
	size_t pos, len;
	char buf[32768] __attribute__((aligned(8)));
};

/* Opens PATH relative to DIRFD for nsk_numdir_next(). Returns 0 or -errno. */
int nsk_numdir_open(struct nsk_numdir *d, int dirfd, const char *path);

/* Stores the next number in *N. Returns 0, 1 at the end, or -errno. */
int nsk_numdir_next(struct nsk_numdir *d, long *n);

void nsk_numdir_close(struct nsk_numdir *d);

/* Opens /proc as a directory fd (O_PATH is not enough for getdents).
 * Returns the fd or -errno. */
int nsk_proc_open(void);

struct nsk_proc_info {
	pid_t pid;
	pid_t ppid;
	uid_t uid;
	char state;
	char comm[64];
};

/* Reads /proc/PID/stat and the owner of /proc/PID. Returns 0 or -errno
 * (-ENOENT when the process is gone). */
int nsk_proc_info(int procfd, pid_t pid, struct nsk_proc_info *info);

/* Reads /proc/PID/cmdline with spaces between the arguments into BUF, or the
 * [comm] of a kernel thread. Returns 0 or -errno. */
int nsk_proc_cmdline(int procfd, pid_t pid, char *buf, size_t len);

/* Opens a pidfd for PID (5.3) close-on-exec. Returns the fd, -ENOSYS on older
 * kernels (callers then use the PID), or -errno (-ESRCH: no such process). */
int nsk_pidfd_open(pid_t pid);

/* Returns true while the process behind PIDFD has not been reaped. */
bool nsk_pidfd_alive(int pidfd);

#endif
