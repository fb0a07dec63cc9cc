// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nsls-workload GROUPS PROCS FDS BINDS OWNERS OUT - the workload of the nsls
 * benchmark, made with plain system calls so that 10,000 processes start in
 * well under a second:
 *   GROUPS groups of sleeping processes, each group in its own uts, ipc and
 *     net namespaces, PROCS processes in all;
 *   FDS net namespaces held only by an open fd of this process;
 *   BINDS uts namespaces held only by a bind mount inside a private mount
 *     namespace (of a process that sleeps there);
 *   OWNERS user namespaces with no process, each the owner of a net
 *     namespace pinned in that same private mount namespace.
 * It writes "CATEGORY TYPE INODE" for each namespace it made to OUT, then
 * "ready", and sleeps in a process group of its own. SIGKILL to that group
 * ends everything (and every process it made also dies with its parent,
 * PR_SET_PDEATHSIG); the pins go with the private mount namespace.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/close_range.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static FILE *out;

static void die(const char *what)
{
	fprintf(stderr, "nsls-workload: %s: %s\n", what, strerror(errno));
	exit(1);
}

static unsigned long ino_of(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		die(path);
	return (unsigned long)st.st_ino;
}

/* A child that dies with its parent. */
static pid_t fork_child(void)
{
	pid_t parent = getpid(), pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(0);
	}
	return pid;
}

static void sleep_forever(void)
{
	for (;;)
		pause();
}

static void groups(int ngroups, int nprocs)
{
	int sync[2];

	for (int g = 0; g < ngroups; g++) {
		int members = nprocs / ngroups + (g < nprocs % ngroups);
		char c = 0;

		pid_t leader;

		if (pipe(sync) < 0)
			die("pipe");
		leader = fork_child();
		if (leader == 0) {
			if (unshare(CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET) < 0)
				die("unshare");
			/* Sleepers hold stdin, stdout and stderr, as most processes do. */
			for (int i = 1; i < members; i++)
				if (fork_child() == 0) {
					close_range(3, ~0U, 0);
					sleep_forever();
				}
			if (write(sync[1], &c, 1) != 1)
				die("write");
			close_range(3, ~0U, 0);
			sleep_forever();
		}
		if (read(sync[0], &c, 1) != 1)
			die("group");
		for (const char *const *t = (const char *const[]){"uts", "ipc", "net", NULL}; *t; t++) {
			char link[64];

			snprintf(link, sizeof(link), "/proc/%d/ns/%s", (int)leader, *t);
			fprintf(out, "process %s %lu\n", *t, ino_of(link));
		}
		close(sync[0]);
		close(sync[1]);
	}
}

/* Net namespaces held by fds of this process only. */
static void fd_held(int n)
{
	int self = open("/proc/self/ns/net", O_RDONLY);

	for (int i = 0; i < n; i++) {
		if (unshare(CLONE_NEWNET) < 0 || open("/proc/self/ns/net", O_RDONLY) < 0)
			die("unshare net");
		fprintf(out, "fd net %lu\n", ino_of("/proc/self/ns/net"));
		if (setns(self, CLONE_NEWNET) < 0)
			die("setns");
	}
	close(self);
}

/* uts pins and owner-only user namespaces inside a private mount namespace. */
static void bind_held(int nbinds, int nowners, const char *dir)
{
	int sync[2];
	char c = 0, path[4096];

	if (pipe(sync) < 0)
		die("pipe");
	if (fork_child() == 0) {
		int uts = open("/proc/self/ns/uts", O_RDONLY);

		if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			die("private mount namespace");
		for (int i = 0; i < nbinds; i++) {
			snprintf(path, sizeof(path), "%s/uts%d", dir, i);
			close(open(path, O_CREAT | O_WRONLY, 0644));
			if (unshare(CLONE_NEWUTS) < 0 ||
			    mount("/proc/self/ns/uts", path, NULL, MS_BIND, NULL) < 0)
				die("pin uts");
			fprintf(out, "bind uts %lu\n", ino_of(path));
		}
		if (setns(uts, CLONE_NEWUTS) < 0)
			die("setns uts");
		for (int i = 0; i < nowners; i++) {
			int ready[2];
			pid_t k;
			char link[64];

			if (pipe(ready) < 0)
				die("pipe");
			k = fork_child();
			if (k == 0) {
				if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0)
					die("unshare user");
				if (write(ready[1], &c, 1) != 1)
					die("write");
				sleep_forever();
			}
			if (read(ready[0], &c, 1) != 1)
				die("owner");
			snprintf(path, sizeof(path), "%s/net%d", dir, i);
			close(open(path, O_CREAT | O_WRONLY, 0644));
			snprintf(link, sizeof(link), "/proc/%d/ns/net", (int)k);
			if (mount(link, path, NULL, MS_BIND, NULL) < 0)
				die("pin net");
			snprintf(link, sizeof(link), "/proc/%d/ns/user", (int)k);
			fprintf(out, "owner user %lu\nbind net %lu\n", ino_of(link), ino_of(path));
			kill(k, SIGKILL);
			waitpid(k, NULL, 0);
			close(ready[0]);
			close(ready[1]);
		}
		fflush(out);
		if (write(sync[1], &c, 1) != 1)
			die("write");
		sleep_forever();
	}
	if (read(sync[0], &c, 1) != 1)
		die("bind holder");
}

int main(int argc, char **argv)
{
	if (argc != 8) {
		fprintf(stderr, "usage: nsls-workload GROUPS PROCS FDS BINDS OWNERS DIR OUT\n");
		return 2;
	}
	/* One process group, so that the job can end it all at once. */
	setpgid(0, 0);
	out = fopen(argv[7], "w");
	if (!out)
		die(argv[7]);
	setvbuf(out, NULL, _IOLBF, 0);
	groups(atoi(argv[1]), atoi(argv[2]));
	/* The fds last, so that no other process of the workload inherits them. */
	bind_held(atoi(argv[4]), atoi(argv[5]), argv[6]);
	fd_held(atoi(argv[3]));
	fprintf(out, "ready\n");
	fclose(out);
	sleep_forever();
}
