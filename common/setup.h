/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * setup.h - the set-up of the process that will exec the command, shared by
 * nsunshare, nsclone and nsjoin: mount propagation, hostname, chroot, working
 * directory, a fresh /proc (and /sys), a binfmt_misc interpreter, ids,
 * ambient capabilities, the environment; and time namespace offsets.
 *
 * Use: set the tool's defaults in a zeroed struct nsk_setup (nsunshare sets
 * propagation to MS_PRIVATE | MS_REC as util-linux does); pass each option to
 * nsk_setup_opt() (0 for options that are not its own); after the namespaces
 * exist call nsk_setup_timens() before anything enters a new time namespace,
 * and nsk_setup_apply() in the process that execs the command.
 */
#ifndef NSK_SETUP_H
#define NSK_SETUP_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "err.h"

struct nsk_setup {
	const char *root;      /* chroot(2) into it */
	const char *wd;	       /* chdir(2) there, after chroot */
	bool set_uid, set_gid; /* -S, -G */
	uid_t uid;
	gid_t gid;
	bool keep_caps; /* permitted capabilities become ambient */
	bool clearenv;	/* start from an empty environment */
	char **env;	/* NAME=VALUE, in order, after clearenv */
	size_t nenv;
	const char *hostname;	   /* sethostname(2), needs a new UTS namespace */
	const char *proc_dir;	   /* mount a fresh proc there ("/proc") */
	const char *sys_dir;	   /* mount a fresh sysfs there ("/sys") */
	unsigned long propagation; /* MS_PRIVATE|MS_REC..., 0: unchanged */
	bool has_monotonic, has_boottime;
	struct timespec monotonic, boottime; /* offsets of a new time namespace */
	const char *interp;		     /* a binfmt_misc registration line */
};

/* Option values; the tools' own start at CHAR_MAX + 1, idmap's at 0x1000. */
enum {
	NSK_OPT_ROOT = 0x1100, /* the tools give it their letter: -R, or nsjoin's -r */
	NSK_OPT_WD,
	NSK_OPT_KEEP_CAPS,
	NSK_OPT_ENV,
	NSK_OPT_CLEARENV,
	NSK_OPT_HOSTNAME,
	NSK_OPT_MOUNT_PROC, /* optional DIR, default /proc */
	NSK_OPT_MOUNT_SYS,  /* optional DIR, default /sys */
	NSK_OPT_MONOTONIC,
	NSK_OPT_BOOTTIME,
	NSK_OPT_PROPAGATION,
	NSK_OPT_LOAD_INTERP,
};

/*
 * The options that nsunshare and nsclone spell alike (-S -G --keep-caps --env
 * --clearenv --hostname --mount-proc --monotonic --boottime --propagation
 * --load-interp). -R/--root and -w/--wd differ between the tools (nsjoin's
 * take an optional argument): each tool lists them itself with the values
 * NSK_OPT_ROOT and NSK_OPT_WD, or maps its letters to them.
 */
/* clang-format off */
#define NSK_SETUP_SHORTOPTS "S:G:"
#define NSK_SETUP_LONGOPTS                                                                         \
	{"setuid", required_argument, NULL, 'S'}, {"setgid", required_argument, NULL, 'G'},        \
	    {"keep-caps", no_argument, NULL, NSK_OPT_KEEP_CAPS},                                   \
	    {"env", required_argument, NULL, NSK_OPT_ENV},                                         \
	    {"clearenv", no_argument, NULL, NSK_OPT_CLEARENV},                                     \
	    {"hostname", required_argument, NULL, NSK_OPT_HOSTNAME},                               \
	    {"mount-proc", optional_argument, NULL, NSK_OPT_MOUNT_PROC},                           \
	    {"monotonic", required_argument, NULL, NSK_OPT_MONOTONIC},                             \
	    {"boottime", required_argument, NULL, NSK_OPT_BOOTTIME},                               \
	    {"propagation", required_argument, NULL, NSK_OPT_PROPAGATION},                         \
	    {"load-interp", required_argument, NULL, NSK_OPT_LOAD_INTERP}
/* clang-format on */

/*
 * Decodes option C ('S', 'G' or an NSK_OPT_* value) with argument ARG into S.
 * Returns 1 when C is a set-up option, 0 when it is not, -EINVAL (or -ENOMEM)
 * with E->what saying what is wrong.
 */
int nsk_setup_opt(struct nsk_setup *s, int c, const char *arg, struct nsk_err *e);

/* The --help lines of the options in NSK_SETUP_LONGOPTS. */
void nsk_setup_usage(FILE *out);

/* Frees what nsk_setup_opt() allocated. */
void nsk_setup_free(struct nsk_setup *s);

/* Parses "SECONDS[.FRACTION]", with an optional sign, into *TS. Returns 0 or
 * -EINVAL. */
int nsk_parse_offset(const char *s, struct timespec *ts);

/*
 * Writes the --monotonic/--boottime offsets to /proc/PID/timens_offsets (PID
 * 0: self). Only possible while no process is in the new time namespace
 * (after unshare(CLONE_NEWTIME), before the exec or fork that enters it); the
 * writer needs CAP_SYS_TIME in its owning user namespace (5.6). Returns 0
 * (also when no offset was given) or -errno with E filled.
 */
int nsk_setup_timens(const struct nsk_setup *s, pid_t pid, struct nsk_err *e);

/*
 * Sets up the calling process in its namespaces, in util-linux's order:
 * mount propagation of / (when NEWFLAGS has CLONE_NEWNS), hostname, chroot
 * (then chdir("/") unless a working directory is given), chdir, a fresh proc
 * (made private first, so that nothing propagates back) and sysfs, the
 * binfmt_misc interpreter, setgroups/setgid, setuid, ambient capabilities,
 * the environment. NEWFLAGS are the CLONE_NEW* flags of the namespaces the
 * process is new in. Each step is traced with -v. Returns 0 or -errno with E
 * naming the step.
 */
int nsk_setup_apply(const struct nsk_setup *s, int newflags, struct nsk_err *e);

/*
 * nsjoin's -r/-w, as nsenter does them: directories opened before the mount
 * namespace changed. Makes ROOT_FD the root (fchdir + chroot(".")), then
 * WD_FD the working directory; either may be -1. Call before
 * nsk_setup_apply(), which then mounts and sets ids. Returns 0 or -errno
 * with E filled.
 */
int nsk_setup_dirs_fd(int root_fd, int wd_fd, struct nsk_err *e);

/* Reads the whole file PATH (relative to DIRFD) into a new NUL-terminated
 * buffer, e.g. /proc/PID/environ. Returns 0 with *BUF (free it) and *LEN,
 * or -errno. */
int nsk_read_file(int dirfd, const char *path, char **buf, size_t *len);

/*
 * Moves the caller into every cgroup listed in TEXT (what /proc/PID/cgroup of
 * some process holds): cgroup v2 and each v1 hierarchy, found in the
 * caller's mountinfo, by writing its PID to their cgroup.procs. A hierarchy
 * that is not mounted here is skipped. Returns 0, or -errno with E naming the
 * file (-ENOENT: no hierarchy at all).
 */
int nsk_cgroup_join(const char *text, struct nsk_err *e);

#endif
