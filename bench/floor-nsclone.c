// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * floor-nsclone [-r] TYPES [-R ROOT] CMD - the least a tool can do for
 * `nsclone [-U -r] -TYPES [--root ROOT --mount-proc] CMD`: one clone3(2) with
 * CLONE_PIDFD and the namespace flags; with -r the parent writes setgroups,
 * uid_map and gid_map while the child waits on a pipe; the child makes /
 * private (m), brings lo up (n), with -R binds ROOT on itself, mounts proc in
 * it and pivots into it; then exec CMD, and the parent waits on the pidfd.
 * TYPES are nsclone's letters: "pmuin".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif

struct clone_args64 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

static void put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		_exit(125);
	close(fd);
}

static void child(int flags, const char *root, int sync, char **cmd)
{
	char b, proc[4096];

	if (sync >= 0 && read(sync, &b, 1) != 1)
		_exit(125);
	if ((flags & CLONE_NEWNS) && mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		_exit(125);
	if (flags & CLONE_NEWNET) {
		struct ifreq ifr = {.ifr_name = "lo"};
		int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

		if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
			_exit(125);
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			_exit(125);
		close(fd);
	}
	if (root) {
		snprintf(proc, sizeof(proc), "%s/proc", root);
		if (mount(root, root, NULL, MS_BIND | MS_REC, NULL) < 0 ||
		    mount("proc", proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0 ||
		    chdir(root) < 0 || syscall(SYS_pivot_root, ".", ".") < 0 ||
		    umount2(".", MNT_DETACH) < 0 || chdir("/") < 0)
			_exit(125);
	}
	execvp(cmd[0], cmd);
	_exit(127);
}

int main(int argc, char **argv)
{
	int i = 1, map = 0, flags = 0, pidfd = -1, sync[2] = {-1, -1};
	const char *root = NULL;
	char line[64];
	siginfo_t si;
	pid_t pid;

	if (i < argc && strcmp(argv[i], "-r") == 0) {
		map = 1;
		flags |= CLONE_NEWUSER;
		i++;
	}
	if (i >= argc)
		return 125;
	for (const char *c = argv[i++]; *c; c++)
		flags |= *c == 'm'   ? CLONE_NEWNS
			 : *c == 'u' ? CLONE_NEWUTS
			 : *c == 'i' ? CLONE_NEWIPC
			 : *c == 'n' ? CLONE_NEWNET
			 : *c == 'p' ? CLONE_NEWPID
				     : 0;
	if (i + 1 < argc && strcmp(argv[i], "-R") == 0) {
		root = argv[i + 1];
		i += 2;
	}
	if (i >= argc)
		return 125;
	if (map && pipe2(sync, O_CLOEXEC) < 0)
		return 125;
	struct clone_args64 args = {
		.flags = (uint64_t)flags | CLONE_PIDFD,
		.pidfd = (uint64_t)(uintptr_t)&pidfd,
		.exit_signal = SIGCHLD,
	};
	pid = (pid_t)syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0)
		child(flags, root, sync[0], argv + i);
	if (pid < 0)
		return 125;
	if (map) {
		snprintf(line, sizeof(line), "/proc/%d/setgroups", (int)pid);
		put(line, "deny");
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d/uid_map", (int)pid);
		snprintf(line, sizeof(line), "0 %d 1", (int)geteuid());
		put(path, line);
		snprintf(path, sizeof(path), "/proc/%d/gid_map", (int)pid);
		snprintf(line, sizeof(line), "0 %d 1", (int)getegid());
		put(path, line);
		if (write(sync[1], "g", 1) != 1)
			return 125;
	}
	if (waitid(P_PIDFD, pidfd, &si, WEXITED) < 0)
		return 125;
	return si.si_code == CLD_EXITED ? si.si_status : 128 + si.si_status;
}
