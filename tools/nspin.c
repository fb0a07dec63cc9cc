// SPDX-License-Identifier: GPL-2.0-or-later
/* nspin - pin namespaces with bind mounts (mount(2) on nsfs files), list and release the pins. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdnoreturn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compat.h"
#include "err.h"
#include "idmap.h"
#include "mountinfo.h"
#include "msg.h"
#include "nsfs.h"
#include "nstype.h"
#include "output.h"
#include "pin.h"
#include "proc.h"
#include "ref.h"
#include "spawn.h"
#include "undo.h"

#define EXIT_FAIL 1 /* nspin exits 0 or 1 (SPEC §1) */

struct nspin_opts;
typedef int (*nspin_action)(struct nspin_opts *o);

struct nspin_cmd {
	const char *name;
	const char *alias;
	nspin_action run;
};

struct nspin_opts {
	const struct nspin_cmd *cmd;
	const char *target;	/* add -t REF */
	unsigned int types;	/* add: the type flags given */
	bool all;		/* add -a */
	bool ip_netns;		/* add --ip-netns */
	struct nsk_idmap idmap; /* add -r, -c: maps of a new user namespace */
	char **args;		/* the operands: NAME|PATH... */
	int nargs;
	struct nsk_out out; /* ls */
};

/* The columns of ls, as lsns names them where lsns has them. */
enum { COL_PATH, COL_TYPE, COL_NS, COL_NPROCS, COL_MNTNS, COL_ID };
static const struct nsk_col columns[] = {
	[COL_PATH] = {"PATH", 0.5, SCOLS_FL_NOEXTREMES, SCOLS_JSON_STRING,
		      "the pin, as its mount namespace sees it"},
	[COL_TYPE] = {"TYPE", 5, 0, SCOLS_JSON_STRING, "namespace type"},
	[COL_NS] = {"NS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		    "namespace identifier (inode number)"},
	[COL_NPROCS] = {"NPROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			"number of processes in the namespace"},
	[COL_MNTNS] = {"MNTNS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		       "the mount namespace that holds the pin (inode)"},
	[COL_ID] = {"ID", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		    "the kernel's 64-bit namespace id (Linux 6.18)"},
};
#define NCOLUMNS	   (sizeof(columns) / sizeof(columns[0]))
#define LS_DEFAULT_COLUMNS "PATH,TYPE,NS,NPROCS"

static int cmd_add(struct nspin_opts *o);
static int cmd_del(struct nspin_opts *o);
static int cmd_ls(struct nspin_opts *o);

/* Exact names and explicit aliases only: `nspin d` is not `del`. */
static const struct nspin_cmd commands[] = {
	{"add", NULL, cmd_add},
	{"del", "delete", cmd_del},
	{"ls", "list", cmd_ls},
};

enum {
	OPT_IP_NETNS = CHAR_MAX + 1,
};

static noreturn void usage(void)
{
	FILE *out = stdout;

	fprintf(out, "Usage:\n");
	fprintf(out, " %s add NAME|PATH [-t REF] [type flags | -a] [--ip-netns]\n", nsk_prog);
	fprintf(out, " %s del NAME|PATH...\n", nsk_prog);
	fprintf(out, " %s ls [output options]\n", nsk_prog);
	fprintf(out, "\nPin namespaces with bind mounts of their nsfs files, so that they live on\n"
		     "with no process in them; list the pins of the system; release them.\n");
	fprintf(out, "A NAME (no '/') is the directory $NSPIN_DIR/NAME (default /run/nspin) with\n"
		     "one file per type; a PATH with one type is the pin file itself.\n");
	fprintf(out, "\nOptions of add:\n");
	fprintf(out, " -t, --target REF     pin the namespaces of REF: a PID, a namespace file,\n"
		     "                      a pin directory or name, or TYPE:[INODE]; without -t,\n"
		     "                      new namespaces are made with no process in them\n");
	fprintf(out,
		" -a, --all            every type (REF's types with -t; all but pid without)\n");
	fprintf(out, " -C, --cgroup         the cgroup namespace\n");
	fprintf(out, " -i, --ipc            the IPC namespace\n");
	fprintf(out, " -m, --mount          the mount namespace\n");
	fprintf(out, " -n, --net            the network namespace\n");
	fprintf(out, " -p, --pid            the PID namespace (needs -t)\n");
	fprintf(out, " -T, --time           the time namespace\n");
	fprintf(out, " -U, --user           the user namespace\n");
	fprintf(out, " -u, --uts            the UTS namespace\n");
	fprintf(out, "     --ip-netns       also pin the net namespace at %s/NAME for ip netns\n",
		NSK_NETNS_DIR);
	fprintf(out, " -r, --map-root-user  a new user namespace maps the caller to root (implies "
		     "-U)\n");
	fprintf(out, " -c, --map-current-user  ... maps the caller to itself (implies -U)\n");
	fprintf(out, "\nOptions of ls:\n");
	nsk_out_usage(out);
	fprintf(out, "\nCommon options:\n");
	fprintf(out, " -v, --verbose        trace each step in system-call words on stderr\n");
	fprintf(out, " -h, --help           display this help\n");
	fprintf(out, " -V, --version        display version\n");
	fprintf(out, "\n");
	nsk_out_usage_columns(out, columns, NCOLUMNS);
	fprintf(out, "\nSee nspin(8).\n");
	exit(0);
}

/* The common options, anywhere: true when C was one. */
static bool common_opt(int c)
{
	switch (c) {
	case 'v':
		nsk_verbose = true;
		return true;
	case 'h':
		usage();
	case 'V':
		nsk_print_version();
	}
	return false;
}

#define COMMON_LONGOPTS                                                                            \
	{"verbose", no_argument, NULL, 'v'}, {"help", no_argument, NULL, 'h'},                     \
	{                                                                                          \
		"version", no_argument, NULL, 'V'                                                  \
	}

static const struct nspin_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0 ||
		    (commands[i].alias && strcmp(name, commands[i].alias) == 0))
			return &commands[i];
	return NULL;
}

static void parse_add(struct nspin_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"target", required_argument, NULL, 't'},
		{"all", no_argument, NULL, 'a'},
		{"ip-netns", no_argument, NULL, OPT_IP_NETNS},
		NSK_TYPE_LONGOPTS,
		COMMON_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	int c, t;

	/* No leading '+': NAME comes first, as in `ip netns add NAME`. */
	while ((c = getopt_long(argc, argv, "t:arcCimnpTUuvhV", longopts, NULL)) != -1) {
		if (common_opt(c))
			continue;
		t = nsk_type_from_opt(c);
		if (t >= 0) {
			if (optarg)
				nsk_usage_err(EXIT_FAIL,
					      "add: --%s takes no FILE: give the pin "
					      "as NAME or PATH",
					      nsk_types[t].longopt);
			o->types |= NSK_TYPE_BIT(t);
			continue;
		}
		switch (c) {
		case 't':
			o->target = optarg;
			break;
		case 'a':
			o->all = true;
			break;
		case OPT_IP_NETNS:
			o->ip_netns = true;
			break;
		case 'r':
		case 'c':
			nsk_idmap_opt(&o->idmap, c, NULL, NULL);
			break;
		default:
			nsk_usage_err(EXIT_FAIL, "add: bad usage");
		}
	}
	o->args = argv + optind;
	o->nargs = argc - optind;
}

static void parse_plain(struct nspin_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
	int c;

	while ((c = getopt_long(argc, argv, "vhV", longopts, NULL)) != -1)
		if (!common_opt(c))
			nsk_usage_err(EXIT_FAIL, "%s: bad usage", o->cmd->name);
	o->args = argv + optind;
	o->nargs = argc - optind;
}

static void parse_ls(struct nspin_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		NSK_OUT_LONGOPTS, COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
	const char *bad;
	int c, r;

	while ((c = getopt_long(argc, argv, NSK_OUT_SHORTOPTS "vhV", longopts, NULL)) != -1)
		if (!common_opt(c) && !nsk_out_opt(&o->out, c, optarg))
			nsk_usage_err(EXIT_FAIL, "ls: bad usage");
	r = nsk_out_columns(&o->out, LS_DEFAULT_COLUMNS, &bad);
	if (r == -EINVAL)
		nsk_usage_err(EXIT_FAIL, "ls: unknown column: %s", bad);
	if (r < 0)
		nsk_usage_err(EXIT_FAIL, "ls: too many columns");
	o->args = argv + optind;
	o->nargs = argc - optind;
}

static void parse_args(struct nspin_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {COMMON_LONGOPTS, {NULL, 0, NULL, 0}};
	int c;

	/* '+': stop at the subcommand, whose options are its own. */
	while ((c = getopt_long(argc, argv, "+vhV", longopts, NULL)) != -1)
		if (!common_opt(c))
			nsk_usage_err(EXIT_FAIL, "bad usage");
	if (optind >= argc)
		nsk_usage_err(EXIT_FAIL, "no command: add, del or ls");
	o->cmd = find_command(argv[optind]);
	if (!o->cmd)
		nsk_usage_err(EXIT_FAIL, "unknown command '%s': add, del (delete) or ls (list)",
			      argv[optind]);
	argc -= optind;
	argv += optind;
	optind = 0; /* 0: let getopt start over, in permute mode */
	if (o->cmd->run == cmd_add)
		parse_add(o, argc, argv);
	else if (o->cmd->run == cmd_ls)
		parse_ls(o, argc, argv);
	else
		parse_plain(o, argc, argv);
}

/* A NAME is a pin name under $NSPIN_DIR; anything with a '/' is a path. */
static bool is_name(const char *arg)
{
	return !strchr(arg, '/');
}

static void check_name(const char *name)
{
	int r = nsk_pin_name_check(name);

	if (r == -ENAMETOOLONG)
		nsk_usage_err(EXIT_FAIL, "invalid pin name: longer than %d bytes", NAME_MAX);
	if (r < 0 && !*name)
		nsk_usage_err(EXIT_FAIL, "invalid pin name: empty");
	if (r < 0 && strchr(name, '\n'))
		nsk_usage_err(EXIT_FAIL, "invalid pin name: it contains a newline");
	if (r < 0)
		nsk_usage_err(EXIT_FAIL, "invalid pin name '%s' (a name with '/' is a path)", name);
}

static void validate(struct nspin_opts *o)
{
	if (o->cmd->run == cmd_ls) {
		if (o->nargs)
			nsk_usage_err(EXIT_FAIL, "ls: unexpected argument '%s'", o->args[0]);
		return;
	}
	if (o->nargs == 0)
		nsk_usage_err(EXIT_FAIL, "%s: no NAME or PATH given", o->cmd->name);
	for (int i = 0; i < o->nargs; i++)
		if (is_name(o->args[i]))
			check_name(o->args[i]);
	if (o->cmd->run != cmd_add)
		return;

	if (o->nargs > 1)
		nsk_usage_err(EXIT_FAIL, "add: one NAME or PATH at a time ('%s' is one too many)",
			      o->args[1]);
	if (nsk_idmap_wanted(&o->idmap)) {
		struct nsk_err e = {.hint = NULL};

		if (o->target)
			nsk_usage_err(EXIT_FAIL, "add: -r and -c map a new user namespace: not "
						 "with -t");
		if (!o->all)
			o->types |= NSK_TYPE_BIT(NSK_USER);
		if (nsk_idmap_finish(&o->idmap, &e) < 0)
			nsk_usage_err(EXIT_FAIL, "add: %s", e.what);
	}
	if (o->all && o->types & ~NSK_TYPE_BIT(NSK_USER))
		nsk_usage_err(EXIT_FAIL, "add: give type flags or -a, not both");
	if (!o->target && !o->all && !o->types)
		nsk_usage_err(EXIT_FAIL,
			      "add: which namespaces? give type flags (-n, -u, ...) or -a");
	if (!o->target && (o->types & NSK_TYPE_BIT(NSK_PID))) {
		nsk_warnx("add: -p needs -t: a new PID namespace cannot be pinned before it has a "
			  "PID 1, and once that process exits no process can enter it");
		nsk_hint("start a process in it (nsunshare -p --fork, nsclone -p) and pin that: "
			 "%s add NAME -t PID -p",
			 nsk_prog);
		exit(EXIT_FAIL);
	}
	if (o->ip_netns) {
		if (!is_name(o->args[0]))
			nsk_usage_err(EXIT_FAIL, "add: --ip-netns needs a NAME (no '/'), as ip "
						 "netns does");
		if (o->types && !(o->types & NSK_TYPE_BIT(NSK_NET)))
			nsk_usage_err(EXIT_FAIL, "add: --ip-netns needs the net namespace (-n)");
	}
}

/* ---- add ---- */

/* A helper process that made new namespaces and waits, holding them, until
 * nspin closes its end of the pipe (or dies). */
struct helper {
	pid_t pid;
	int pidfd;
	int hold; /* nspin's end: closing it lets the helper exit */
};

static void helper_end(struct helper *h)
{
	int status;

	if (h->hold >= 0)
		close(h->hold);
	if (h->pid > 0)
		waitpid(h->pid, &status, 0);
	if (h->pidfd >= 0)
		close(h->pidfd);
	h->pid = 0;
	h->hold = h->pidfd = -1;
}

/* Forks a helper that unshares FLAGS. Returns 0, or -errno of unshare(). */
static int helper_start(struct helper *h, int flags)
{
	int ready[2], hold[2], err = 0;
	char fl[256];
	ssize_t n;

	if (pipe2(ready, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(hold, O_CLOEXEC) < 0) {
		err = -errno;
		close(ready[0]);
		close(ready[1]);
		return err;
	}
	h->pid = nsk_fork_pidfd(&h->pidfd);
	if (h->pid < 0) {
		err = h->pid;
		h->pid = 0;
		close(ready[0]);
		close(ready[1]);
		close(hold[0]);
		close(hold[1]);
		return err;
	}
	if (h->pid == 0) {
		char c;

		close(ready[0]);
		close(hold[1]);
		if (unshare(flags) < 0)
			err = -errno;
		if (write(ready[1], &err, sizeof(err)) != sizeof(err))
			_exit(1);
		/* Hold the namespaces until nspin has pinned them. */
		while (read(hold[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(ready[1]);
	close(hold[0]);
	h->hold = hold[1];
	do
		n = read(ready[0], &err, sizeof(err));
	while (n < 0 && errno == EINTR);
	close(ready[0]);
	if (n != sizeof(err))
		err = -ECHILD;
	nsk_trace("unshare(%s) = %d (in helper %d)", nsk_flags_str(flags, fl, sizeof(fl)), err,
		  (int)h->pid);
	return err;
}

/* Opens each type of TYPES into FDS from new namespaces: made by nspin
 * itself when it can leave them behind by exiting (nothing it does afterwards
 * depends on them), else by a helper H, from which nspin pins a new mount
 * namespace (a mount namespace cannot be pinned from inside itself) and a new
 * user namespace (no process can go back to its parent user namespace). */
static int open_new(const struct nspin_opts *o, struct helper *h, unsigned int types,
		    int fds[NSK_NTYPES])
{
	const unsigned int helper_types = NSK_TYPE_BIT(NSK_MNT) | NSK_TYPE_BIT(NSK_USER);
	int flags = nsk_types_to_flags(types);
	pid_t pid = getpid();
	char fl[256];
	int r;

	if (types & helper_types) {
		r = helper_start(h, flags);
		pid = h->pid;
		if (r == 0 && nsk_idmap_wanted(&o->idmap)) {
			struct nsk_err e = {.hint = NULL};

			r = nsk_idmap_write(&o->idmap, pid, &e);
			if (r < 0) {
				nsk_warn_rec(r, &e);
				return r;
			}
		}
	} else {
		r = unshare(flags) < 0 ? -errno : 0;
		nsk_trace("unshare(%s) = %d", nsk_flags_str(flags, fl, sizeof(fl)), r);
	}
	if (r < 0) {
		nsk_warn_err(r, "cannot create the namespaces: unshare(%s)",
			     nsk_flags_str(flags, fl, sizeof(fl)));
		nsk_hint_perm(r, "CAP_SYS_ADMIN", "the current user namespace");
		return r;
	}
	for (int t = 0; t < NSK_NTYPES; t++) {
		if (!(types & NSK_TYPE_BIT(t)))
			continue;
		/* unshare(CLONE_NEWTIME) moves only the children: time_for_children. */
		fds[t] = nsk_ns_open_pid(pid, h->pidfd, t, t == NSK_TIME);
		if (fds[t] < 0) {
			nsk_warn_err(fds[t], "cannot open the new %s namespace of process %d",
				     nsk_types[t].name, (int)pid);
			return fds[t];
		}
	}
	return 0;
}

/* Opens each type of REF into FDS: the types given, or with none or -a every
 * type REF has (but not nspin's own mount namespace, which cannot be pinned). */
static int open_target(const struct nspin_opts *o, int fds[NSK_NTYPES])
{
	struct nsk_ref ref;
	unsigned int have, want;
	struct nsk_ns ns;
	int r;

	r = nsk_ref_resolve(o->target, &ref);
	if (r < 0) {
		const char *hint = nsk_ref_hint(r, o->target);

		nsk_warn_err(r, "cannot open %s", o->target);
		if (hint)
			nsk_hint("%s", hint);
		return r;
	}
	have = nsk_ref_types(&ref) & nsk_types_available();
	want = o->types ? o->types : have;
	for (int t = 0; t < NSK_NTYPES && r == 0; t++) {
		if (!(want & NSK_TYPE_BIT(t)))
			continue;
		if (!(have & NSK_TYPE_BIT(t))) {
			nsk_warnx("%s has no %s namespace", o->target, nsk_types[t].name);
			r = -ENOENT;
			break;
		}
		fds[t] = nsk_ref_open(&ref, t, false);
		if (fds[t] < 0) {
			r = fds[t];
			nsk_warn_err(r, "cannot open the %s namespace of %s", nsk_types[t].name,
				     o->target);
			if (nsk_ref_hint(r, o->target))
				nsk_hint("%s", nsk_ref_hint(r, o->target));
			break;
		}
		if (!o->types && t == NSK_MNT && nsk_ns_identify(fds[t], &ns) == 0 &&
		    nsk_pin_is_own_mntns(&ns)) {
			nsk_trace("skipping mnt: %s shares nspin's own mount namespace", o->target);
			close(fds[t]);
			fds[t] = -1;
		}
	}
	nsk_ref_close(&ref);
	return r;
}

/* Why a pin file or directory could not be made at PATH. */
static const char *create_hint(int r, const char *path)
{
	const char *fs_cannot = "that file system cannot hold pin files (proc, sysfs, ...): "
				"pin on tmpfs (/run) or a disk file system";
	char dir[PATH_MAX];
	char *slash;

	switch (-r) {
	case EROFS:
		return "that file system is read-only: pin somewhere writable "
		       "(for a NAME, set NSPIN_DIR)";
	case ENOENT:
		snprintf(dir, sizeof(dir), "%s", path);
		slash = strrchr(dir, '/');
		if (slash && slash != dir)
			*slash = '\0';
		if (slash && access(dir, F_OK) == 0)
			return fs_cannot;
		return "the directory that would hold the pin does not exist";
	case EACCES:
	case EPERM:
		return geteuid() == 0 ? fs_cannot : "you may not create files in that directory";
	case EEXIST:
		return nsk_pin_hint(r, NSK_NET, -1);
	}
	return NULL;
}

static void pin_error(int r, const struct nsk_pin_error *e, const int fds[NSK_NTYPES])
{
	const char *hint = NULL;
	int fd = e->type >= 0 ? fds[e->type] : -1;

	if (strcmp(e->op, "mkdir") == 0) {
		nsk_warn_err(r, "cannot create directory %s", e->path);
	} else if (strcmp(e->op, "lock") == 0) {
		nsk_warn_err(r, "cannot lock %s", e->path);
	} else if (strcmp(e->op, "share") == 0) {
		nsk_warn_err(r, "cannot make %s a shared mount", e->path);
	} else if (strcmp(e->op, "create") == 0) {
		nsk_warn_err(r, "cannot create pin file %s", e->path);
	} else if (e->type >= 0) {
		struct nsk_ns ns = {0};

		nsk_ns_identify(fd, &ns);
		nsk_warn_err(r, "cannot pin %s:[%llu] at %s", nsk_types[e->type].name,
			     (unsigned long long)ns.ino, e->path);
	} else {
		nsk_warn_err(r, "cannot pin at %s", e->path);
	}
	if (strcmp(e->op, "create") == 0 || strcmp(e->op, "mkdir") == 0)
		hint = create_hint(r, e->path);
	else
		hint = nsk_pin_hint(r, e->type >= 0 ? e->type : NSK_NET, fd);
	if (hint)
		nsk_hint("%s", hint);
}

/* Pins FDS at the place ARG names; all or nothing through UNDO. */
static int pin_all(const struct nspin_opts *o, const int fds[NSK_NTYPES], struct nsk_undo *undo)
{
	const char *arg = o->args[0];
	struct nsk_pin_error e = {.op = "", .type = -1};
	char path[PATH_MAX];
	int lock = -1, netlock = -1, r, one = -1, n = 0;

	for (int t = 0; t < NSK_NTYPES; t++)
		if (fds[t] >= 0) {
			one = t;
			n++;
		}
	if (is_name(arg)) {
		lock = r = nsk_pin_top_setup(nsk_pin_dir(), undo, &e);
		if (r >= 0 && (size_t)snprintf(path, sizeof(path), "%s/%s", nsk_pin_dir(), arg) >=
				      sizeof(path))
			r = -ENAMETOOLONG;
		if (r >= 0)
			r = nsk_pin_set(path, fds, 0, undo, &e);
	} else if (n == 1) {
		r = nsk_pin_fd(fds[one], arg, 0, undo, &e);
	} else {
		r = nsk_pin_set(arg, fds, 0, undo, &e);
	}
	if (r >= 0 && o->ip_netns) {
		netlock = r = nsk_pin_top_setup(NSK_NETNS_DIR, undo, &e);
		if (r >= 0) {
			snprintf(path, sizeof(path), "%s/%s", NSK_NETNS_DIR, arg);
			r = nsk_pin_fd(fds[NSK_NET], path, 0, undo, &e);
		}
	}
	if (r < 0)
		pin_error(r, &e, fds);
	/* Undo (the caller's) runs before the locks go, so that no other nspin
	 * sees a half-made pin. */
	if (r < 0)
		nsk_undo_run(undo);
	if (netlock >= 0)
		close(netlock);
	if (lock >= 0)
		close(lock);
	return r < 0 ? r : 0;
}

static int cmd_add(struct nspin_opts *o)
{
	struct helper h = {.pidfd = -1, .hold = -1};
	struct nsk_undo undo = NSK_UNDO_INIT;
	int fds[NSK_NTYPES];
	unsigned int types = o->types;
	int r;

	for (int t = 0; t < NSK_NTYPES; t++)
		fds[t] = -1;
	/* -a with no process: a new PID namespace would be empty for good. */
	if (!o->target && o->all)
		types = nsk_types_available() & ~NSK_TYPE_BIT(NSK_PID);
	r = o->target ? open_target(o, fds) : open_new(o, &h, types, fds);
	if (r == 0 && o->ip_netns && fds[NSK_NET] < 0) {
		nsk_warnx("--ip-netns: %s has no net namespace to pin", o->target);
		r = -ENOENT;
	}
	if (r == 0)
		r = pin_all(o, fds, &undo);
	if (r == 0)
		nsk_undo_forget(&undo);
	helper_end(&h);
	for (int t = 0; t < NSK_NTYPES; t++)
		if (fds[t] >= 0)
			close(fds[t]);
	return r < 0 ? EXIT_FAIL : 0;
}

/* ---- del ---- */

/* The inode of /proc/PID/ns/NAME through readlink ("net:[4026531840]"): no
 * nsfs inode is instantiated, unlike stat(), which is what makes a walk over
 * every process cheap. Returns 0 or -errno. */
static int proc_ns_ino(int procfd, long pid, const char *name, ino_t *ino)
{
	char path[64], link[64];
	enum nsk_type type;
	ssize_t n;

	snprintf(path, sizeof(path), "%ld/ns/%s", pid, name);
	n = readlinkat(procfd, path, link, sizeof(link) - 1);
	if (n < 0)
		return -errno;
	link[n] = '\0';
	return nsk_ns_parse_text(link, &type, ino);
}

/* The number of processes in the namespace NS (/proc/PID/ns/TYPE). */
static int count_procs(const struct nsk_ns *ns)
{
	struct nsk_numdir d;
	int procfd = nsk_proc_open(), n = 0;
	long pid;
	ino_t ino;

	if (procfd < 0)
		return 0;
	if (nsk_numdir_open(&d, procfd, ".") == 0) {
		while (nsk_numdir_next(&d, &pid) == 0)
			if (proc_ns_ino(procfd, pid, nsk_types[ns->type].name, &ino) == 0 &&
			    ino == ns->ino)
				n++;
		nsk_numdir_close(&d);
	}
	close(procfd);
	return n;
}

static void report_released(const struct nsk_ns *ns)
{
	int n;

	if (!nsk_verbose)
		return;
	n = count_procs(ns);
	if (n > 0)
		nsk_trace("%s:[%llu] is still in use by %d process%s: it lives on with %s",
			  nsk_types[ns->type].name, (unsigned long long)ns->ino, n,
			  n == 1 ? "" : "es", n == 1 ? "it" : "them");
	else
		nsk_trace("%s:[%llu] unpinned: no process is in it", nsk_types[ns->type].name,
			  (unsigned long long)ns->ino);
}

/* The /run/netns/NAME entry that `add --ip-netns NAME` made beside NET. */
static void del_ip_netns(const char *name, const struct nsk_ns *net)
{
	struct nsk_ns ns;
	int dfd, fd;

	dfd = nsk_pin_top_lock(NSK_NETNS_DIR);
	if (dfd < 0)
		return;
	fd = nsk_ns_openat(dfd, name);
	if (fd >= 0 && nsk_ns_identify(fd, &ns) == 0 && nsk_ns_equal(&ns, net)) {
		close(fd);
		fd = -1;
		if (nsk_unpinat(dfd, name, false, NULL) < 0)
			nsk_warnx("cannot remove %s/%s", NSK_NETNS_DIR, name);
	}
	if (fd >= 0)
		close(fd);
	close(dfd);
}

static int del_one(const char *arg)
{
	struct nsk_ns was[NSK_NTYPES];
	char path[PATH_MAX];
	const char *p = arg;
	unsigned int types = 0;
	struct stat st = {0};
	int lock = -1, r;

	if (is_name(arg)) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", nsk_pin_dir(), arg) >=
		    sizeof(path))
			return -ENAMETOOLONG;
		p = path;
		lock = nsk_pin_top_lock(nsk_pin_dir());
	}
	if (lstat(p, &st) < 0) {
		r = -errno;
	} else if (S_ISDIR(st.st_mode)) {
		r = nsk_unpin_set(p, &types, was);
	} else {
		r = nsk_unpinat(AT_FDCWD, p, false, &was[0]);
		if (r == 0)
			report_released(&was[0]);
	}
	for (int t = 0; t < NSK_NTYPES; t++)
		if (types & NSK_TYPE_BIT(t))
			report_released(&was[t]);
	if (is_name(arg) && (types & NSK_TYPE_BIT(NSK_NET)))
		del_ip_netns(arg, &was[NSK_NET]);
	if (lock >= 0)
		close(lock);
	if (r < 0) {
		if (r == -EINVAL || (r == -ENOENT && S_ISDIR(st.st_mode)))
			nsk_warnx("cannot delete %s: not a pin%s", p,
				  S_ISDIR(st.st_mode) ? " directory" : "");
		else
			nsk_warn_err(r, "cannot delete %s", p);
	}
	return r;
}

static int cmd_del(struct nspin_opts *o)
{
	int status = 0;

	for (int i = 0; i < o->nargs; i++)
		if (del_one(o->args[i]) < 0)
			status = EXIT_FAIL;
	return status;
}

/* ---- ls ---- */

struct pin_row {
	char *path;
	enum nsk_type type;
	ino_t ino;
	ino_t mntns; /* the mount namespace that holds the pin */
	pid_t pid;   /* a process in that mount namespace, 0: nspin, -1: none */
	size_t seen; /* the order found: the first of duplicates is kept */
	int nprocs;
};

struct pin_list {
	struct pin_row *v;
	size_t n, cap;
	ino_t *mntns; /* the mount namespaces read so far */
	size_t nmntns, capmntns;
	ino_t cur_mntns;
	pid_t cur_pid;
};

static int add_row(const struct nsk_nsfs_mount *m, void *data)
{
	struct pin_list *l = data;
	struct pin_row *r;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 256;
		struct pin_row *v = realloc(l->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	r = &l->v[l->n];
	*r = (struct pin_row){.type = m->type,
			      .ino = m->ino,
			      .mntns = l->cur_mntns,
			      .pid = l->cur_pid,
			      .seen = l->n};
	r->path = strdup(m->target);
	if (!r->path)
		return -ENOMEM;
	l->n++;
	return 0;
}

/* Records mount namespace INO; returns false when it was read already. */
static bool new_mntns(struct pin_list *l, ino_t ino)
{
	for (size_t i = 0; i < l->nmntns; i++)
		if (l->mntns[i] == ino)
			return false;
	if (l->nmntns == l->capmntns) {
		size_t cap = l->capmntns ? 2 * l->capmntns : 16;
		ino_t *v = realloc(l->mntns, cap * sizeof(*v));

		if (!v)
			return true; /* read it again rather than miss it */
		l->mntns = v;
		l->capmntns = cap;
	}
	l->mntns[l->nmntns++] = ino;
	return true;
}

static int by_ns_then_seen(const void *a, const void *b)
{
	const struct pin_row *x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return x->seen < y->seen ? -1 : x->seen > y->seen;
}

static int by_ns_ino(const void *a, const void *b)
{
	const struct pin_row *x = a, *y = b;

	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

static int by_path(const void *a, const void *b)
{
	const struct pin_row *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	return c ? c : by_ns_then_seen(a, b);
}

/* A mount namespace that no process is in, only a pin (or an fd), has pins
 * of its own that no /proc/PID/mountinfo shows: read them through
 * listmount(2)/statmount(2) (6.8; another namespace by id, 6.11), for each
 * mnt pin that nspin can open, and again for the mnt pins found there. */
static void collect_pinned_mntns(struct pin_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		char path[PATH_MAX + 32];
		uint64_t id;
		int fd, r;

		if (l->v[i].type != NSK_MNT || l->v[i].pid < 0 || !new_mntns(l, l->v[i].ino))
			continue;
		if (l->v[i].pid > 0)
			snprintf(path, sizeof(path), "/proc/%d/root%s", (int)l->v[i].pid,
				 l->v[i].path);
		else
			snprintf(path, sizeof(path), "%s", l->v[i].path);
		fd = nsk_ns_open(path);
		if (fd < 0)
			continue;
		r = nsk_mntns_id(fd, &id);
		close(fd);
		if (r < 0)
			continue;
		l->cur_mntns = l->v[i].ino;
		l->cur_pid = -1; /* its paths lead nowhere from here */
		r = nsk_mntns_nsfs(id, add_row, l);
		nsk_trace("listmount(mnt_ns_id=%llu) (mnt:[%llu], held by %s) = %d",
			  (unsigned long long)id, (unsigned long long)l->cur_mntns, l->v[i].path,
			  r);
	}
}

/* Every nsfs mount in every mount namespace that a process is in: ours
 * first, so that a pin propagated everywhere is shown with our path. */
static int collect_pins(struct pin_list *l, int procfd)
{
	struct nsk_numdir d;
	struct stat st;
	long pid;
	ino_t ino;
	int r;

	if (stat("/proc/self/ns/mnt", &st) == 0) {
		new_mntns(l, st.st_ino);
		l->cur_mntns = st.st_ino;
	}
	l->cur_pid = 0;
	r = nsk_mountinfo_nsfs(0, add_row, l);
	if (r < 0)
		return r;
	r = nsk_numdir_open(&d, procfd, ".");
	if (r < 0)
		return r;
	while (nsk_numdir_next(&d, &pid) == 0) {
		/* EACCES (PID 1 here), ENOENT (gone): not visible, carry on. */
		if (proc_ns_ino(procfd, pid, "mnt", &ino) < 0 || !new_mntns(l, ino))
			continue;
		l->cur_mntns = ino;
		l->cur_pid = (pid_t)pid;
		r = nsk_mountinfo_nsfs((pid_t)pid, add_row, l);
		nsk_trace("read /proc/%ld/mountinfo (mnt:[%llu]) = %d", pid,
			  (unsigned long long)ino, r);
		if (r == -ENOMEM)
			break;
		r = 0;
	}
	nsk_numdir_close(&d);
	if (r == 0)
		collect_pinned_mntns(l);
	return r;
}

/* Drops the copies of a pin that propagation put in other mount namespaces
 * (same namespace, same path), keeping the first one found. */
static void dedupe(struct pin_list *l)
{
	size_t out = 0;

	/* (qsort's array must not be NULL, even for no element.) */
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), by_path);
	for (size_t i = 0; i < l->n; i++) {
		if (out && strcmp(l->v[out - 1].path, l->v[i].path) == 0 &&
		    l->v[out - 1].type == l->v[i].type && l->v[out - 1].ino == l->v[i].ino) {
			free(l->v[i].path);
			continue;
		}
		l->v[out++] = l->v[i];
	}
	l->n = out;
}

/* NPROCS: one walk over /proc, stat-ing only the types that are pinned. */
static void count_all_procs(struct pin_list *l, int procfd)
{
	unsigned int types = 0;
	struct nsk_numdir d;
	long pid;

	for (size_t i = 0; i < l->n; i++)
		types |= NSK_TYPE_BIT(l->v[i].type);
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), by_ns_then_seen);
	if (nsk_numdir_open(&d, procfd, ".") < 0)
		return;
	while (nsk_numdir_next(&d, &pid) == 0) {
		for (int t = 0; t < NSK_NTYPES; t++) {
			struct pin_row key = {.type = t}, *hit;

			if (!(types & NSK_TYPE_BIT(t)) ||
			    proc_ns_ino(procfd, pid, nsk_types[t].name, &key.ino) < 0)
				continue;
			/* The first row of that namespace, then the rest after it. */
			hit = bsearch(&key, l->v, l->n, sizeof(*l->v), by_ns_ino);
			if (!hit)
				continue;
			while (hit > l->v && hit[-1].type == key.type && hit[-1].ino == key.ino)
				hit--;
			for (; hit < l->v + l->n && hit->type == key.type && hit->ino == key.ino;
			     hit++)
				hit->nprocs++;
		}
	}
	nsk_numdir_close(&d);
}

/* The 64-bit id of a pin: opened through its mount namespace's process. */
static void print_id(struct nsk_out *out, struct libscols_line *ln, const struct pin_row *r)
{
	char path[PATH_MAX + 32];
	uint64_t id;
	int fd;

	if (r->pid < 0)
		return;
	if (r->pid)
		snprintf(path, sizeof(path), "/proc/%d/root%s", (int)r->pid, r->path);
	else
		snprintf(path, sizeof(path), "%s", r->path);
	fd = nsk_ns_open(path);
	if (fd < 0)
		return;
	if (nsk_ns_get_id(fd, &id) == 0)
		nsk_out_setf(out, ln, COL_ID, "%llu", (unsigned long long)id);
	close(fd);
}

static int print_pins(struct nsk_out *out, const struct pin_list *l)
{
	int r = nsk_out_start(out);

	for (size_t i = 0; i < l->n && r == 0; i++) {
		const struct pin_row *p = &l->v[i];
		struct libscols_line *ln = nsk_out_line(out, NULL);

		if (!ln)
			return -ENOMEM;
		r = nsk_out_set(out, ln, COL_PATH, p->path);
		r = r ? r : nsk_out_set(out, ln, COL_TYPE, nsk_types[p->type].name);
		r = r ? r : nsk_out_setf(out, ln, COL_NS, "%llu", (unsigned long long)p->ino);
		r = r ? r : nsk_out_setf(out, ln, COL_NPROCS, "%d", p->nprocs);
		r = r ? r : nsk_out_setf(out, ln, COL_MNTNS, "%llu", (unsigned long long)p->mntns);
		if (r == 0 && nsk_out_has(out, COL_ID))
			print_id(out, ln, p);
	}
	return r ? r : nsk_out_print(out);
}

static int cmd_ls(struct nspin_opts *o)
{
	struct pin_list l = {0};
	int procfd = nsk_proc_open(), r;

	if (procfd < 0) {
		nsk_warn_err(procfd, "cannot open /proc");
		return EXIT_FAIL;
	}
	r = collect_pins(&l, procfd);
	if (r < 0)
		nsk_warn_err(r, "cannot read the mount table");
	if (r == 0) {
		dedupe(&l);
		if (nsk_out_has(&o->out, COL_NPROCS))
			count_all_procs(&l, procfd);
		if (l.n > 1)
			qsort(l.v, l.n, sizeof(*l.v), by_path);
		r = print_pins(&o->out, &l);
		if (r < 0)
			nsk_warn_err(r, "cannot print the list");
	}
	for (size_t i = 0; i < l.n; i++)
		free(l.v[i].path);
	free(l.v);
	free(l.mntns);
	nsk_out_free(&o->out);
	close(procfd);
	return r < 0 ? EXIT_FAIL : 0;
}

/* add and del finish, or undo, what they start: a signal that would end
 * nspin half way (^C, a closed pipe on stderr) waits until they are done. */
static void hold_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGQUIT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, old);
}

int main(int argc, char **argv)
{
	struct nspin_opts o = {.out = NSK_OUT_INIT(columns, NCOLUMNS, "pins")};
	sigset_t old;
	int status;

	nsk_msg_init(argv[0]);
	parse_args(&o, argc, argv);
	validate(&o);
	if (o.cmd->run == cmd_ls)
		return cmd_ls(&o);
	hold_signals(&old);
	status = o.cmd->run(&o);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return status;
}
