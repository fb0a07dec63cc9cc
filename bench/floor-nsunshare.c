// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * floor-nsunshare [-r] TYPES CMD - the least a tool can do for
 * `unshare -f [-r] -TYPES CMD`: unshare(2) (with -r: write setgroups, uid_map
 * and gid_map of its own), fork, make / private in a new mount namespace (the
 * default of unshare), exec CMD, wait. TYPES are unshare's letters: "pmuin".
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

static void put(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0 || write(fd, text, strlen(text)) < 0)
		_exit(125);
	close(fd);
}

int main(int argc, char **argv)
{
	int map = argc > 1 && strcmp(argv[1], "-r") == 0;
	char line[64];
	int flags, status;
	pid_t pid;

	if (argc < 3 + map)
		return 125;
	flags = map ? CLONE_NEWUSER : 0;
	for (const char *c = argv[1 + map]; *c; c++)
		flags |= *c == 'm'   ? CLONE_NEWNS
			 : *c == 'u' ? CLONE_NEWUTS
			 : *c == 'i' ? CLONE_NEWIPC
			 : *c == 'n' ? CLONE_NEWNET
			 : *c == 'p' ? CLONE_NEWPID
			 : *c == 'C' ? CLONE_NEWCGROUP
				     : 0;
	uid_t uid = geteuid(); /* unmapped (65534) once in the new user ns */
	gid_t gid = getegid();

	if (unshare(flags) < 0)
		return 125;
	if (map) {
		put("/proc/self/setgroups", "deny");
		snprintf(line, sizeof(line), "0 %d 1", (int)uid);
		put("/proc/self/uid_map", line);
		snprintf(line, sizeof(line), "0 %d 1", (int)gid);
		put("/proc/self/gid_map", line);
	}
	pid = fork();
	if (pid == 0) {
		if ((flags & CLONE_NEWNS) &&
		    mount("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
			_exit(125);
		execvp(argv[2 + map], argv + 2 + map);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return 125;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
