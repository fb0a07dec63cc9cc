// SPDX-License-Identifier: GPL-2.0-or-later
/* nsjoin - run a command in existing namespaces (setns(2)). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compat.h"
#include "msg.h"
#include "nsfs.h"
#include "nstype.h"
#include "proc.h"
#include "ref.h"
#include "setup.h"
#include "spawn.h"

#define BIT(t) NSK_TYPE_BIT(t)

enum {
	OPT_USER_PARENT = CHAR_MAX + 1,
	OPT_PRESERVE_CREDS,
};

struct nsjoin_opts {
	const char *target;	      /* -t REF (without a :INODE guard) */
	ino_t guard;		      /* -t PID:INODE: the inode of its pid namespace */
	unsigned int flagged;	      /* the types named by type flags */
	const char *file[NSK_NTYPES]; /* --TYPE=FILE */
	bool all;		      /* -a */
	int net_socket;		      /* -N FD, or -1 */
	bool user_parent;	      /* --user-parent */
	bool no_fork;		      /* -F */
	bool root, wd;		      /* -r, -w */
	const char *root_dir;	      /* -r DIR, or NULL: the target's root */
	const char *wd_dir;	      /* -w DIR, or NULL: the target's cwd */
	bool preserve_creds;	      /* --preserve-credentials */
	bool env;		      /* -e */
	bool join_cgroup;	      /* -c */
	struct nsk_setup setup;	      /* -S -G --keep-caps --mount-proc --mount-sys, -W */
	char **argv;		      /* the command */
};

/* What nsjoin holds between resolving the references and the exec. */
struct nsjoin_state {
	struct nsk_ref target;	      /* -t */
	char pid_desc[32];	      /* "PID 1234" */
	const char *target_desc;      /* that, or the path: for messages */
	int fd[NSK_NTYPES];	      /* the namespace to join, per type, or -1 */
	const char *desc[NSK_NTYPES]; /* where each came from, for messages */
	struct stat self[NSK_NTYPES]; /* the caller's own namespaces */
	unsigned int self_known;      /* the types of self[] that stat() gave */
	unsigned int join;	      /* the types to join */
	unsigned int from_target;     /* ... of which taken from the -t process as is */
	unsigned int joined;	      /* the types joined */
	int root_fd, wd_fd;	      /* -r, -w: opened before the mount ns changes */
	char *env;		      /* -e: the target's environ, NUL-separated */
};

static noreturn void usage(void)
{
	FILE *out = stdout;

	fprintf(out, "Usage:\n %s [options] [--] [<program> [<argument>...]]\n", nsk_prog);
	fputs("\nRun a program in namespaces that already exist (setns(2)).\n"
	      "With -t and no type flag, join every namespace of the target that differs\n"
	      "from ours.\n\nOptions:\n",
	      out);
	fputs(" -t, --target <ref>           take the namespaces of <ref>: a PID (PID:INODE\n"
	      "                                checks its pid namespace inode), a namespace\n"
	      "                                file, a pin directory or name, TYPE:[INODE]\n"
	      " -a, --all                    join every namespace of the target that differs\n",
	      out);
	nsk_type_usage(out, "join");
	fputs(" -N, --net-socket <fd>        join the network namespace of socket <fd>\n"
	      "     --user-parent            join the parent of the target's user namespace\n"
	      " -S, --setuid <uid>           set the uid in the joined namespaces\n"
	      " -G, --setgid <gid>           set the gid in the joined namespaces\n"
	      "     --preserve-credentials   keep uid and gids when joining a user namespace\n"
	      "     --keep-caps              keep the capabilities granted in the joined user\n"
	      "                                namespace (as ambient capabilities)\n"
	      " -r, --root[=<dir>]           set the root directory (default: the target's)\n"
	      " -w, --wd[=<dir>]             set the working directory (default: the target's)\n"
	      " -W, --wdns <dir>             set the working directory inside the namespaces\n"
	      " -e, --env                    take the environment of the target process\n"
	      " -c, --join-cgroup            move into the cgroups of the target process\n"
	      "     --mount-proc[=<dir>]     give the program a fresh /proc of the joined\n"
	      "                                PID namespace, in a mount namespace of its own\n"
	      "     --mount-sys[=<dir>]      same with a fresh /sys of the joined network\n"
	      "                                namespace\n"
	      " -F, --no-fork                do not fork before running the program\n"
	      " -v, --verbose                show each system call on stderr\n"
	      " -h, --help                   display this help\n"
	      " -V, --version                display version\n",
	      out);
	fprintf(out,
		"\nExit status: that of the program; 125 when %s fails, 126 when the\n"
		"program cannot be run, 127 when it is not found, 128+N on signal N.\n",
		nsk_prog);
	exit(EXIT_SUCCESS);
}

/* "PID:INODE" guards the PID with the inode of its pid namespace. */
static void parse_target(const char *arg, struct nsjoin_opts *o)
{
	static char pid[32];
	const char *colon = strchr(arg, ':');
	unsigned long long ino;
	char *end;

	o->target = arg;
	if (!colon || (size_t)(colon - arg) >= sizeof(pid) || colon == arg ||
	    strspn(arg, "0123456789") != (size_t)(colon - arg) || colon[1] < '0' || colon[1] > '9')
		return;
	errno = 0;
	ino = strtoull(colon + 1, &end, 10);
	if (errno || *end || ino == 0)
		nsk_usage_err(NSK_EXIT_TOOL, "invalid pid namespace inode in '%s'", arg);
	memcpy(pid, arg, colon - arg);
	pid[colon - arg] = '\0';
	o->target = pid;
	o->guard = (ino_t)ino;
}

static void parse_args(int argc, char **argv, struct nsjoin_opts *o)
{
	static const struct option longopts[] = {
		{"target", required_argument, NULL, 't'},
		{"all", no_argument, NULL, 'a'},
		NSK_TYPE_LONGOPTS,
		{"net-socket", required_argument, NULL, 'N'},
		{"user-parent", no_argument, NULL, OPT_USER_PARENT},
		{"setuid", required_argument, NULL, 'S'},
		{"setgid", required_argument, NULL, 'G'},
		{"preserve-credentials", no_argument, NULL, OPT_PRESERVE_CREDS},
		{"keep-caps", no_argument, NULL, NSK_OPT_KEEP_CAPS},
		{"root", optional_argument, NULL, 'r'},
		{"wd", optional_argument, NULL, 'w'},
		{"wdns", required_argument, NULL, 'W'},
		{"env", no_argument, NULL, 'e'},
		{"join-cgroup", no_argument, NULL, 'c'},
		{"mount-proc", optional_argument, NULL, NSK_OPT_MOUNT_PROC},
		{"mount-sys", optional_argument, NULL, NSK_OPT_MOUNT_SYS},
		{"no-fork", no_argument, NULL, 'F'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	const char *shortopts = "+t:a" NSK_TYPE_SHORTOPTS "N:S:G:r::w::W:ecFvhV";
	struct nsk_err e;
	char *end;
	long fd;
	int c, r;

	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		const char *file;
		int t = nsk_type_opt(c, optarg, &file, &e);

		if (t != -1) {
			if (t < 0)
				nsk_usage_err(NSK_EXIT_TOOL, "%s", e.what);
			o->flagged |= BIT(t);
			o->file[t] = file;
			continue;
		}
		switch (c) {
		case 't':
			parse_target(optarg, o);
			break;
		case 'a':
			o->all = true;
			break;
		case 'N':
			errno = 0;
			fd = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || fd < 0 || fd > INT_MAX)
				nsk_usage_err(NSK_EXIT_TOOL, "invalid --net-socket fd '%s'",
					      optarg);
			o->net_socket = (int)fd;
			break;
		case OPT_USER_PARENT:
			o->user_parent = true;
			break;
		case OPT_PRESERVE_CREDS:
			o->preserve_creds = true;
			break;
		case 'r':
			o->root = true;
			o->root_dir = nsk_type_optarg(optarg);
			break;
		case 'w':
			o->wd = true;
			o->wd_dir = nsk_type_optarg(optarg);
			break;
		case 'W':
			/* Inside the joined mount namespace: the set-up's chdir. */
			nsk_setup_opt(&o->setup, NSK_OPT_WD, optarg, &e);
			break;
		case 'e':
			o->env = true;
			break;
		case 'c':
			o->join_cgroup = true;
			break;
		case 'F':
			o->no_fork = true;
			break;
		case 'v':
			nsk_verbose = true;
			break;
		case 'h':
			usage();
		case 'V':
			nsk_print_version();
		default:
			/* -S -G --keep-caps --mount-proc --mount-sys */
			r = nsk_setup_opt(&o->setup, c, optarg, &e);
			if (r < 0)
				nsk_usage_err(NSK_EXIT_TOOL, "%s", e.what);
			if (r == 0)
				nsk_usage_err(NSK_EXIT_TOOL, "invalid option");
		}
	}
	o->argv = nsk_command(argc - optind, argv + optind);
}

static void validate(const struct nsjoin_opts *o)
{
	bool files = o->net_socket >= 0;

	for (int t = 0; t < NSK_NTYPES; t++) {
		if (o->file[t])
			files = true;
		else if ((o->flagged & BIT(t)) && !o->target)
			nsk_usage_err(NSK_EXIT_TOOL,
				      "--%s needs a file (--%s=FILE) or a target (-t)",
				      nsk_types[t].longopt, nsk_types[t].longopt);
	}
	if (o->all && !o->target)
		nsk_usage_err(NSK_EXIT_TOOL, "--all needs a target (-t)");
	if (!o->target && !files)
		nsk_usage_err(NSK_EXIT_TOOL,
			      "nothing to join: give a target (-t) or a type flag with =FILE");
	if (o->net_socket >= 0 && o->file[NSK_NET])
		nsk_usage_err(NSK_EXIT_TOOL, "--net-socket and --net=FILE both name the network "
					     "namespace");
	if (o->user_parent && !o->target && !o->file[NSK_USER])
		nsk_usage_err(NSK_EXIT_TOOL, "--user-parent needs a target (-t) or --user=FILE");
	if (o->preserve_creds && (o->setup.set_uid || o->setup.set_gid))
		nsk_usage_err(NSK_EXIT_TOOL, "--preserve-credentials and --setuid/--setgid "
					     "contradict each other");
}

/* ---- resolving: every fd is open before the first setns ---- */

static void trace_ns(int fd, const char *what, const char *desc)
{
	struct nsk_ns ns;

	if (nsk_verbose && nsk_ns_identify(fd, &ns) == 0)
		nsk_trace("%s %s:[%llu] of %s", what, nsk_types[ns.type].name,
			  (unsigned long long)ns.ino, desc);
}

/* The hint for a process that may not be read: another user's, or one that
 * is not dumpable (it changed credentials without exec): ptrace rules. */
static void hint_ptrace(pid_t pid)
{
	char path[32], *status = NULL, *uid;
	struct stat st;
	size_t len;

	/* /proc/PID itself shows the euid; the files in it belong to root
	 * while the process is not dumpable. */
	snprintf(path, sizeof(path), "/proc/%d/ns", (int)pid);
	if (stat(path, &st) < 0)
		return;
	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (nsk_read_file(AT_FDCWD, path, &status, &len) == 0 && (uid = strstr(status, "\nUid:")) &&
	    strtoul(uid + 5, NULL, 10) == getuid() && st.st_uid != getuid())
		nsk_hint("PID %d runs as your uid but is not dumpable (it changed its credentials "
			 "without exec, or set PR_SET_DUMPABLE): the kernel lets only "
			 "CAP_SYS_PTRACE over it join its namespaces",
			 (int)pid);
	else
		nsk_hint("joining the namespaces of another user's process needs CAP_SYS_PTRACE "
			 "over it (PTRACE_MODE_READ_REALCREDS)");
	free(status);
}

/* Resolves TEXT (any reference of SPEC §1) into *REF, or exits with one
 * line, "cannot open WHATTEXT: why", and a hint. */
static void resolve_or_die(const char *text, struct nsk_ref *ref, const char *what)
{
	int r = nsk_ref_resolve(text, ref);
	const char *hint;

	if (r >= 0)
		return;
	hint = nsk_ref_hint(r, text);
	if (r == -EINVAL)
		nsk_warnx("cannot open %s%s: not a namespace file", what, text);
	else
		nsk_warn_err(r, "cannot open %s%s", what, text);
	if (hint)
		nsk_hint("%s", hint);
	exit(NSK_EXIT_TOOL);
}

static void resolve_target(const struct nsjoin_opts *o, struct nsjoin_state *st)
{
	struct nsk_ref *ref = &st->target;

	if (!o->target)
		return;
	resolve_or_die(o->target, ref, "target ");
	if (ref->kind == NSK_REF_PID) {
		snprintf(st->pid_desc, sizeof(st->pid_desc), "PID %d", (int)ref->pid);
		st->target_desc = st->pid_desc;
		if (ref->pidfd >= 0)
			nsk_trace("pidfd_open(%d) = %d", (int)ref->pid, ref->pidfd);
	} else {
		st->target_desc = ref->path[0] ? ref->path : o->target;
	}
	if (o->guard) {
		struct stat sb;
		int fd;

		if (ref->kind != NSK_REF_PID)
			nsk_usage_err(NSK_EXIT_TOOL, "-t %s:%llu: the inode guard needs a PID",
				      o->target, (unsigned long long)o->guard);
		fd = nsk_ref_open(ref, NSK_PID, false);
		if (fd < 0 || fstat(fd, &sb) < 0)
			nsk_die_err(NSK_EXIT_TOOL, fd < 0 ? fd : errno,
				    "cannot open the pid namespace of PID %d", (int)ref->pid);
		if (sb.st_ino != o->guard) {
			nsk_warnx("PID %d is in pid:[%llu], not pid:[%llu]: refusing to join",
				  (int)ref->pid, (unsigned long long)sb.st_ino,
				  (unsigned long long)o->guard);
			nsk_hint("the PID may have been reused by another process since you looked "
				 "it "
				 "up; look it up again");
			exit(NSK_EXIT_TOOL);
		}
		close(fd);
		nsk_trace("PID %d is in pid:[%llu]: guard holds", (int)ref->pid,
			  (unsigned long long)o->guard);
	}
}

/* The namespace TYPE of REF as a new fd; exits with a message on failure. */
static int open_type(const struct nsk_ref *ref, const char *text, enum nsk_type t)
{
	int fd = nsk_ref_open(ref, t, false);

	if (fd >= 0)
		return fd;
	if (ref->kind == NSK_REF_FILE && ref->ns.type != t)
		nsk_diex(NSK_EXIT_TOOL, "cannot join %s as the %s namespace: it is a %s namespace",
			 text, nsk_types[t].name, nsk_types[ref->ns.type].name);
	if (ref->kind == NSK_REF_DIR && (fd == -ENOENT || fd == -EINVAL))
		nsk_diex(NSK_EXIT_TOOL, "cannot join %s: it holds no %s namespace", text,
			 nsk_types[t].name);
	if (ref->kind == NSK_REF_PID) {
		nsk_warn_err(fd, "cannot open the %s namespace of PID %d", nsk_types[t].name,
			     (int)ref->pid);
		if (fd == -EACCES || fd == -EPERM)
			hint_ptrace(ref->pid);
		else if (fd == -ESRCH)
			nsk_hint("%s", nsk_ref_hint(fd, text));
		exit(NSK_EXIT_TOOL);
	}
	nsk_die_err(NSK_EXIT_TOOL, fd, "cannot open the %s namespace of %s", nsk_types[t].name,
		    text);
}

/* --TYPE=FILE: any reference of SPEC §1, its type read from the kernel. */
static int open_file(const char *text, enum nsk_type t)
{
	struct nsk_ref ref;
	int r;

	resolve_or_die(text, &ref, "");
	r = open_type(&ref, text, t);
	nsk_ref_close(&ref);
	return r;
}

/* -N FD: the network namespace of a socket (SIOCGSKNS, 4.9). */
static int open_socket_ns(int sock)
{
	int fd = ioctl(sock, SIOCGSKNS);

	if (fd < 0) {
		int err = errno;

		nsk_trace("ioctl(%d, SIOCGSKNS) = -1 %s", sock, strerrorname_np(err));
		if (err == ENOTTY || err == ENOTSOCK || err == EINVAL)
			nsk_diex(NSK_EXIT_TOOL,
				 "cannot join the network namespace of fd %d: it is "
				 "not a socket",
				 sock);
		nsk_die_err(NSK_EXIT_TOOL, err, "cannot join the network namespace of fd %d", sock);
	}
	nsk_trace("ioctl(%d, SIOCGSKNS) = %d", sock, fd);
	/* The kernel hands the fd out without O_CLOEXEC. */
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
		nsk_die_err(NSK_EXIT_TOOL, errno, "cannot set close-on-exec on fd %d", fd);
	return fd;
}

/* Is FD the namespace of type T that we are in (or put our children in)? */
static bool is_ours(struct nsjoin_state *st, int fd, enum nsk_type t)
{
	struct stat sb;

	if (!(st->self_known & BIT(t))) {
		char path[64];

		/* For pid and time, the children's: that is what setns changes. */
		snprintf(path, sizeof(path), "/proc/self/ns/%s",
			 nsk_types[t].for_children ? nsk_types[t].for_children : nsk_types[t].name);
		if (stat(path, &st->self[t]) < 0) {
			snprintf(path, sizeof(path), "/proc/self/ns/%s", nsk_types[t].name);
			if (stat(path, &st->self[t]) < 0)
				return false;
		}
		st->self_known |= BIT(t);
	}
	return fstat(fd, &sb) == 0 && sb.st_dev == st->self[t].st_dev &&
	       sb.st_ino == st->self[t].st_ino;
}

/* Chooses the namespaces to join and opens each, from a file or the target. */
static void choose(const struct nsjoin_opts *o, struct nsjoin_state *st)
{
	/* With -t and no type flag, every type that differs from ours. */
	bool implicit = o->target && (o->all || (!o->flagged && o->net_socket < 0));
	unsigned int want = o->flagged | (o->user_parent ? BIT(NSK_USER) : 0);
	unsigned int have = 0;

	if (o->target)
		have = nsk_ref_types(&st->target) & nsk_types_available();
	if (implicit)
		want |= have;
	if (o->net_socket >= 0)
		want |= BIT(NSK_NET);

	for (int i = 0; i < NSK_NTYPES; i++) {
		enum nsk_type t = nsk_join_order[i];
		bool from_target = false;
		int fd;

		if (!(want & BIT(t)))
			continue;
		if (o->file[t]) {
			fd = open_file(o->file[t], t);
			st->desc[t] = o->file[t];
		} else if (t == NSK_NET && o->net_socket >= 0) {
			fd = open_socket_ns(o->net_socket);
			st->desc[t] = "the socket";
		} else {
			fd = open_type(&st->target, o->target, t);
			st->desc[t] = st->target_desc;
			from_target = true;
		}
		if (t == NSK_USER && o->user_parent) {
			int parent = nsk_ns_get_parent(fd);

			if (parent < 0)
				nsk_die_err(NSK_EXIT_TOOL, parent,
					    "cannot open the parent of the user namespace of %s",
					    st->desc[t]);
			close(fd);
			fd = parent;
			from_target = false;
		}
		/* setns() into our own user namespace is EINVAL; skip it. */
		if ((implicit && from_target) || t == NSK_USER) {
			if (is_ours(st, fd, t)) {
				trace_ns(fd, "skip (ours already):", st->desc[t]);
				close(fd);
				continue;
			}
		}
		st->fd[t] = fd;
		st->join |= BIT(t);
		if (from_target)
			st->from_target |= BIT(t);
	}
	if (o->no_fork && o->setup.proc_dir && (st->join & BIT(NSK_PID)))
		nsk_usage_err(NSK_EXIT_TOOL, "--mount-proc needs the fork into the pid namespace: "
					     "drop --no-fork");
}

/* What the target process gives besides namespaces, read before joining. */
static void read_target(struct nsjoin_opts *o, struct nsjoin_state *st)
{
	const struct nsk_ref *ref = &st->target;
	bool need_pid =
		o->env || o->join_cgroup || (o->root && !o->root_dir) || (o->wd && !o->wd_dir);
	char path[64];
	int r;

	if (need_pid && (!o->target || ref->kind != NSK_REF_PID))
		nsk_usage_err(NSK_EXIT_TOOL, "--env, --join-cgroup, and --root or --wd without DIR "
					     "take from a process: give -t PID");
	if (o->root) {
		snprintf(path, sizeof(path), "/proc/%d/root", (int)ref->pid);
		st->root_fd =
			open(o->root_dir ? o->root_dir : path, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (st->root_fd < 0)
			nsk_die_err(NSK_EXIT_TOOL, errno, "cannot open root directory %s",
				    o->root_dir ? o->root_dir : path);
	}
	if (o->wd || o->root) {
		snprintf(path, sizeof(path), "/proc/%d/cwd", (int)ref->pid);
		/* With -r alone, come back to where we are, as nsenter does. */
		const char *wd = o->wd ? (o->wd_dir ? o->wd_dir : path) : ".";

		st->wd_fd = open(wd, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (st->wd_fd < 0)
			nsk_die_err(NSK_EXIT_TOOL, errno, "cannot open working directory %s", wd);
	}
	if (o->env) {
		struct nsk_err e;
		size_t len;

		snprintf(path, sizeof(path), "/proc/%d/environ", (int)ref->pid);
		r = nsk_read_file(AT_FDCWD, path, &st->env, &len);
		if (r < 0)
			nsk_die_err(NSK_EXIT_TOOL, r, "cannot read %s", path);
		o->setup.clearenv = true;
		/* Entries that are not NAME=VALUE are left out. */
		for (size_t i = 0; i < len; i += strlen(st->env + i) + 1)
			if (nsk_setup_opt(&o->setup, NSK_OPT_ENV, st->env + i, &e) == -ENOMEM)
				nsk_die_err(NSK_EXIT_TOOL, ENOMEM, "cannot read %s", path);
	}
	if (o->join_cgroup) {
		struct nsk_err e;
		char *text;
		size_t len;

		snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)ref->pid);
		r = nsk_read_file(AT_FDCWD, path, &text, &len);
		if (r < 0)
			nsk_die_err(NSK_EXIT_TOOL, r, "cannot read %s", path);
		if (ref->pidfd >= 0 && !nsk_pidfd_alive(ref->pidfd))
			nsk_diex(NSK_EXIT_TOOL, "PID %d exited while nsjoin read it",
				 (int)ref->pid);
		r = nsk_cgroup_join(text, &e);
		free(text);
		if (r < 0) {
			nsk_warn_err(r, "cannot join the cgroups of PID %d: %s", (int)ref->pid,
				     e.what);
			if (r == -EACCES || r == -EPERM)
				nsk_hint("moving a process needs write access to cgroup.procs of "
					 "the "
					 "target cgroup and of the common ancestor: root, or the "
					 "owner "
					 "of a delegated subtree");
			exit(NSK_EXIT_TOOL);
		}
	}
	/* A /proc path names the PID, not the process: it may have been reused
	 * unless the process still lives, which the pidfd tells. */
	if (need_pid && ref->pidfd >= 0 && !nsk_pidfd_alive(ref->pidfd))
		nsk_diex(NSK_EXIT_TOOL, "PID %d exited while nsjoin read it", (int)ref->pid);
}

/* ---- joining ---- */

static const char *types_str(unsigned int mask, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < NSK_NTYPES; i++) {
		enum nsk_type t = nsk_join_order[i];

		if (mask & BIT(t))
			used += snprintf(buf + used, used < len ? len - used : 0, "%s%s",
					 used ? ", " : "", nsk_types[t].name);
	}
	return buf;
}

static int traced_setns(int fd, int flags)
{
	char names[256];
	int r = setns(fd, flags);
	int err = errno;

	nsk_flags_str((unsigned int)flags, names, sizeof(names));
	if (r == 0)
		nsk_trace("setns(%d, %s) = 0", fd, names);
	else
		nsk_trace("setns(%d, %s) = -1 %s (%s)", fd, names, strerrorname_np(err),
			  strerror(err));
	errno = err;
	return r;
}

/* The inode of the owner of namespace FD, or 0. */
static unsigned long long owner_ino(int fd)
{
	struct stat sb;
	int u = nsk_ns_get_userns(fd);
	unsigned long long ino = 0;

	if (u >= 0 && fstat(u, &sb) == 0)
		ino = sb.st_ino;
	if (u >= 0)
		close(u);
	return ino;
}

/* One hint for EPERM: which capability is missing, in which user namespace. */
static void hint_join_perm(struct nsjoin_state *st, unsigned int failed)
{
	struct stat sb;
	unsigned long long user = 0;

	if (failed == BIT(NSK_USER)) {
		nsk_hint("joining a user namespace needs CAP_SYS_ADMIN in it: its owner (in the "
			 "parent user namespace) or root has that");
		return;
	}
	/* After the user namespace, capabilities count there. */
	if (st->join & BIT(NSK_USER) && fstat(st->fd[NSK_USER], &sb) == 0)
		user = sb.st_ino;
	else if (stat("/proc/self/ns/user", &sb) == 0)
		user = sb.st_ino;
	for (int i = 0; i < NSK_NTYPES; i++) {
		enum nsk_type t = nsk_join_order[i];
		unsigned long long owner;

		if (t == NSK_USER || !(failed & BIT(t)) || st->fd[t] < 0)
			continue;
		owner = owner_ino(st->fd[t]);
		if (owner && owner != user) {
			nsk_hint("the %s namespace belongs to user:[%llu]: joining it needs "
				 "CAP_SYS_ADMIN there%s",
				 nsk_types[t].name, owner,
				 st->join & BIT(NSK_USER)
					 ? ", which the joined user namespace lacks"
					 : " (join that user namespace too: -U)");
			return;
		}
	}
	nsk_hint("joining needs CAP_SYS_ADMIN in user:[%llu]%s", user,
		 geteuid() ? ", which an unprivileged user lacks there" : "");
}

static noreturn void join_failed(struct nsjoin_state *st, unsigned int failed, int err)
{
	char names[128];
	const char *desc = st->desc[nsk_join_order[0]];

	for (int i = 0; i < NSK_NTYPES; i++)
		if (failed & BIT(nsk_join_order[i])) {
			desc = st->desc[nsk_join_order[i]];
			break;
		}
	types_str(failed, names, sizeof(names));
	if (err == ESRCH && st->target.kind == NSK_REF_PID) {
		nsk_warn_err(err, "cannot join the namespaces of PID %d", (int)st->target.pid);
		nsk_hint("it exited after nsjoin opened it; nsjoin holds a process by pidfd, so "
			 "it joined nothing, least of all a process that reuses its PID");
		exit(NSK_EXIT_TOOL);
	}
	nsk_warn_err(err, "cannot join the %s namespace%s of %s", names,
		     strchr(names, ',') ? "s" : "", desc);
	if (err == EPERM || err == EACCES)
		hint_join_perm(st, failed);
	else if (err == EINVAL && (failed & BIT(NSK_PID)))
		nsk_hint("a process can join only a pid namespace below its own");
	exit(NSK_EXIT_TOOL);
}

/* nsenter's two passes: every type but user (EPERM may mean the user
 * namespace must come first), then user, then what failed before. */
static void join_each(struct nsjoin_state *st)
{
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < NSK_NTYPES; i++) {
			enum nsk_type t = nsk_join_order[i];

			if (!(st->join & BIT(t)) || (st->joined & BIT(t)) ||
			    (pass == 0 && t == NSK_USER))
				continue;
			if (traced_setns(st->fd[t], nsk_types[t].flag) == 0) {
				st->joined |= BIT(t);
				continue;
			}
			if (pass == 1 || (errno != EPERM && errno != EACCES))
				join_failed(st, BIT(t), errno);
		}
	}
}

static void join(struct nsjoin_state *st)
{
	/* Every type from the one process: one setns(pidfd, mask) (5.8) takes
	 * them all at the same moment, enters the user namespace first and
	 * changes nothing unless it can change everything. */
	if (st->join && st->join == st->from_target && st->target.kind == NSK_REF_PID &&
	    st->target.pidfd >= 0) {
		if (traced_setns(st->target.pidfd, nsk_types_to_flags(st->join)) == 0) {
			st->joined = st->join;
			return;
		}
		/* Before 5.8, setns() takes no pidfd: EINVAL, and one fd per
		 * type below (opened from the pidfd, so still that process). An
		 * EINVAL of its own recurs there with the type named. */
		if (errno != EINVAL)
			join_failed(st, st->join, errno);
	}
	join_each(st);
}

/* Closes what nsjoin held to join; the namespaces stay alive through us. */
static void release(struct nsjoin_state *st)
{
	for (int t = 0; t < NSK_NTYPES; t++)
		if (st->fd[t] >= 0) {
			close(st->fd[t]);
			st->fd[t] = -1;
		}
	nsk_ref_close(&st->target);
}

/* ---- running the program ---- */

static noreturn void setup_and_exec(struct nsjoin_opts *o, struct nsjoin_state *st)
{
	struct nsk_setup *s = &o->setup;
	struct nsk_err e;
	int newflags = 0, r;

	/* A fresh proc or sysfs goes in a mount namespace of the program's
	 * own, private, so that the target's mounts are never changed. */
	if (s->proc_dir || s->sys_dir) {
		r = unshare(CLONE_NEWNS) < 0 ? -errno : 0;
		nsk_trace("unshare(CLONE_NEWNS) = %s", nsk_ret_str(r));
		if (r < 0) {
			nsk_warn_err(r, "cannot make a mount namespace for --mount-%s",
				     s->proc_dir ? "proc" : "sys");
			nsk_hint_perm(r, "CAP_SYS_ADMIN",
				      "the joined user namespace (join it: -U)");
			exit(NSK_EXIT_TOOL);
		}
		newflags = CLONE_NEWNS;
		s->propagation = MS_PRIVATE | MS_REC;
	}
	if ((r = nsk_setup_dirs_fd(st->root_fd, st->wd_fd, &e)) < 0)
		nsk_die_rec(NSK_EXIT_TOOL, r, &e);
	/* In a joined user namespace, be its root unless told otherwise. */
	if ((st->joined & BIT(NSK_USER)) && !o->preserve_creds) {
		s->set_uid = s->set_gid = true;
	}
	if ((r = nsk_setup_apply(s, newflags, &e)) < 0)
		nsk_die_rec(NSK_EXIT_TOOL, r, &e);
	nsk_exec_or_die(o->argv);
}

/* A joined pid namespace takes only children: fork, wait, pass the status. */
static int run(struct nsjoin_opts *o, struct nsjoin_state *st)
{
	sigset_t old;
	pid_t pid;
	int pidfd, r;

	if (!(st->joined & BIT(NSK_PID)) || o->no_fork)
		setup_and_exec(o, st);
	if ((r = nsk_signals_block(&old)) < 0)
		nsk_die_err(NSK_EXIT_TOOL, r, "cannot block signals");
	pid = nsk_fork_pidfd(&pidfd);
	if (pid < 0)
		nsk_die_err(NSK_EXIT_TOOL, pid, "cannot fork into the pid namespace");
	if (pid == 0) {
		nsk_signals_restore(&old);
		setup_and_exec(o, st);
	}
	nsk_trace("fork() = %d, pidfd %d", (int)pid, pidfd);
	if (st->root_fd >= 0)
		close(st->root_fd);
	if (st->wd_fd >= 0)
		close(st->wd_fd);
	r = nsk_wait_forward(pid, pidfd);
	if (r < 0)
		nsk_die_err(NSK_EXIT_TOOL, r, "cannot wait for PID %d", (int)pid);
	return r;
}

int main(int argc, char **argv)
{
	struct nsjoin_opts o = {.net_socket = -1};
	struct nsjoin_state st = {.target = NSK_REF_INIT, .root_fd = -1, .wd_fd = -1};

	for (int t = 0; t < NSK_NTYPES; t++)
		st.fd[t] = -1;
	nsk_msg_init(argv[0]);
	parse_args(argc, argv, &o);
	validate(&o);

	/* Nothing in the namespaces we join may open /proc/<us>/fd or ptrace
	 * us before the exec, which makes us dumpable again. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		nsk_die_err(NSK_EXIT_TOOL, errno, "prctl(PR_SET_DUMPABLE)");
	nsk_trace("prctl(PR_SET_DUMPABLE, 0) = 0");

	resolve_target(&o, &st);
	choose(&o, &st);
	read_target(&o, &st);
	join(&st);
	release(&st);
	return run(&o, &st);
}
