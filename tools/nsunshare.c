// SPDX-License-Identifier: GPL-2.0-or-later
/* nsunshare - leave namespaces in place and exec a command (unshare(2)). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compat.h"
#include "idmap.h"
#include "msg.h"
#include "pin.h"
#include "setup.h"
#include "spawn.h"

struct nsunshare_opts {
	unsigned int types;	     /* NSK_TYPE_BIT()s of the new namespaces */
	const char *pin[NSK_NTYPES]; /* =PIN of each type, or NULL */
	bool fork;		     /* -f: run the command as a child */
	int kill_signal;	     /* --kill-child: the child's PR_SET_PDEATHSIG */
	struct nsk_idmap map;	     /* -r -c --map-* --setgroups --owner */
	struct nsk_setup setup;	     /* -R -w -S -G --mount-proc --hostname ... */
	char **argv;		     /* the command */
};

enum {
	OPT_KILL_CHILD = CHAR_MAX + 1,
	OPT_FORWARD_SIGNALS,
};

static noreturn void usage(void)
{
	printf("Usage:\n"
	       " %s [options] [--] [<program> [<argument>...]]\n"
	       "\n"
	       "Run a program with some namespaces unshared from the parent: unshare(2),\n"
	       "then exec in place (or in a child with --fork).\n"
	       "\n"
	       "Options:\n",
	       nsk_prog);
	nsk_type_usage(stdout, "unshare (and pin at <file>)");
	fputs(" -a, --all                    unshare every namespace type the kernel has\n"
	      "\n"
	      " -f, --fork                   fork before launching <program>\n"
	      "     --kill-child[=<signame>] when nsunshare dies, kill the forked child with\n"
	      "                                <signame> (default SIGKILL; implies --fork)\n"
	      "     --forward-signals        forward SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1,\n"
	      "                                SIGUSR2, SIGWINCH to the child (always on)\n",
	      stdout);
	nsk_idmap_usage(stdout);
	fputs(" -R, --root=<dir>             run the command with root directory set to <dir>\n"
	      " -w, --wd=<dir>               change working directory to <dir>\n",
	      stdout);
	nsk_setup_usage(stdout);
	fputs("\n"
	      " -v, --verbose                print each step in system-call words on stderr\n"
	      " -h, --help                   display this help\n"
	      " -V, --version                display version\n"
	      "\n"
	      "Exit status: the command's; 128+N when signal N kills it; 125 when nsunshare\n"
	      "fails; 126 when the command cannot be run; 127 when it is not found.\n",
	      stdout);
	exit(EXIT_SUCCESS);
}

/* "KILL", "SIGKILL" or "9". */
static int parse_signal(const char *s)
{
	char *end;
	long n;

	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	n = strtol(s, &end, 10);
	if (*s && !*end)
		return n > 0 && n < NSIG ? (int)n : -EINVAL;
	for (int sig = 1; sig < NSIG; sig++) {
		const char *name = sigabbrev_np(sig);

		if (name && strcasecmp(name, s) == 0)
			return sig;
	}
	return -EINVAL;
}

static void parse_args(struct nsunshare_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		NSK_TYPE_LONGOPTS,
		{"all", no_argument, NULL, 'a'},
		{"fork", no_argument, NULL, 'f'},
		{"kill-child", optional_argument, NULL, OPT_KILL_CHILD},
		{"forward-signals", no_argument, NULL, OPT_FORWARD_SIGNALS},
		NSK_IDMAP_LONGOPTS,
		{"root", required_argument, NULL, 'R'},
		{"wd", required_argument, NULL, 'w'},
		NSK_SETUP_LONGOPTS,
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	static const char shortopts[] =
		"+:" NSK_TYPE_SHORTOPTS "af" NSK_IDMAP_SHORTOPTS NSK_SETUP_SHORTOPTS "R:w:vhV";
	struct nsk_err e;
	const char *file;
	int c, t, r;

	opterr = 0; /* one message per mistake, ours */
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if ((t = nsk_type_opt(c, optarg, &file, &e)) != -1) {
			if (t < 0)
				nsk_usage_err(NSK_EXIT_TOOL, "%s", e.what);
			o->types |= NSK_TYPE_BIT(t);
			o->pin[t] = file;
			continue;
		}
		if (c == 'R')
			c = NSK_OPT_ROOT;
		else if (c == 'w')
			c = NSK_OPT_WD;
		r = nsk_idmap_opt(&o->map, c, optarg, &e);
		if (r == 0)
			r = nsk_setup_opt(&o->setup, c, optarg, &e);
		if (r < 0)
			nsk_usage_err(NSK_EXIT_TOOL, "%s", e.what);
		if (r > 0)
			continue;
		switch (c) {
		case 'a':
			o->types |= nsk_types_available();
			break;
		case 'f':
			o->fork = true;
			break;
		case OPT_KILL_CHILD:
			o->fork = true;
			o->kill_signal = optarg ? parse_signal(optarg) : SIGKILL;
			if (o->kill_signal < 0)
				nsk_usage_err(NSK_EXIT_TOOL,
					      "invalid --kill-child '%s': unknown signal", optarg);
			break;
		case OPT_FORWARD_SIGNALS:
			/* Always on when nsunshare waits (SPEC §1); kept for
			 * the command lines of util-linux 2.41. */
			break;
		case 'v':
			nsk_verbose = true;
			break;
		case 'h':
			usage();
		case 'V':
			nsk_print_version();
		case ':':
			nsk_usage_err(NSK_EXIT_TOOL, "option '%s' requires an argument",
				      argv[optind - 1]);
		default:
			if (optopt)
				nsk_usage_err(NSK_EXIT_TOOL, "invalid option -- '%c'", optopt);
			nsk_usage_err(NSK_EXIT_TOOL, "unrecognized option '%s'", argv[optind - 1]);
		}
	}
	o->argv = nsk_command(argc - optind, argv + optind);
}

/* The implications of util-linux unshare, and the combinations that cannot
 * work, refused before anything is changed. */
static void validate(struct nsunshare_opts *o)
{
	struct nsk_setup *s = &o->setup;
	struct nsk_err e;
	int r;

	if (nsk_idmap_wanted(&o->map))
		o->types |= NSK_TYPE_BIT(NSK_USER);
	if (s->proc_dir)
		o->types |= NSK_TYPE_BIT(NSK_MNT);
	/* A hostname outside a new UTS namespace would be the host's. */
	if (s->hostname)
		o->types |= NSK_TYPE_BIT(NSK_UTS);
	if (s->interp) {
		if (!(o->types & NSK_TYPE_BIT(NSK_USER)))
			nsk_usage_err(NSK_EXIT_TOOL, "--load-interp needs a new user namespace "
						     "(-U or -r): without one, binfmt_misc is the "
						     "host's");
		o->types |= NSK_TYPE_BIT(NSK_MNT);
	}
	if ((s->has_monotonic || s->has_boottime) && !(o->types & NSK_TYPE_BIT(NSK_TIME)))
		nsk_usage_err(NSK_EXIT_TOOL, "--%s needs a new time namespace (-T)",
			      s->has_monotonic ? "monotonic" : "boottime");
	if (o->pin[NSK_PID] && !o->fork)
		nsk_usage_err(NSK_EXIT_TOOL,
			      "--pid=%s needs --fork: a PID namespace can be "
			      "pinned only once it has a PID 1",
			      o->pin[NSK_PID]);
	if (!o->types)
		nsk_trace("no namespace requested: exec only");
	if ((o->types & NSK_TYPE_BIT(NSK_PID)) && !o->fork)
		nsk_trace("CLONE_NEWPID without --fork: the command stays in this PID namespace, "
			  "its first child becomes PID 1 of the new one");
	if ((r = nsk_idmap_finish(&o->map, &e)) < 0) {
		/* The options themselves: E says all. */
		nsk_die_rec(NSK_EXIT_TOOL, r == -EINVAL || r == -E2BIG ? 0 : r, &e);
	}
}

/* Prints the one line of a failed step (and its hint), returns 125. */
static int fail(int err, const struct nsk_err *e)
{
	nsk_warn_rec(err, e);
	return NSK_EXIT_TOOL;
}

/*
 * The helper: a process left in the caller's namespaces (forked before
 * unshare(2), as util-linux does) that writes the caller's id maps when the
 * caller may not write them itself, and pins the new namespaces from outside
 * (a mount namespace can be pinned only from an older one). It keeps the pins
 * on an undo list until the caller says the command runs ('c', or the pipe
 * closing on the exec) or that it failed ('r').
 */
struct helper {
	int to, from; /* pipes: nsunshare -> helper, helper -> nsunshare */
	bool active;
};

struct helper_reply {
	int err;
	struct nsk_err e;
};

static int helper_pins(const struct nsunshare_opts *o, pid_t ppid, struct nsk_undo *undo,
		       struct nsk_err *e)
{
	for (int t = 0; t < NSK_NTYPES; t++) {
		const struct nsk_type_info *ti = &nsk_types[t];
		struct nsk_pin_error perr = {0};
		char nspath[64];
		struct stat st;
		int r;

		if (!o->pin[t])
			continue;
		/* pid and time: the namespace our children enter. */
		snprintf(nspath, sizeof(nspath), "/proc/%d/ns/%s", (int)ppid,
			 ti->for_children ? ti->for_children : ti->name);
		r = nsk_pin_path(nspath, o->pin[t],
				 stat(o->pin[t], &st) == 0 ? NSK_PIN_EXISTING : 0, undo, &perr);
		if (r < 0) {
			if (strcmp(perr.path, o->pin[t]) == 0)
				nsk_err_set(e, r, "cannot pin %s namespace at %s", ti->name,
					    o->pin[t]);
			else
				nsk_err_set(e, r, "cannot pin %s namespace at %s (%s %s)", ti->name,
					    o->pin[t], perr.op ? perr.op : "pin", perr.path);
			nsk_err_hint(e, nsk_pin_hint(r, (enum nsk_type)t, -1));
			return r;
		}
	}
	return 0;
}

static noreturn void helper_main(const struct nsunshare_opts *o, pid_t ppid, int in, int out)
{
	struct nsk_undo undo = NSK_UNDO_INIT;
	char cmd;

	while (read(in, &cmd, 1) == 1) {
		struct helper_reply rep = {0};

		if (cmd == 'm')
			rep.err = nsk_idmap_write(&o->map, ppid, &rep.e);
		else if (cmd == 'p')
			rep.err = helper_pins(o, ppid, &undo, &rep.e);
		else if (cmd == 'r')
			rep.err = nsk_undo_run(&undo);
		else
			break;
		if (write(out, &rep, sizeof(rep)) != sizeof(rep) || cmd == 'r')
			_exit(0);
	}
	/* 'c', or the pipe closed on the caller's exec: the pins stay. */
	nsk_undo_forget(&undo);
	_exit(0);
}

static int helper_start(const struct nsunshare_opts *o, struct helper *h)
{
	int to[2], from[2], status;
	pid_t ppid = getpid(), pid;

	if (pipe2(to, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(from, O_CLOEXEC) < 0) {
		close(to[0]);
		close(to[1]);
		return -errno;
	}
	/* Forked twice, so that the command (when nsunshare execs in place)
	 * never inherits a child it did not start. */
	pid = fork();
	if (pid == 0) {
		close(to[1]);
		close(from[0]);
		if (fork() == 0)
			helper_main(o, ppid, to[0], from[1]);
		_exit(0);
	}
	close(to[0]);
	close(from[1]);
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		int err = errno;

		close(to[1]);
		close(from[0]);
		return -err;
	}
	nsk_trace("fork() = %d (helper in the parent namespaces)", (int)pid);
	*h = (struct helper){.to = to[1], .from = from[0], .active = true};
	return 0;
}

/* Asks the helper to do CMD; returns its result, with E filled on failure. */
static int helper_ask(struct helper *h, char cmd, struct nsk_err *e)
{
	struct helper_reply rep;

	if (!h->active)
		return 0;
	if (write(h->to, &cmd, 1) != 1 || read(h->from, &rep, sizeof(rep)) != sizeof(rep))
		return nsk_err_set(e, EPIPE, "the helper in the parent namespaces is gone");
	if (rep.err < 0)
		*e = rep.e;
	return rep.err;
}

/* The command runs (or failed): keep the pins, or remove them. */
static void helper_end(struct helper *h, bool ok)
{
	struct nsk_err e;

	if (!h->active)
		return;
	if (!ok)
		helper_ask(h, 'r', &e);
	close(h->to);
	close(h->from);
	h->active = false;
}

static int do_unshare(const struct nsunshare_opts *o)
{
	int flags = nsk_types_to_flags(o->types);
	char buf[256];
	int r;

	if (!flags)
		return 0;
	r = unshare(flags) < 0 ? -errno : 0;
	nsk_trace("unshare(%s) = %s", nsk_flags_str((unsigned)flags, buf, sizeof(buf)),
		  nsk_ret_str(r));
	if (r < 0) {
		nsk_warn_err(r, "unshare(%s) failed", buf);
		if (r == -EPERM && !(o->types & NSK_TYPE_BIT(NSK_USER)) && geteuid() != 0)
			nsk_hint("without privilege, add -r (or -U) for a user namespace in "
				 "which you have CAP_SYS_ADMIN");
		else if (r == -EINVAL && (o->types & NSK_TYPE_BIT(NSK_USER)))
			nsk_hint("a threaded or chrooted process cannot make a user namespace");
		else
			nsk_hint_perm(r, "CAP_SYS_ADMIN", "the current user namespace");
	}
	return r;
}

/* Execs the command after the set-up; returns the exit status on failure. */
static int run_command(const struct nsunshare_opts *o)
{
	struct nsk_err e;
	int r, status;

	r = nsk_setup_apply(&o->setup, nsk_types_to_flags(o->types), &e);
	if (r < 0)
		return fail(r, &e);
	nsk_trace("execvp(\"%s\")", o->argv[0]);
	status = nsk_exec(o->argv);
	nsk_warn_err(errno, "failed to execute %s", o->argv[0]);
	return status;
}

/*
 * -f: the command runs as a child (PID 1 of a new PID namespace), nsunshare
 * waits, forwards signals and returns its status. With pins (the helper is
 * still there), the child waits until they exist (a PID namespace has them
 * once the child is its PID 1), and says over a pipe whether its exec failed.
 */
static int run_forked(const struct nsunshare_opts *o, struct helper *h)
{
	int go[2] = {-1, -1}, ran[2] = {-1, -1};
	pid_t ppid = getpid(), pid;
	struct nsk_err e;
	sigset_t old;
	int pidfd, r;
	char c;

	if (h->active && (pipe2(go, O_CLOEXEC) < 0 || pipe2(ran, O_CLOEXEC) < 0)) {
		nsk_warn_err(errno, "pipe2");
		return NSK_EXIT_TOOL;
	}
	if ((r = nsk_signals_block(&old)) < 0) {
		nsk_warn_err(r, "sigprocmask");
		return NSK_EXIT_TOOL;
	}
	pid = nsk_fork_pidfd(&pidfd);
	if (pid < 0) {
		nsk_warn_err(pid, "fork() failed");
		return NSK_EXIT_TOOL;
	}
	if (pid == 0) {
		nsk_signals_restore(&old);
		/* PID 1 of a new PID namespace sees its parent as 0. */
		if (o->kill_signal && (prctl(PR_SET_PDEATHSIG, o->kill_signal) < 0 ||
				       (getppid() != ppid && getppid() != 0)))
			_exit(NSK_EXIT_TOOL); /* nsunshare is already gone */
		if (h->active) {
			close(go[1]);
			close(ran[0]);
			if (read(go[0], &c, 1) != 1)
				_exit(NSK_EXIT_TOOL); /* nsunshare failed and said so */
		}
		r = run_command(o);
		if (h->active && write(ran[1], "x", 1) < 0)
			_exit(r);
		_exit(r);
	}
	nsk_trace("clone3(CLONE_PIDFD) = %d", (int)pid);
	if (h->active) {
		close(go[0]);
		close(ran[1]);
		r = helper_ask(h, 'p', &e);
		if (r < 0) {
			close(go[1]); /* the child exits without running the command */
			nsk_wait_forward(pid, pidfd);
			helper_end(h, false);
			return fail(r, &e);
		}
		/* EOF: the child's exec closed its end; a byte: it failed. */
		if (write(go[1], "g", 1) != 1 || read(ran[0], &c, 1) == 1)
			helper_end(h, false);
		else
			helper_end(h, true);
		close(go[1]);
		close(ran[0]);
	}
	r = nsk_wait_forward(pid, pidfd);
	if (pidfd >= 0)
		close(pidfd);
	if (r < 0) {
		nsk_warn_err(r, "cannot wait for %d", (int)pid);
		return NSK_EXIT_TOOL;
	}
	return r;
}

static bool has_pins(const struct nsunshare_opts *o)
{
	for (int t = 0; t < NSK_NTYPES; t++)
		if (o->pin[t])
			return true;
	return false;
}

int main(int argc, char **argv)
{
	struct nsunshare_opts o = {.setup.propagation = MS_PRIVATE | MS_REC};
	bool self_maps, newuser;
	struct helper h = {0};
	struct nsk_err e;
	int r;

	nsk_msg_init(argv[0]);
	parse_args(&o, argc, argv);
	validate(&o);
	newuser = o.types & NSK_TYPE_BIT(NSK_USER);
	self_maps = nsk_idmap_self_writable(&o.map);
	/* A helper to pin, and to write the maps we may not write ourselves. */
	if ((has_pins(&o) || (newuser && !self_maps)) && (r = helper_start(&o, &h)) < 0) {
		nsk_warn_err(r, "cannot fork a helper");
		return NSK_EXIT_TOOL;
	}
	if ((r = nsk_idmap_become_owner(&o.map, &e)) < 0)
		goto failed;
	if (do_unshare(&o) < 0) {
		helper_end(&h, false);
		return NSK_EXIT_TOOL;
	}
	if (newuser &&
	    (r = self_maps ? nsk_idmap_write(&o.map, 0, &e) : helper_ask(&h, 'm', &e)) < 0)
		goto failed;
	if ((r = nsk_setup_timens(&o.setup, 0, &e)) < 0)
		goto failed;
	if (!has_pins(&o))
		helper_end(&h, true); /* it wrote the maps: nothing to undo */
	if (o.fork)
		return run_forked(&o, &h);
	if ((r = helper_ask(&h, 'p', &e)) < 0)
		goto failed;
	/* The helper keeps the pins when our exec closes its pipe. */
	r = run_command(&o);
	helper_end(&h, false);
	return r;
failed:
	helper_end(&h, false);
	return fail(r, &e);
}
