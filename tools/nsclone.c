// SPDX-License-Identifier: GPL-2.0-or-later
/* nsclone - clone a command into new namespaces: a small container in one command (clone3(2)). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compat.h"
#include "err.h"
#include "idmap.h"
#include "mounts.h"
#include "msg.h"
#include "nsfs.h"
#include "nstype.h"
#include "pin.h"
#include "proc.h"
#include "setup.h"
#include "spawn.h"
#include "undo.h"

#define MAX_MOUNTS 256

struct nsclone_opts {
	unsigned int types;	     /* the new namespaces, NSK_TYPE_BIT() */
	const char *pin[NSK_NTYPES]; /* -n=PIN ... */
	const char *pin_dir;	     /* --pin DIR */
	struct nsk_idmap map;	     /* -r -c --map-* --setgroups --owner */
	struct nsk_setup setup;	     /* hostname, -w, env, ids, time offsets */
	const char *domainname;
	const char *root;			/* --root DIR */
	bool chroot;				/* --chroot: chroot(2) instead of pivot_root(2) */
	struct nsk_mount_op mounts[MAX_MOUNTS]; /* in command-line order */
	size_t nmounts;
	bool no_lo;
	bool init;
	bool detach;
	const char *pidfile;
	bool die_with_parent;
	const char *cgroup_dir;
	bool offsets; /* --monotonic or --boottime */
	char **argv;  /* the command */
};

enum {
	OPT_DOMAINNAME = CHAR_MAX + 1,
	OPT_CHROOT,
	OPT_BIND,
	OPT_RO_BIND,
	OPT_TMPFS,
	OPT_DEV,
	OPT_SYS,
	OPT_NO_LO,
	OPT_INIT,
	OPT_PIN,
	OPT_DETACH,
	OPT_PIDFILE,
	OPT_DIE_WITH_PARENT,
	OPT_CGROUP_DIR,
};

static noreturn void usage(void)
{
	FILE *out = stdout;

	fprintf(out, "Usage:\n %s [options] [--] [<command> [<argument>...]]\n\n", nsk_prog);
	fputs("Start a command as a new process in new namespaces (clone3(2)), set it up\n"
	      "from outside, wait for it and return its status.\n\nNamespaces:\n",
	      out);
	nsk_type_usage(out, "a new");
	fputs("                              (=<file>: pin it there, as nspin does)\n"
	      " -a, --all                    every namespace type the kernel has\n"
	      "     --pin <dir>              pin every new namespace at <dir>/<type>\n"
	      "\nUser namespace:\n",
	      out);
	nsk_idmap_usage(out);
	fputs("\nProcess:\n"
	      "     --init                   a minimal init as PID 1, the command as PID 2\n"
	      " -w, --wd <dir>               working directory of the command\n",
	      out);
	nsk_setup_usage(out);
	fputs("     --domainname <name>      NIS domain name in the new UTS namespace\n"
	      "     --no-lo                  leave lo down in a new network namespace\n"
	      "     --cgroup-dir <dir>       start the command in cgroup2 directory <dir>\n"
	      "     --detach                 do not wait: print the PID and exit\n"
	      "     --pidfile <file>         write the PID of the command to <file>\n"
	      "     --die-with-parent        kill the command when nsclone dies\n"
	      "\nFile system (in command-line order, inside the new mount namespace):\n"
	      " -R, --root <dir>             pivot_root(2) into <dir>, the old root detached\n"
	      "     --chroot                 with --root: chroot(2) instead of pivot_root(2)\n"
	      "     --bind <src>:<dst>       bind-mount <src> on <dst>\n"
	      "     --ro-bind <src>:<dst>    bind-mount <src> on <dst> read-only\n"
	      "     --tmpfs <dst>[:<opts>]   mount a tmpfs on <dst>\n"
	      "     --dev                    a minimal /dev: null zero full random urandom\n"
	      "                              tty, pts, shm\n"
	      "     --sys                    a fresh sysfs at /sys\n"
	      "\n"
	      " -v, --verbose                print each step in system-call words\n"
	      " -h, --help                   display this help\n"
	      " -V, --version                display version\n",
	      out);
	exit(EXIT_SUCCESS);
}

static void add_mount(struct nsclone_opts *o, enum nsk_mount_kind kind, char *arg, const char *opt)
{
	if (o->nmounts == MAX_MOUNTS)
		nsk_usage_err(NSK_EXIT_TOOL, "too many mounts (at most %d)", MAX_MOUNTS);
	if (nsk_mount_op_parse(&o->mounts[o->nmounts], kind, arg) < 0)
		nsk_usage_err(NSK_EXIT_TOOL, "invalid --%s argument '%s'", opt, arg);
	o->nmounts++;
}

static void parse_args(struct nsclone_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		NSK_TYPE_LONGOPTS,
		NSK_IDMAP_LONGOPTS,
		NSK_SETUP_LONGOPTS,
		{"all", no_argument, NULL, 'a'},
		{"pin", required_argument, NULL, OPT_PIN},
		{"init", no_argument, NULL, OPT_INIT},
		{"wd", required_argument, NULL, 'w'},
		{"domainname", required_argument, NULL, OPT_DOMAINNAME},
		{"no-lo", no_argument, NULL, OPT_NO_LO},
		{"cgroup-dir", required_argument, NULL, OPT_CGROUP_DIR},
		{"detach", no_argument, NULL, OPT_DETACH},
		{"pidfile", required_argument, NULL, OPT_PIDFILE},
		{"die-with-parent", no_argument, NULL, OPT_DIE_WITH_PARENT},
		{"root", required_argument, NULL, 'R'},
		{"chroot", no_argument, NULL, OPT_CHROOT},
		{"bind", required_argument, NULL, OPT_BIND},
		{"ro-bind", required_argument, NULL, OPT_RO_BIND},
		{"tmpfs", required_argument, NULL, OPT_TMPFS},
		{"dev", no_argument, NULL, OPT_DEV},
		{"sys", no_argument, NULL, OPT_SYS},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	static char dev[] = "/dev", sys[] = "/sys", proc[] = "/proc";
	struct nsk_err e = {.hint = NULL};
	const char *file;
	int c, t, r;

	o->setup.propagation = MS_PRIVATE | MS_REC;
	while ((c = getopt_long(argc, argv,
				"+" NSK_TYPE_SHORTOPTS NSK_IDMAP_SHORTOPTS NSK_SETUP_SHORTOPTS
				"aR:w:vhV",
				longopts, NULL)) != -1) {
		/* --mount-proc joins the queue: in a user namespace proc can be
		 * mounted only while the host's /proc is still visible, that is
		 * before pivot_root. */
		if (c == NSK_OPT_MOUNT_PROC) {
			add_mount(o, NSK_MOUNT_PROC, optarg && *optarg ? optarg : proc,
				  "mount-proc");
			continue;
		}
		if (c == 'w')
			c = NSK_OPT_WD;
		if ((r = nsk_idmap_opt(&o->map, c, optarg, &e)) == 0)
			r = nsk_setup_opt(&o->setup, c, optarg, &e);
		if (r < 0)
			nsk_usage_err(NSK_EXIT_TOOL, "%s", e.what);
		if (r > 0)
			continue;
		if ((t = nsk_type_opt(c, optarg, &file, &e)) != -1) {
			if (t < 0)
				nsk_usage_err(NSK_EXIT_TOOL, "%s", e.what);
			o->types |= NSK_TYPE_BIT(t);
			o->pin[t] = file;
			continue;
		}
		switch (c) {
		case 'a':
			o->types |= nsk_types_available();
			break;
		case OPT_PIN:
			o->pin_dir = optarg;
			break;
		case OPT_INIT:
			o->init = true;
			break;
		case OPT_DOMAINNAME:
			o->domainname = optarg;
			break;
		case OPT_NO_LO:
			o->no_lo = true;
			break;
		case OPT_CGROUP_DIR:
			o->cgroup_dir = optarg;
			break;
		case OPT_DETACH:
			o->detach = true;
			break;
		case OPT_PIDFILE:
			o->pidfile = optarg;
			break;
		case OPT_DIE_WITH_PARENT:
			o->die_with_parent = true;
			break;
		case 'R':
			o->root = optarg;
			break;
		case OPT_CHROOT:
			o->chroot = true;
			break;
		case OPT_BIND:
			add_mount(o, NSK_MOUNT_BIND, optarg, "bind");
			break;
		case OPT_RO_BIND:
			add_mount(o, NSK_MOUNT_RO_BIND, optarg, "ro-bind");
			break;
		case OPT_TMPFS:
			add_mount(o, NSK_MOUNT_TMPFS, optarg, "tmpfs");
			break;
		case OPT_DEV:
			add_mount(o, NSK_MOUNT_DEV, dev, "dev");
			break;
		case OPT_SYS:
			add_mount(o, NSK_MOUNT_SYS, sys, "sys");
			break;
		case 'v':
			nsk_verbose = true;
			break;
		case 'h':
			usage();
		case 'V':
			nsk_print_version();
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", nsk_prog);
			exit(NSK_EXIT_TOOL);
		}
	}
	o->argv = nsk_command(argc - optind, argv + optind);
}

/* What the options imply, as util-linux does for --mount-proc: a mount
 * namespace for every mount (so that none reaches the caller's), a UTS
 * namespace for a hostname, a PID namespace for --init, a time namespace
 * for offsets. */
static void validate(struct nsclone_opts *o)
{
	struct nsk_err e = {.hint = NULL};
	int r;

	o->offsets = o->setup.has_monotonic || o->setup.has_boottime;
	if (nsk_idmap_wanted(&o->map))
		o->types |= NSK_TYPE_BIT(NSK_USER);
	if (o->nmounts || o->root || o->setup.interp)
		o->types |= NSK_TYPE_BIT(NSK_MNT);
	if (o->setup.hostname || o->domainname)
		o->types |= NSK_TYPE_BIT(NSK_UTS);
	if (o->init)
		o->types |= NSK_TYPE_BIT(NSK_PID);
	if (o->offsets)
		o->types |= NSK_TYPE_BIT(NSK_TIME);
	if (o->chroot && !o->root)
		nsk_usage_err(NSK_EXIT_TOOL, "--chroot needs --root");
	if (o->detach && o->die_with_parent)
		nsk_usage_err(NSK_EXIT_TOOL, "--detach and --die-with-parent exclude each other");
	if (o->setup.propagation != (MS_PRIVATE | MS_REC) &&
	    o->setup.propagation != (MS_SLAVE | MS_REC) && o->nmounts)
		nsk_usage_err(NSK_EXIT_TOOL, "--propagation shared or unchanged would carry the "
					     "container's mounts back to the caller's namespace");
	/* The options themselves: E says all. */
	if ((r = nsk_idmap_finish(&o->map, &e)) < 0)
		nsk_die_rec(NSK_EXIT_TOOL, r == -EINVAL || r == -E2BIG ? 0 : r, &e);
}

/* A read-only bind in a user namespace gets locked (nsk_mount_lock()). */
static bool lock_wanted(const struct nsclone_opts *o)
{
	if (!(o->types & NSK_TYPE_BIT(NSK_USER)))
		return false;
	for (size_t i = 0; i < o->nmounts; i++)
		if (o->mounts[i].kind == NSK_MOUNT_RO_BIND)
			return true;
	return false;
}

static bool pins_wanted(const struct nsclone_opts *o)
{
	if (o->pin_dir)
		return true;
	for (int t = 0; t < NSK_NTYPES; t++)
		if (o->pin[t])
			return true;
	return false;
}

/* Whether the child waits for the parent before it starts: for its maps, for
 * the move into the cgroup where clone3 could not do it, for the pidfile to
 * exist before the command runs, and with --die-with-parent to learn that
 * the parent was alive after the prctl (in a new PID namespace getppid()
 * says 0). Otherwise it need not wait. */
static bool first_go_wanted(const struct nsclone_opts *o, bool late_cgroup)
{
	return (o->types & NSK_TYPE_BIT(NSK_USER)) || late_cgroup || o->pidfile ||
	       o->die_with_parent;
}

/* ---- the child, between clone3 and execve ---- */

/* Where the child stops and waits for the parent to act from outside. */
enum {
	STAGE_NONE,
	STAGE_LOCK, /* nsk_mount_lock() done: write the maps of the new user ns */
	STAGE_PINS, /* every namespace is final: pin them */
};

/* What the child says over the error pipe when a step fails, in one write
 * (smaller than PIPE_BUF, so atomic). EOF on the pipe means execve worked. */
struct child_report {
	int stage;  /* STAGE_*: the child waits for the parent, no failure */
	int status; /* the exit status nsclone uses: 125, 126, 127 */
	int err;    /* errno */
	char what[256];
	char hint[256];
};

struct child_ctx {
	const struct nsclone_opts *o;
	sigset_t oldmask;
	int go_fd;	  /* read end of parent -> child */
	int err_fd;	  /* write end of child -> parent */
	bool late_cgroup; /* make the cgroup namespace after the parent moved us */
	bool late_time;	  /* make the time namespace: clone(2) cannot */
};

static noreturn void child_fail(struct child_ctx *c, int status, int err, const char *hint,
				const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void child_fail(struct child_ctx *c, int status, int err, const char *hint, const char *fmt,
		       ...)
{
	struct child_report rep = {.status = status, .err = err < 0 ? -err : err};
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rep.what, sizeof(rep.what), fmt, ap);
	va_end(ap);
	if (hint)
		snprintf(rep.hint, sizeof(rep.hint), "%s", hint);
	if (write(c->err_fd, &rep, sizeof(rep)) < 0)
		_exit(status);
	_exit(status);
}

/* Waits for the parent to finish the set-up from outside. EOF without the
 * byte means that the parent died first: there is nobody to report to. */
static void child_wait_go(struct child_ctx *c)
{
	char b;
	ssize_t n;

	do
		n = read(c->go_fd, &b, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1)
		_exit(NSK_EXIT_TOOL);
}

/* Tells the parent that the child reached STAGE and waits for its go. */
static void child_stage(struct child_ctx *c, int stage)
{
	struct child_report rep = {.stage = stage};

	if (write(c->err_fd, &rep, sizeof(rep)) != (ssize_t)sizeof(rep))
		_exit(NSK_EXIT_TOOL);
	child_wait_go(c);
}

/* Brings lo up in the new network namespace: ioctl(SIOCSIFFLAGS, IFF_UP). */
static int lo_up(void)
{
	struct ifreq ifr = {.ifr_name = "lo"};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	int r = 0;

	if (fd < 0)
		return -errno;
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		r = -errno;
	} else {
		ifr.ifr_flags |= IFF_UP;
		if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0)
			r = -errno;
	}
	close(fd);
	nsk_trace("ioctl(SIOCSIFFLAGS, \"lo\", IFF_UP) = %s", r ? "-1" : "0");
	return r;
}

/* The queue of mounts in command-line order, below the new root, then the
 * switch to it: all inside the new mount namespace, made private first so
 * that nothing propagates back to the caller's. */
static void child_mounts(struct child_ctx *c)
{
	const struct nsclone_opts *o = c->o;
	struct nsk_err e = {.hint = NULL};
	int r = 0;

	if (o->setup.propagation)
		r = nsk_mount_propagation(o->setup.propagation, &e);
	if (r == 0 && o->root)
		r = nsk_mount_root_prepare(o->root, &e);
	for (size_t i = 0; r == 0 && i < o->nmounts; i++)
		r = nsk_mount_apply(&o->mounts[i], o->root, nsk_mount_on_own_tmpfs(o->mounts, i),
				    &e);
	/* --chroot is left to nsk_setup_apply(), as nsunshare -R does it. */
	if (r == 0 && o->root && !o->chroot)
		r = nsk_mount_pivot_root(o->root, &e);
	/* Root of a user namespace could remount a read-only bind writable:
	 * lock the mounts (before --chroot, which would forbid a user ns). */
	if (r == 0 && lock_wanted(o) && (r = nsk_mount_lock(&e)) == 0)
		child_stage(c, STAGE_LOCK); /* the parent writes our new maps */
	if (r < 0)
		child_fail(c, NSK_EXIT_TOOL, r, e.hint, "%s", e.what);
}

/* The minimal init of --init: the command runs as PID 2; PID 1 forwards
 * every signal to it, reaps orphans, and exits with its status. */
static noreturn void child_exec(struct child_ctx *c)
{
	sigset_t all;
	pid_t cmd = 0;
	int status;

	if (c->o->init) {
		sigfillset(&all);
		sigprocmask(SIG_SETMASK, &all, NULL);
		cmd = fork();
		if (cmd < 0)
			child_fail(c, NSK_EXIT_TOOL, errno, NULL, "cannot fork the command");
	}
	if (cmd == 0) {
		nsk_signals_restore(&c->oldmask);
		status = nsk_exec(c->o->argv);
		child_fail(c, status, errno, NULL, "failed to execute %s", c->o->argv[0]);
	}
	close(c->err_fd);
	close(c->go_fd);
	status = nsk_init_wait(cmd);
	_exit(status < 0 ? NSK_EXIT_TOOL : status);
}

static noreturn void child_main(struct child_ctx *c)
{
	const struct nsclone_opts *o = c->o;
	struct nsk_setup setup = o->setup;
	struct nsk_err e = {.hint = NULL};
	int r;

	if (o->die_with_parent && prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		child_fail(c, NSK_EXIT_TOOL, errno, NULL, "cannot set the parent-death signal");
	if (first_go_wanted(o, c->late_cgroup))
		child_wait_go(c);
	if (c->late_cgroup && (o->types & NSK_TYPE_BIT(NSK_CGROUP))) {
		r = unshare(CLONE_NEWCGROUP) < 0 ? -errno : 0;
		nsk_trace("unshare(CLONE_NEWCGROUP) = %d", r);
		if (r < 0)
			child_fail(c, NSK_EXIT_TOOL, r, NULL, "cannot create a cgroup namespace");
	}
	/* Signals reach the command as they reached nsclone. */
	if (!o->init)
		nsk_signals_restore(&c->oldmask);
	if ((o->offsets && (o->types & NSK_TYPE_BIT(NSK_USER))) || c->late_time) {
		/* Owned by the new user namespace, so made here, after the maps:
		 * offsets must be written before anything enters (p10), and
		 * execve (or the fork of --init) moves the command in. Also where
		 * clone(2) had to stand in for clone3. */
		r = unshare(CLONE_NEWTIME) < 0 ? -errno : 0;
		nsk_trace("unshare(CLONE_NEWTIME) = %d", r);
		if (r < 0)
			child_fail(c, NSK_EXIT_TOOL, r, NULL, "cannot create a time namespace");
		if ((r = nsk_setup_timens(&o->setup, 0, &e)) < 0)
			child_fail(c, NSK_EXIT_TOOL, r, e.hint, "%s", e.what);
	}
	if (o->domainname) {
		r = setdomainname(o->domainname, strlen(o->domainname)) < 0 ? -errno : 0;
		nsk_trace("setdomainname(\"%s\") = %d", o->domainname, r);
		if (r < 0)
			child_fail(c, NSK_EXIT_TOOL, r, NULL, "cannot set the domain name to '%s'",
				   o->domainname);
	}
	if ((o->types & NSK_TYPE_BIT(NSK_NET)) && !o->no_lo && (r = lo_up()) < 0)
		child_fail(c, NSK_EXIT_TOOL, r, NULL, "cannot bring lo up");
	/* The hostname first: after nsk_mount_lock() the process has no
	 * capability over the UTS namespace any more. */
	if (o->setup.hostname) {
		struct nsk_setup only = {.hostname = o->setup.hostname};

		if ((r = nsk_setup_apply(&only, 0, &e)) < 0)
			child_fail(c, NSK_EXIT_TOOL, r, e.hint, "%s", e.what);
		setup.hostname = NULL;
	}
	if (o->types & NSK_TYPE_BIT(NSK_MNT))
		child_mounts(c);
	/* chroot for --chroot, -w, ids, capabilities, environment:
	 * propagation was done by child_mounts(). */
	setup.root = o->chroot ? o->root : NULL;
	r = nsk_setup_apply(&setup, nsk_types_to_flags(o->types) & ~CLONE_NEWNS, &e);
	if (r < 0)
		child_fail(c, NSK_EXIT_TOOL, r, e.hint, "%s", e.what);
	/* With pins, the parent pins the namespaces the command will really be
	 * in, once they are final (a time namespace of -U -T, the locked user
	 * and mount namespaces of --ro-bind with -U). */
	if (pins_wanted(o))
		child_stage(c, STAGE_PINS);
	child_exec(c);
}

/* ---- the parent ---- */

struct parent {
	pid_t pid;
	int pidfd;
	int go_fd;  /* write end */
	int err_fd; /* read end */
	int cgroup_fd;
	bool late_cgroup;    /* clone3 could not use CLONE_INTO_CGROUP */
	const char *pidfile; /* written by us: removed on failure and after the wait */
	char flags_str[256], call_str[256]; /* for messages and -v */
	struct nsk_undo undo;		    /* the pins, until the command runs */
};

/* The parent's own failure after the child exists: it dies with nsclone. */
static noreturn void parent_fail(struct parent *p, int err, const char *hint, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void parent_fail(struct parent *p, int err, const char *hint, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (p->pid > 0) {
		if (p->pidfd >= 0)
			nsk_sys_pidfd_send_signal(p->pidfd, SIGKILL, NULL, 0);
		else
			kill(p->pid, SIGKILL);
		while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	if (p->pidfile)
		unlink(p->pidfile);
	nsk_undo_run(&p->undo);
	if (err)
		nsk_warn_err(err, "%s", what);
	else
		nsk_warnx("%s", what);
	if (hint)
		nsk_hint("%s", hint);
	exit(NSK_EXIT_TOOL);
}

/* clone3 with CLONE_PIDFD (5.2/5.3) and CLONE_CLEAR_SIGHAND (5.5): the child
 * holds no handler of ours and cannot be recycled under us; with
 * CLONE_INTO_CGROUP (5.7) it starts in --cgroup-dir. Where clone3 does not
 * know CLONE_INTO_CGROUP (E2BIG before 5.7) or is missing (ENOSYS before
 * 5.3, clone(2) then), the parent moves the child into the cgroup while it
 * waits, and the child makes its cgroup namespace itself afterwards, so that
 * it is rooted there all the same. */
static pid_t clone_child(const struct nsclone_opts *o, struct parent *p, struct child_ctx *c)
{
	int flags = nsk_types_to_flags(o->types);
	struct nsk_clone_args args = {
		.flags = (uint64_t)(unsigned int)flags | CLONE_PIDFD | CLONE_CLEAR_SIGHAND,
		.pidfd = (uint64_t)(uintptr_t)&p->pidfd,
		.exit_signal = SIGCHLD,
	};
	size_t size = NSK_CLONE_ARGS_SIZE_VER0;
	pid_t pid;

	/* With offsets the time namespace is made by unshare(2), not here:
	 * by the parent already, or by the child after its maps (-U). */
	if (o->offsets)
		args.flags &= ~(uint64_t)CLONE_NEWTIME;
	if (p->cgroup_fd >= 0) {
		args.flags |= CLONE_INTO_CGROUP;
		args.cgroup = (uint64_t)p->cgroup_fd;
		size = NSK_CLONE_ARGS_SIZE_VER2;
	}
	pid = nsk_sys_clone3(&args, size);
	if (pid < 0 && errno == E2BIG && p->cgroup_fd >= 0) {
		args.flags &= ~(CLONE_INTO_CGROUP | CLONE_NEWCGROUP);
		c->late_cgroup = p->late_cgroup = true;
		pid = nsk_sys_clone3(&args, NSK_CLONE_ARGS_SIZE_VER0);
	}
	if (pid == 0)
		return 0;
	nsk_flags_str(args.flags & ~(uint64_t)(CLONE_PIDFD | CLONE_CLEAR_SIGHAND), p->flags_str,
		      sizeof(p->flags_str));
	if (pid > 0 || errno != ENOSYS) {
		int err = errno;

		nsk_trace("clone3(%s) = %d",
			  nsk_flags_str(args.flags, p->call_str, sizeof(p->call_str)),
			  pid > 0 ? (int)pid : -1);
		errno = err;
		return pid;
	}
	/* Legacy clone(2) reads CLONE_NEWTIME (0x80) as part of the exit signal
	 * and creates no time namespace: never pass it there; the child makes
	 * it with unshare(2) instead, and execve takes it in. */
	if (args.flags & CLONE_NEWTIME) {
		args.flags &= ~(uint64_t)CLONE_NEWTIME;
		c->late_time = true;
	}
	args.flags &= 0xffffffffULL & ~(uint64_t)CLONE_PIDFD;
	if (p->cgroup_fd >= 0) {
		args.flags &= ~(uint64_t)CLONE_NEWCGROUP;
		c->late_cgroup = p->late_cgroup = true;
	}
	pid = (pid_t)syscall(SYS_clone, (unsigned long)args.flags | SIGCHLD, NULL, NULL, NULL,
			     NULL);
	if (pid == 0)
		return 0;
	nsk_trace("clone(%s) = %d", nsk_flags_str(args.flags, p->call_str, sizeof(p->call_str)),
		  (int)pid);
	if (pid > 0) {
		int fd = nsk_pidfd_open(pid); /* 5.3; none before: we use the PID */

		p->pidfd = fd >= 0 ? fd : -1;
	}
	return pid;
}

/* Where clone3 could not place the child: cgroup.procs, while it waits. */
static void parent_cgroup_move(const struct nsclone_opts *o, struct parent *p)
{
	char buf[32];
	int fd, n, r = 0;

	fd = openat(p->cgroup_fd, "cgroup.procs", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		parent_fail(p, errno, NULL, "cannot open %s/cgroup.procs", o->cgroup_dir);
	n = snprintf(buf, sizeof(buf), "%d", (int)p->pid);
	if (write(fd, buf, n) != n)
		r = -errno;
	close(fd);
	nsk_trace("write(%s/cgroup.procs, \"%d\") = %d", o->cgroup_dir, (int)p->pid, r);
	if (r < 0)
		parent_fail(p, r, NULL, "cannot move %d into %s", (int)p->pid, o->cgroup_dir);
}

/* Without a user namespace the parent makes the time namespace itself, writes
 * the offsets, and the child is born into it (time_for_children). */
static void parent_time_ns(const struct nsclone_opts *o)
{
	struct nsk_err e = {.hint = NULL};
	int r;

	if (!o->offsets || (o->types & NSK_TYPE_BIT(NSK_USER)))
		return;
	r = unshare(CLONE_NEWTIME);
	nsk_trace("unshare(CLONE_NEWTIME) = %s", r ? "-1" : "0");
	if (r < 0) {
		int err = errno;

		nsk_warn_err(err, "cannot create a time namespace");
		nsk_hint_perm(err, "CAP_SYS_ADMIN", "the current user namespace (add -U -r)");
		exit(NSK_EXIT_TOOL);
	}
	if ((r = nsk_setup_timens(&o->setup, 0, &e)) < 0)
		nsk_die_rec(NSK_EXIT_TOOL, r, &e);
}

static void write_pidfile(const struct nsclone_opts *o, struct parent *p)
{
	char buf[32];
	int fd, n;

	if (!o->pidfile)
		return;
	fd = open(o->pidfile, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		parent_fail(p, errno, NULL, "cannot create %s", o->pidfile);
	p->pidfile = o->pidfile;
	n = snprintf(buf, sizeof(buf), "%d\n", (int)p->pid);
	if (write(fd, buf, n) != n || close(fd) < 0)
		parent_fail(p, errno, NULL, "cannot write %s", o->pidfile);
}

/* Reads the child's next report: STAGE_NONE at EOF (execve worked), or the
 * STAGE_* where it waits; a failure is printed, the child reaped, and
 * nsclone exits with its status. */
static int read_report(struct parent *p)
{
	struct child_report rep;
	ssize_t n;

	do
		n = read(p->err_fd, &rep, sizeof(rep));
	while (n < 0 && errno == EINTR);
	if (n == (ssize_t)sizeof(rep) && rep.stage != STAGE_NONE)
		return rep.stage;
	if (n <= 0)
		return STAGE_NONE;
	while (waitpid(p->pid, NULL, 0) < 0 && errno == EINTR)
		;
	if (p->pidfile)
		unlink(p->pidfile);
	nsk_undo_run(&p->undo);
	if (n != (ssize_t)sizeof(rep))
		nsk_diex(NSK_EXIT_TOOL, "the child failed before execve");
	rep.what[sizeof(rep.what) - 1] = '\0';
	rep.hint[sizeof(rep.hint) - 1] = '\0';
	nsk_warn_err(rep.err, "%s", rep.what);
	if (rep.hint[0])
		nsk_hint("%s", rep.hint);
	exit(rep.status);
}

/* Pins the child's new namespaces (=PIN, --pin DIR) from the parent, whose
 * mount namespace is older than the child's, as the kernel requires of a
 * mount namespace pin. Each pin is on the undo list until the command runs. */
static void pin_all(const struct nsclone_opts *o, struct parent *p)
{
	int fds[NSK_NTYPES];
	struct nsk_pin_error perr = {.op = NULL};
	int r = 0, t;

	for (t = 0; t < NSK_NTYPES; t++)
		fds[t] = -1;
	for (t = 0; t < NSK_NTYPES; t++) {
		if (!(o->types & NSK_TYPE_BIT(t)))
			continue;
		/* time: the child's time_for_children is where execve takes it */
		fds[t] = nsk_ns_open_pid(p->pid, p->pidfd, t, t == NSK_TIME);
		if (fds[t] < 0)
			parent_fail(p, fds[t], NULL, "cannot open the %s namespace of %d",
				    nsk_types[t].name, (int)p->pid);
	}
	for (t = 0; r == 0 && t < NSK_NTYPES; t++) {
		struct stat st;

		if (!o->pin[t] || fds[t] < 0)
			continue;
		/* `touch F; nsclone -n=F` binds over F, as util-linux does. */
		r = nsk_pin_fd(fds[t], o->pin[t],
			       stat(o->pin[t], &st) == 0 && S_ISREG(st.st_mode) ? NSK_PIN_EXISTING
										: 0,
			       &p->undo, &perr);
	}
	if (r == 0 && o->pin_dir)
		r = nsk_pin_set(o->pin_dir, fds, 0, &p->undo, &perr);
	if (r < 0) {
		int type = t > 0 && r < 0 && !o->pin_dir ? t - 1 : NSK_MNT;
		const char *hint = nsk_pin_hint(r, (enum nsk_type)type, fds[type]);

		for (t = 0; t < NSK_NTYPES; t++)
			if (fds[t] >= 0)
				close(fds[t]);
		parent_fail(p, r, hint, "cannot pin at %s (%s)", perr.path,
			    perr.op ? perr.op : "mount");
	}
	for (t = 0; t < NSK_NTYPES; t++)
		if (fds[t] >= 0)
			close(fds[t]);
}

/* The set-up from outside, while the child waits at each stage: its maps
 * (p11), the maps of the user namespace that locks its mounts, the pins.
 * Returns once the command runs (EOF on the report pipe). */
static void set_up_child(const struct nsclone_opts *o, struct parent *p)
{
	struct nsk_err e = {.hint = NULL};
	int r;

	if ((o->types & NSK_TYPE_BIT(NSK_USER)) && (r = nsk_idmap_write(&o->map, p->pid, &e)) < 0)
		parent_fail(p, r, e.hint, "%s", e.what);
	if (first_go_wanted(o, p->late_cgroup) && write(p->go_fd, "g", 1) != 1)
		parent_fail(p, errno, NULL, "cannot start the child");
	while ((r = read_report(p)) != STAGE_NONE) {
		if (r == STAGE_LOCK && (r = nsk_mount_lock_maps(p->pid, p->pidfd, &e)) < 0)
			parent_fail(p, r, e.hint, "%s", e.what);
		if (r == STAGE_PINS)
			pin_all(o, p);
		if (write(p->go_fd, "g", 1) != 1)
			parent_fail(p, errno, NULL, "cannot continue the child");
	}
	close(p->err_fd);
	close(p->go_fd);
}

static int run(const struct nsclone_opts *o)
{
	struct parent p = {.pid = -1, .pidfd = -1, .cgroup_fd = -1, .undo = NSK_UNDO_INIT};
	struct child_ctx c = {.o = o};
	struct nsk_err e = {.hint = NULL};
	int go[2], errp[2], r;

	if (o->cgroup_dir) {
		p.cgroup_fd = open(o->cgroup_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (p.cgroup_fd < 0)
			nsk_die_err(NSK_EXIT_TOOL, errno, "cannot open %s", o->cgroup_dir);
	}
	if (pipe2(go, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0)
		nsk_die_err(NSK_EXIT_TOOL, errno, "cannot create a pipe");
	r = nsk_signals_block(&c.oldmask);
	if (r < 0)
		nsk_die_err(NSK_EXIT_TOOL, r, "cannot block signals");
	/* --owner: the new user namespace belongs to whom clone3 runs as. */
	if ((r = nsk_idmap_become_owner(&o->map, &e)) < 0)
		nsk_die_rec(NSK_EXIT_TOOL, r, &e);
	parent_time_ns(o);

	p.pid = clone_child(o, &p, &c);
	if (p.pid == 0) {
		c.go_fd = go[0];
		c.err_fd = errp[1];
		close(go[1]);
		close(errp[0]);
		if (p.cgroup_fd >= 0) /* an --init that never execs would hold it */
			close(p.cgroup_fd);
		child_main(&c);
	}
	if (p.pid < 0) {
		int err = errno;

		nsk_warn_err(err, "cannot clone into new namespaces (%s)", p.flags_str);
		if (err == ENOSPC || err == EUSERS)
			nsk_hint("a namespace limit was reached (/proc/sys/user/max_*_namespaces)");
		else if ((err == EPERM || err == EACCES) && !(o->types & NSK_TYPE_BIT(NSK_USER)))
			nsk_hint("new namespaces need CAP_SYS_ADMIN; without it, add -U -r "
				 "(a user namespace of your own, with root in it)");
		exit(NSK_EXIT_TOOL);
	}
	close(go[0]);
	close(errp[1]);
	if (p.late_cgroup)
		parent_cgroup_move(o, &p);
	if (p.cgroup_fd >= 0)
		close(p.cgroup_fd);
	p.go_fd = go[1];
	p.err_fd = errp[0];

	/* Before the command runs, so that it (and whoever waits for the
	 * file) finds it there. */
	write_pidfile(o, &p);
	set_up_child(o, &p);
	nsk_undo_forget(&p.undo); /* the command runs: the pins stay */
	if (o->detach) {
		printf("%d\n", (int)p.pid);
		fflush(stdout);
		return 0;
	}
	r = nsk_wait_forward(p.pid, p.pidfd);
	if (p.pidfile)
		unlink(p.pidfile);
	if (r < 0)
		nsk_die_err(NSK_EXIT_TOOL, r, "cannot wait for %d", (int)p.pid);
	return r;
}

int main(int argc, char **argv)
{
	static struct nsclone_opts opts;

	nsk_msg_init(argv[0]);
	parse_args(&opts, argc, argv);
	validate(&opts);
	return run(&opts);
}
