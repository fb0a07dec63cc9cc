// SPDX-License-Identifier: GPL-2.0-or-later
/* nstype.c - the namespace type table. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "err.h"
#include "msg.h"
#include "nstype.h"

const struct nsk_type_info nsk_types[NSK_NTYPES] = {
	[NSK_CGROUP] = {"cgroup", NULL, "cgroup", 'C', CLONE_NEWCGROUP, NULL, "4.6"},
	[NSK_IPC] = {"ipc", NULL, "ipc", 'i', CLONE_NEWIPC, NULL, "2.6.19"},
	[NSK_MNT] = {"mnt", "mount", "mount", 'm', CLONE_NEWNS, NULL, "2.4.19"},
	[NSK_NET] = {"net", NULL, "net", 'n', CLONE_NEWNET, NULL, "2.6.24"},
	[NSK_PID] = {"pid", NULL, "pid", 'p', CLONE_NEWPID, "pid_for_children", "2.6.24"},
	[NSK_TIME] = {"time", NULL, "time", 'T', CLONE_NEWTIME, "time_for_children", "5.6"},
	[NSK_USER] = {"user", NULL, "user", 'U', CLONE_NEWUSER, NULL, "3.8"},
	[NSK_UTS] = {"uts", NULL, "uts", 'u', CLONE_NEWUTS, NULL, "2.6.19"},
};

const enum nsk_type nsk_join_order[NSK_NTYPES] = {
	NSK_USER, NSK_CGROUP, NSK_IPC, NSK_UTS, NSK_NET, NSK_PID, NSK_TIME, NSK_MNT,
};

int nsk_type_from_name(const char *name)
{
	for (int t = 0; t < NSK_NTYPES; t++) {
		if (strcmp(name, nsk_types[t].name) == 0 ||
		    (nsk_types[t].alias && strcmp(name, nsk_types[t].alias) == 0))
			return t;
	}
	return -EINVAL;
}

int nsk_type_from_flag(int flag)
{
	for (int t = 0; t < NSK_NTYPES; t++)
		if (nsk_types[t].flag == flag)
			return t;
	return -EINVAL;
}

int nsk_type_from_opt(int c)
{
	for (int t = 0; t < NSK_NTYPES; t++)
		if (nsk_types[t].shortopt == c)
			return t;
	return -1;
}

int nsk_types_parse(const char *list, unsigned int *mask, const char **bad)
{
	static char word[32];
	const char *p = list;

	*mask = 0;
	if (!*list) {
		if (bad)
			*bad = list;
		return -EINVAL;
	}
	while (*p) {
		size_t n = strcspn(p, ",");

		if (n == 0 || n >= sizeof(word))
			goto invalid;
		memcpy(word, p, n);
		word[n] = '\0';
		if (strcmp(word, "all") == 0) {
			*mask |= nsk_types_available();
		} else {
			int t = nsk_type_from_name(word);

			if (t < 0)
				goto invalid;
			*mask |= NSK_TYPE_BIT(t);
		}
		p += n;
		if (*p == ',' && *++p == '\0')
			goto invalid;
		continue;
invalid:
		if (bad) {
			/* P may have moved past a trailing comma: measure again. */
			size_t len = strcspn(p, ",");

			if (len >= sizeof(word))
				len = sizeof(word) - 1;

			memcpy(word, p, len);
			word[len] = '\0';
			*bad = word;
		}
		return -EINVAL;
	}
	return 0;
}

int nsk_types_to_flags(unsigned int mask)
{
	int flags = 0;

	for (int t = 0; t < NSK_NTYPES; t++)
		if (mask & NSK_TYPE_BIT(t))
			flags |= nsk_types[t].flag;
	return flags;
}

unsigned int nsk_types_available(void)
{
	static unsigned int cached;

	if (!cached) {
		char path[64];

		for (int t = 0; t < NSK_NTYPES; t++) {
			snprintf(path, sizeof(path), "/proc/self/ns/%s", nsk_types[t].name);
			if (access(path, F_OK) == 0)
				cached |= NSK_TYPE_BIT(t);
		}
		/* /proc not mounted: assume the kernel has them all and let
		 * the system calls say otherwise. */
		if (!cached)
			cached = NSK_ALL_TYPES;
	}
	return cached;
}

const char *nsk_flags_str(unsigned long long flags, char *buf, size_t len)
{
	static const struct nsk_bitname names[] = {
		{CLONE_NEWCGROUP, "CLONE_NEWCGROUP"},
		{CLONE_NEWIPC, "CLONE_NEWIPC"},
		{CLONE_NEWNS, "CLONE_NEWNS"},
		{CLONE_NEWNET, "CLONE_NEWNET"},
		{CLONE_NEWPID, "CLONE_NEWPID"},
		{CLONE_NEWTIME, "CLONE_NEWTIME"},
		{CLONE_NEWUSER, "CLONE_NEWUSER"},
		{CLONE_NEWUTS, "CLONE_NEWUTS"},
		{CLONE_PIDFD, "CLONE_PIDFD"},
		{CLONE_CLEAR_SIGHAND, "CLONE_CLEAR_SIGHAND"},
		{CLONE_INTO_CGROUP, "CLONE_INTO_CGROUP"},
	};

	return nsk_bits_str(names, sizeof(names) / sizeof(names[0]), flags, buf, len);
}

const char *nsk_type_optarg(const char *arg)
{
	if (!arg)
		return NULL;
	if (*arg == '=')
		arg++;
	return arg;
}

int nsk_type_opt(int c, const char *optarg, const char **file, struct nsk_err *e)
{
	int t = nsk_type_from_opt(c);

	if (t < 0)
		return -1;
	*file = nsk_type_optarg(optarg);
	if (*file && !**file)
		return nsk_err_set(e, EINVAL, "--%s=: empty file name", nsk_types[t].longopt);
	return t;
}

void nsk_type_usage(FILE *out, const char *what)
{
	static const char *const help[NSK_NTYPES] = {
		[NSK_CGROUP] = "cgroup namespace",
		[NSK_IPC] = "IPC namespace",
		[NSK_MNT] = "mount namespace",
		[NSK_NET] = "network namespace",
		[NSK_PID] = "PID namespace",
		[NSK_TIME] = "time namespace",
		[NSK_USER] = "user namespace",
		[NSK_UTS] = "UTS namespace (hostname etc)",
	};
	static const enum nsk_type order[NSK_NTYPES] = {
		NSK_MNT, NSK_UTS, NSK_IPC, NSK_NET, NSK_PID, NSK_USER, NSK_CGROUP, NSK_TIME,
	};

	for (int i = 0; i < NSK_NTYPES; i++) {
		const struct nsk_type_info *t = &nsk_types[order[i]];
		char opt[40];

		snprintf(opt, sizeof(opt), "-%c, --%s[=<file>]", t->shortopt, t->longopt);
		fprintf(out, " %-28s %s %s\n", opt, what, help[order[i]]);
	}
}
