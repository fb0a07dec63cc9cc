// SPDX-License-Identifier: GPL-2.0-or-later
/* nsls - list every namespace by inode: who is in it and what keeps it alive. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "compat.h"
#include "mountinfo.h"
#include "msg.h"
#include "nsfs.h"
#include "nstype.h"
#include "output.h"
#include "proc.h"
#include "ref.h"

/* ---- columns ---- */

enum {
	COL_NS,
	COL_ID,
	COL_TYPE,
	COL_ENTRY,
	COL_DIFF,
	COL_NPROCS,
	COL_PID,
	COL_PPID,
	COL_COMMAND,
	COL_UID,
	COL_USER,
	COL_PATH,
	COL_NSFS,
	COL_HOLDERS,
	COL_PNS,
	COL_ONS,
	COL_OUID,
	COL_NETNSID,
};

static const struct nsk_col columns[] = {
	[COL_NS] = {"NS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		    "namespace identifier (inode number)"},
	[COL_ID] = {"ID", 6, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		    "the kernel's 64-bit namespace id, never reused (Linux 6.18)"},
	[COL_TYPE] = {"TYPE", 5, 0, SCOLS_JSON_STRING, "kind of namespace"},
	[COL_ENTRY] = {"ENTRY", 5, 0, SCOLS_JSON_STRING, "the /proc/PID/ns entry (with -p)"},
	[COL_DIFF] = {"DIFF", 4, 0, SCOLS_JSON_BOOLEAN,
		      "differs from nsls's own namespace of that entry (with -p)"},
	[COL_NPROCS] = {"NPROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			"number of processes in the namespace"},
	[COL_PID] = {"PID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "lowest PID in the namespace"},
	[COL_PPID] = {"PPID", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "PPID of the PID"},
	[COL_COMMAND] = {"COMMAND", 0, SCOLS_FL_TRUNC, SCOLS_JSON_STRING,
			 "command line of the PID"},
	[COL_UID] = {"UID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "UID of the PID"},
	[COL_USER] = {"USER", 0, 0, SCOLS_JSON_STRING, "username of the PID"},
	[COL_PATH] = {"PATH", 0, 0, SCOLS_JSON_STRING, "path to the namespace"},
	[COL_NSFS] = {"NSFS", 0, SCOLS_FL_WRAP, SCOLS_JSON_ARRAY_STRING,
		      "nsfs mount points (pins): ours, else other mount namespaces'"},
	[COL_HOLDERS] = {"HOLDERS", 0, SCOLS_FL_WRAP, SCOLS_JSON_ARRAY_STRING,
			 "what keeps it alive: pid:N tid:N fd:PID:FD socket:PID:FD mount:PATH "
			 "child:INODE"},
	[COL_PNS] = {"PNS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		     "parent namespace identifier (inode number)"},
	[COL_ONS] = {"ONS", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		     "owner namespace identifier (inode number)"},
	[COL_OUID] = {"OUID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
		      "UID that created the user namespace"},
	[COL_NETNSID] = {"NETNSID", 0, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER,
			 "namespace ID as used by network subsystem"},
};

#define DEFAULT_COLS "NS,TYPE,NPROCS,PID,USER,COMMAND"
#define TASK_COLS    "ENTRY,NS,TYPE,DIFF,NPROCS,PID,USER,COMMAND"

/* --compare has its own small table. */
enum { CCOL_TYPE, CCOL_NS1, CCOL_NS2, CCOL_ID1, CCOL_ID2, CCOL_SAME };
static const struct nsk_col cmp_columns[] = {
	[CCOL_TYPE] = {"TYPE", 5, 0, SCOLS_JSON_STRING, "kind of namespace"},
	[CCOL_NS1] = {"NS1", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "inode of the first REF's"},
	[CCOL_NS2] = {"NS2", 10, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "inode of the second REF's"},
	[CCOL_ID1] = {"ID1", 6, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "id of the first REF's"},
	[CCOL_ID2] = {"ID2", 6, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER, "id of the second REF's"},
	[CCOL_SAME] = {"SAME", 4, 0, SCOLS_JSON_BOOLEAN, "the same namespace"},
};
#define CMP_COLS "TYPE,NS1,NS2,SAME"

enum tree_kind { TREE_NONE, TREE_OWNER, TREE_PARENT, TREE_PROCESS };

/* Exit status: 0/1, and for --compare 0 same, 1 different, 2 trouble. */
#define EXIT_DIFFERENT 1
#define EXIT_CMP_ERROR 2

struct nsls_opts {
	unsigned int types; /* -t, or every type */
	int one_type;	    /* the type of -t when it names one, else -1 */
	const char *task;   /* -p PID */
	bool compare;
	enum tree_kind tree;
	char **refs;
	int nrefs;
	int fail; /* the exit status of a failure */
	struct nsk_out out;
};

/* ---- what nsls finds: namespaces and what holds them ---- */

enum holder_kind {
	HOLD_TID,      /* a thread whose namespace differs from its leader's */
	HOLD_CHILDREN, /* pid_for_children / time_for_children of a process */
	HOLD_FD,       /* an open fd of a process */
	HOLD_SOCKET,   /* a socket of a process, in another net namespace */
	HOLD_MOUNT,    /* an nsfs bind mount in some mount namespace */
	HOLD_CHILD,    /* it owns or is the parent of a namespace */
	HOLD_HIDDEN,   /* only the kernel's lists (listns, mount namespaces) show it */
};

struct holder {
	enum holder_kind kind;
	pid_t pid;	     /* TID: the thread; others: the process */
	int fd;		     /* FD, SOCKET */
	ino_t ino;	     /* MOUNT: the mount namespace; CHILD: the child */
	char *path;	     /* MOUNT: the mount point in that namespace */
	enum nsk_type ctype; /* CHILD: the child's type */
	bool parent;	     /* CHILD: it is the child's parent, not its owner */
};

struct ns {
	enum nsk_type type;
	ino_t ino;
	uint64_t id;
	unsigned int nprocs;
	pid_t pid; /* the lowest PID in it, 0 when no process is */
	ino_t owner, parent;
	uid_t ouid;
	bool has_ouid, probed, mounts_done;
	struct holder *holders;
	size_t nholders, aholders;
	struct libscols_line *line;
};

struct nstab {
	struct ns **v; /* in order of discovery */
	size_t n, alloc;
	size_t *hash; /* index + 1, open addressing */
	size_t hsize;
	ino_t self_mnt; /* the caller's mount namespace */
};

static size_t ns_hash(enum nsk_type type, ino_t ino, size_t size)
{
	uint64_t h = ((uint64_t)ino << 3 | type) * 0x9e3779b97f4a7c15ULL;

	return (size_t)(h >> 32) & (size - 1);
}

static struct ns *ns_find(const struct nstab *tab, enum nsk_type type, ino_t ino)
{
	if (!tab->hsize)
		return NULL;
	for (size_t i = ns_hash(type, ino, tab->hsize);; i = (i + 1) & (tab->hsize - 1)) {
		struct ns *e;

		if (!tab->hash[i])
			return NULL;
		e = tab->v[tab->hash[i] - 1];
		if (e->ino == ino && e->type == type)
			return e;
	}
}

static void ns_rehash(struct nstab *tab, size_t size)
{
	size_t *hash = calloc(size, sizeof(*hash));

	if (!hash)
		nsk_die_err(EXIT_FAILURE, ENOMEM, "cannot grow the namespace table");
	for (size_t k = 0; k < tab->n; k++) {
		size_t i = ns_hash(tab->v[k]->type, tab->v[k]->ino, size);

		while (hash[i])
			i = (i + 1) & (size - 1);
		hash[i] = k + 1;
	}
	free(tab->hash);
	tab->hash = hash;
	tab->hsize = size;
}

/* The namespace TYPE:[INO], added when it is new (*ISNEW). */
static struct ns *ns_get(struct nstab *tab, enum nsk_type type, ino_t ino, bool *isnew)
{
	struct ns *e = ns_find(tab, type, ino);

	if (isnew)
		*isnew = !e;
	if (e)
		return e;
	if (tab->n == tab->alloc) {
		tab->alloc = tab->alloc ? tab->alloc * 2 : 256;
		tab->v = realloc(tab->v, tab->alloc * sizeof(*tab->v));
		if (!tab->v)
			nsk_die_err(EXIT_FAILURE, ENOMEM, "cannot grow the namespace table");
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		nsk_die_err(EXIT_FAILURE, ENOMEM, "cannot grow the namespace table");
	e->type = type;
	e->ino = ino;
	tab->v[tab->n++] = e;
	if (tab->n * 2 > tab->hsize)
		ns_rehash(tab, tab->hsize ? tab->hsize * 2 : 1024);
	else {
		size_t i = ns_hash(type, ino, tab->hsize);

		while (tab->hash[i])
			i = (i + 1) & (tab->hsize - 1);
		tab->hash[i] = tab->n;
	}
	return e;
}

static struct holder *ns_hold(struct ns *e, enum holder_kind kind, pid_t pid)
{
	struct holder *h;

	if (e->nholders == e->aholders) {
		e->aholders = e->aholders ? e->aholders * 2 : 2;
		e->holders = realloc(e->holders, e->aholders * sizeof(*e->holders));
		if (!e->holders)
			nsk_die_err(EXIT_FAILURE, ENOMEM, "cannot record a holder");
	}
	h = &e->holders[e->nholders++];
	*h = (struct holder){.kind = kind, .pid = pid, .fd = -1};
	return h;
}

static void nstab_free(struct nstab *tab)
{
	for (size_t k = 0; k < tab->n; k++) {
		for (size_t i = 0; i < tab->v[k]->nholders; i++)
			free(tab->v[k]->holders[i].path);
		free(tab->v[k]->holders);
		free(tab->v[k]);
	}
	free(tab->v);
	free(tab->hash);
}

/* ---- usage ---- */

static void usage(void)
{
	FILE *out = stdout;

	fprintf(out,
		"Usage:\n"
		" %1$s [options] [REF...]\n"
		" %1$s --compare REF1 REF2\n"
		"\nList every namespace on the system, or the namespaces of REF: a PID, an nsfs\n"
		"file or pin, a pin directory, TYPE:[INODE], or an inode with -t TYPE.\n"
		"\nOptions:\n"
		" -p, --task <pid>       the namespaces of one process (all of /proc/PID/ns)\n"
		" -t, --type <list>      only these types (cgroup,ipc,mnt,net,pid,time,user,uts)\n"
		" -T, --tree[=<rel>]     tree of user namespace ownership (owner, the\n"
		"                          default), pid/user nesting (parent) or processes\n"
		"                          (process)\n"
		"     --compare          compare the namespaces of two REFs type by type:\n"
		"                          exit 0 when all are the same, 1 when some differ\n",
		nsk_prog);
	nsk_out_usage(out);
	fputs(" -v, --verbose          trace the system calls on stderr\n"
	      " -h, --help             display this help\n"
	      " -V, --version          display version\n",
	      out);
	nsk_out_usage_columns(out, columns, sizeof(columns) / sizeof(columns[0]));
	fputs("\nWith --compare, the columns are TYPE NS1 NS2 ID1 ID2 SAME.\n"
	      "\nSee nsls(1).\n",
	      out);
	exit(EXIT_SUCCESS);
}

/* ---- options ---- */

enum { OPT_COMPARE = CHAR_MAX + 1 };

static bool is_tree_word(const char *s)
{
	return strcmp(s, "owner") == 0 || strcmp(s, "parent") == 0 || strcmp(s, "process") == 0;
}

static void parse_args(int argc, char **argv, struct nsls_opts *o)
{
	static const struct option longopts[] = {
		{"task", required_argument, NULL, 'p'},
		{"type", required_argument, NULL, 't'},
		{"tree", optional_argument, NULL, 'T'},
		{"compare", no_argument, NULL, OPT_COMPARE},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		NSK_OUT_LONGOPTS,
		{NULL, 0, NULL, 0},
	};
	const char *bad;
	int c;

	/* cmp(1) convention: with --compare, every trouble is exit 2. */
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--compare") == 0)
			o->fail = EXIT_CMP_ERROR;

	while ((c = getopt_long(argc, argv, "+p:t:T::vhV" NSK_OUT_SHORTOPTS, longopts, NULL)) !=
	       -1) {
		if (nsk_out_opt(&o->out, c, optarg))
			continue;
		switch (c) {
		case 'p':
			o->task = optarg;
			break;
		case 't':
			if (nsk_types_parse(optarg, &o->types, &bad) < 0)
				nsk_usage_err(o->fail, "unknown namespace type: %s", bad);
			o->one_type =
				__builtin_popcount(o->types) == 1 ? __builtin_ctz(o->types) : -1;
			break;
		case 'T':
			if (optarg && *optarg == '=')
				optarg++;
			/* "-T parent", as lsns takes it, besides "-Tparent". */
			if (!optarg && optind < argc && is_tree_word(argv[optind]))
				optarg = argv[optind++];
			if (!optarg || strcmp(optarg, "owner") == 0)
				o->tree = TREE_OWNER;
			else if (strcmp(optarg, "parent") == 0)
				o->tree = TREE_PARENT;
			else if (strcmp(optarg, "process") == 0)
				o->tree = TREE_PROCESS;
			else
				nsk_usage_err(o->fail,
					      "unknown tree: %s (owner, parent or process)",
					      optarg);
			break;
		case OPT_COMPARE:
			o->compare = true;
			break;
		case 'v':
			nsk_verbose = true;
			break;
		case 'h':
			usage();
			break;
		case 'V':
			nsk_print_version();
		default:
			fprintf(stderr, "Try '%s --help' for more information.\n", nsk_prog);
			exit(o->fail);
		}
	}
	o->refs = argv + optind;
	o->nrefs = argc - optind;
}

static void validate(struct nsls_opts *o)
{
	const char *bad = NULL;
	int r;

	if (o->compare) {
		if (o->nrefs != 2)
			nsk_usage_err(o->fail, "--compare takes two references, not %d", o->nrefs);
		if (o->task || o->tree)
			nsk_usage_err(o->fail, "--compare cannot be combined with -p or -T");
		o->out.cols = cmp_columns;
		o->out.ncols = sizeof(cmp_columns) / sizeof(cmp_columns[0]);
		r = nsk_out_columns(&o->out, CMP_COLS, &bad);
	} else {
		if (o->task && o->nrefs)
			nsk_usage_err(o->fail, "-p and REF arguments cannot be combined");
		r = nsk_out_columns(&o->out, o->task ? TASK_COLS : DEFAULT_COLS, &bad);
	}
	if (r == -EINVAL)
		nsk_usage_err(o->fail, "unknown column: %s", bad);
	if (r < 0)
		nsk_usage_err(o->fail, "too many columns");
}

/* ---- discovery, step 2: one pass over /proc ---- */

struct walk {
	struct nstab *tab;
	int procfd;
	long pid;
	int piddir; /* /proc/PID, opened once: shorter lookups for every link */
	int pidfd;  /* of the current process, opened for its sockets only */
	ino_t own[NSK_NTYPES];
	struct ns *last[NSK_NTYPES]; /* most processes share their namespaces */
	unsigned long procs, skipped;
};

/* "net:[4026531840]" after NAMELEN characters of type name: the inode, or 0. */
static ino_t link_ino(const char *buf, ssize_t n, size_t namelen)
{
	ino_t ino = 0;

	if (n < (ssize_t)namelen + 4 || buf[namelen] != ':' || buf[namelen + 1] != '[')
		return 0;
	for (const char *p = buf + namelen + 2; p < buf + n - 1; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		ino = ino * 10 + (ino_t)(*p - '0');
	}
	return buf[n - 1] == ']' ? ino : 0;
}

/* Reads the ten entries of DIR ("PID/ns" or "PID/task/TID/ns") into INO
 * (type order) and CHILD (pid and time for children; 0 when absent).
 * Returns 0, or -errno of the first entry when none could be read. */
static int read_ns_links(int procfd, const char *dir, ino_t ino[NSK_NTYPES],
			 ino_t child[NSK_NTYPES])
{
	char path[96], buf[64];
	size_t dlen = strlen(dir);
	int first_err = 0, got = 0;

	memcpy(path, dir, dlen);
	path[dlen++] = '/';
	for (int t = 0; t < NSK_NTYPES; t++) {
		const char *name = nsk_types[t].name;
		size_t namelen = strlen(name);

		for (int c = 0; c < 2; c++) {
			const char *entry = c ? nsk_types[t].for_children : name;
			ino_t *slot = c ? &child[t] : &ino[t];
			ssize_t n;

			*slot = 0;
			if (!entry)
				continue;
			strcpy(path + dlen, entry);
			n = readlinkat(procfd, path, buf, sizeof(buf));
			if (n < 0) {
				if (!got && !first_err)
					first_err = -errno;
				/* Another user's process: every entry will say so. */
				if (!got && (errno == EACCES || errno == EPERM || errno == ESRCH))
					return first_err;
				continue;
			}
			got++;
			*slot = link_ino(buf, n, namelen);
		}
	}
	return got ? 0 : first_err;
}

static struct ns *walk_get(struct walk *w, enum nsk_type t, ino_t ino)
{
	if (!w->last[t] || w->last[t]->ino != ino)
		w->last[t] = ns_get(w->tab, t, ino, NULL);
	return w->last[t];
}

/* Threads share their leader's namespaces unless one of them called
 * unshare(2) or setns(2): the task directory's link count is 2 + threads. */
static void walk_threads(struct walk *w, const ino_t leader[NSK_NTYPES])
{
	struct nsk_numdir d;
	char path[64];
	struct stat st;
	long tid;

	if (fstatat(w->piddir, "task", &st, 0) < 0 || st.st_nlink <= 3)
		return;
	if (nsk_numdir_open(&d, w->piddir, "task") < 0)
		return;
	while (nsk_numdir_next(&d, &tid) == 0) {
		ino_t ino[NSK_NTYPES], child[NSK_NTYPES];

		if (tid == w->pid)
			continue;
		snprintf(path, sizeof(path), "task/%ld/ns", tid);
		if (read_ns_links(w->piddir, path, ino, child) < 0)
			continue;
		for (int t = 0; t < NSK_NTYPES; t++) {
			struct ns *e;

			if (!ino[t] || ino[t] == leader[t])
				continue;
			e = walk_get(w, t, ino[t]);
			ns_hold(e, HOLD_TID, (pid_t)tid);
		}
	}
	nsk_numdir_close(&d);
}

/* The net namespace of socket FD of the current process (SIOCGSKNS, 4.9, on
 * a copy from pidfd_getfd, 5.6). Returns an nsfs fd or -errno. */
static int socket_netns(struct walk *w, long fd)
{
	int sock, ns;

	if (w->pidfd == -1) {
		w->pidfd = nsk_pidfd_open((pid_t)w->pid);
		if (w->pidfd < 0)
			w->pidfd = -2;
	}
	if (w->pidfd < 0)
		return -ESRCH;
	sock = nsk_sys_pidfd_getfd(w->pidfd, (int)fd, 0);
	if (sock < 0)
		return -errno;
	ns = ioctl(sock, SIOCGSKNS);
	ns = ns < 0 ? -errno : ns;
	close(sock);
	if (ns >= 0 && fcntl(ns, F_SETFD, FD_CLOEXEC) < 0) {
		close(ns);
		return -errno;
	}
	return ns;
}

static void walk_fds(struct walk *w)
{
	struct nsk_numdir d;
	char path[64], buf[64];
	long fd;

	if (nsk_numdir_open(&d, w->piddir, "fd") < 0)
		return;
	while (nsk_numdir_next(&d, &fd) == 0) {
		ssize_t n;
		int t;

		snprintf(path, sizeof(path), "%ld", fd);
		n = readlinkat(d.fd, path, buf, sizeof(buf) - 1);
		/* Files start with '/'; nsfs and sockets with "TYPE:[". */
		if (n < 8 || buf[0] == '/')
			continue;
		buf[n] = '\0';
		if (strncmp(buf, "socket:[", 8) == 0) {
			struct stat st;
			int ns = socket_netns(w, fd);

			if (ns < 0)
				continue;
			if (fstat(ns, &st) == 0 && st.st_ino != w->own[NSK_NET]) {
				struct ns *e = walk_get(w, NSK_NET, st.st_ino);
				struct holder *h = ns_hold(e, HOLD_SOCKET, (pid_t)w->pid);

				h->fd = (int)fd;
			}
			close(ns);
			continue;
		}
		char *colon = strchr(buf, ':');

		if (!colon)
			continue;
		*colon = '\0';
		t = nsk_type_from_name(buf);
		*colon = ':';
		if (t < 0)
			continue;
		ino_t ino = link_ino(buf, n, strlen(nsk_types[t].name));

		if (ino) {
			struct holder *h = ns_hold(walk_get(w, t, ino), HOLD_FD, (pid_t)w->pid);

			h->fd = (int)fd;
		}
	}
	nsk_numdir_close(&d);
}

static void walk_process(struct walk *w)
{
	ino_t ino[NSK_NTYPES], child[NSK_NTYPES];
	char dir[32];

	snprintf(dir, sizeof(dir), "%ld", w->pid);
	w->piddir = openat(w->procfd, dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	/* EACCES (PID 1 here, or another user's process) and ENOENT (it exited
	 * meanwhile) both mean: not visible, carry on. */
	if (w->piddir < 0 || read_ns_links(w->piddir, "ns", ino, child) < 0) {
		if (w->piddir >= 0)
			close(w->piddir);
		w->skipped++;
		return;
	}
	w->procs++;
	memcpy(w->own, ino, sizeof(w->own));
	for (int t = 0; t < NSK_NTYPES; t++) {
		struct ns *e;

		if (ino[t]) {
			e = walk_get(w, t, ino[t]);
			e->nprocs++;
			if (!e->pid || w->pid < e->pid)
				e->pid = (pid_t)w->pid;
		}
		/* A zombie keeps only its pid link; children need a pid 1 first. */
		if (child[t] && child[t] != ino[t]) {
			e = walk_get(w, t, child[t]);
			ns_hold(e, HOLD_CHILDREN, (pid_t)w->pid);
		}
	}
	walk_threads(w, ino);
	w->pidfd = -1;
	walk_fds(w);
	if (w->pidfd >= 0)
		close(w->pidfd);
	close(w->piddir);
}

static void discover_procs(struct nstab *tab, int procfd)
{
	struct walk w = {.tab = tab, .procfd = procfd};
	struct nsk_numdir d;
	int r = nsk_numdir_open(&d, procfd, ".");

	if (r < 0)
		nsk_die_err(EXIT_FAILURE, r, "cannot read /proc");
	while (nsk_numdir_next(&d, &w.pid) == 0)
		walk_process(&w);
	nsk_numdir_close(&d);
	nsk_trace("readlinkat(/proc/*/ns/*, /proc/*/fd/*): %lu processes, %lu not readable",
		  w.procs, w.skipped);
}

/* ---- discovery, step 3: bind mounts in every mount namespace ---- */

struct mount_ctx {
	struct nstab *tab;
	struct ns *mntns;
	pid_t pid; /* a process in that mount namespace, or 0 */
};

static int add_mount(const struct nsk_nsfs_mount *m, void *data)
{
	struct mount_ctx *c = data;
	struct ns *e = ns_get(c->tab, m->type, m->ino, NULL);
	struct holder *h = ns_hold(e, HOLD_MOUNT, c->pid);

	h->ino = c->mntns->ino;
	h->path = strdup(m->target);
	if (!h->path)
		nsk_die_err(EXIT_FAILURE, ENOMEM, "cannot record a mount");
	return 0;
}

static int open_ns(const struct nstab *tab, const struct ns *e);

static void mounts_of(struct nstab *tab, struct ns *mnt, int fd)
{
	struct mount_ctx c = {.tab = tab, .mntns = mnt, .pid = mnt->pid};
	uint64_t id;
	int r;

	mnt->mounts_done = true;
	if (mnt->pid) {
		r = nsk_mountinfo_nsfs(mnt->pid, add_mount, &c);
		if (r == 0)
			return;
	}
	/* No process (or it just left): ask the kernel by the namespace's id,
	 * listmount/statmount 6.8, another namespace than ours 6.11. */
	c.pid = 0;
	int own = -1;

	if (fd < 0)
		fd = own = open_ns(tab, mnt);
	if (fd < 0)
		return;
	r = nsk_mntns_id(fd, &id);
	if (r == 0) {
		r = nsk_mntns_nsfs(id, add_mount, &c);
		nsk_trace("listmount({mnt_ns_id=%llu}) = %d", (unsigned long long)id, r);
	}
	if (own >= 0)
		close(own);
}

/* As root, the kernel's list of every mount namespace (NS_MNT_GET_NEXT and
 * _PREV, 6.12) shows those only an fd of an unreadable process holds. */
static void walk_mntns_list(struct nstab *tab)
{
	int self = nsk_ns_open("/proc/self/ns/mnt");
	unsigned long req[2] = {NSK_NS_MNT_GET_NEXT, NSK_NS_MNT_GET_PREV};

	if (self < 0)
		return;
	for (int dir = 0; dir < 2; dir++) {
		int fd = fcntl(self, F_DUPFD_CLOEXEC, 3);

		while (fd >= 0) {
			struct nsk_mnt_ns_info info = {.size = sizeof(info)};
			int next = ioctl(fd, req[dir], &info);
			struct stat st;

			close(fd);
			fd = next;
			if (next < 0) {
				if (errno != ENOENT)
					nsk_trace("ioctl(NS_MNT_GET_%s) = -1 %s",
						  dir ? "PREV" : "NEXT", strerror(errno));
				break;
			}
			fcntl(fd, F_SETFD, FD_CLOEXEC);
			if (fstat(fd, &st) == 0) {
				bool isnew;
				struct ns *e = ns_get(tab, NSK_MNT, st.st_ino, &isnew);

				if (isnew)
					ns_hold(e, HOLD_HIDDEN, 0);
				if (!e->mounts_done)
					mounts_of(tab, e, fd);
			}
		}
	}
	close(self);
}

static void discover_mounts(struct nstab *tab)
{
	/* Mount namespaces found on the way (pins of mnt, fds) join the loop. */
	for (size_t k = 0; k < tab->n; k++)
		if (tab->v[k]->type == NSK_MNT && !tab->v[k]->mounts_done)
			mounts_of(tab, tab->v[k], -1);
	walk_mntns_list(tab);
	for (size_t k = 0; k < tab->n; k++)
		if (tab->v[k]->type == NSK_MNT && !tab->v[k]->mounts_done)
			mounts_of(tab, tab->v[k], -1);
}

/* ---- discovery, step 4: owners and parents, to a fixed point ---- */

/* Opens PATH inside the mount namespace MNTFD that no process is in: a child
 * enters it (setns, CAP_SYS_ADMIN) and passes the fd back over a socket, so
 * that nsls's own root and working directory never change. Returns an fd or
 * -errno. */
static int open_in_mntns(int mntfd, const char *path)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} u = {0};
	char byte = 0;
	struct iovec iov = {.iov_base = &byte, .iov_len = 1};
	struct msghdr msg = {.msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = u.buf,
			     .msg_controllen = sizeof(u.buf)};
	int sk[2], fd = -ENOENT, status;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sk) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		fd = -errno;
		goto out;
	}
	if (pid == 0) {
		int nfd = setns(mntfd, CLONE_NEWNS) == 0 ? nsk_ns_open(path) : -1;

		if (nfd >= 0) {
			struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

			c->cmsg_level = SOL_SOCKET;
			c->cmsg_type = SCM_RIGHTS;
			c->cmsg_len = CMSG_LEN(sizeof(int));
			memcpy(CMSG_DATA(c), &nfd, sizeof(int));
		} else {
			msg.msg_control = NULL;
			msg.msg_controllen = 0;
		}
		_exit(sendmsg(sk[1], &msg, 0) == 1 && nfd >= 0 ? 0 : 1);
	}
	close(sk[1]);
	sk[1] = -1;
	if (recvmsg(sk[0], &msg, MSG_CMSG_CLOEXEC) == 1) {
		struct cmsghdr *c = CMSG_FIRSTHDR(&msg);

		if (c && c->cmsg_type == SCM_RIGHTS)
			memcpy(&fd, CMSG_DATA(c), sizeof(int));
	}
	waitpid(pid, &status, 0);
	nsk_trace("setns(mnt, CLONE_NEWNS) + open(%s) in a child = %d", path, fd);
out:
	close(sk[0]);
	if (sk[1] >= 0)
		close(sk[1]);
	return fd;
}

/* Opens E through one of its holders, checking that it is still E (a PID
 * can be reused, a mount replaced). Returns an fd or -errno. */
static int open_ns(const struct nstab *tab, const struct ns *e)
{
	const char *name = nsk_types[e->type].name;
	char path[4200];

	for (size_t i = 0; i <= e->nholders; i++) {
		const struct holder *h = i ? &e->holders[i - 1] : NULL;
		struct stat st;
		int fd;

		/* Only an owner or a parent: open the child and go up. */
		if (h && h->kind == HOLD_CHILD) {
			const struct ns *c = ns_find(tab, h->ctype, h->ino);
			int cfd = c ? open_ns(tab, c) : -1;

			if (cfd < 0)
				continue;
			fd = h->parent ? nsk_ns_get_parent(cfd) : nsk_ns_get_userns(cfd);
			close(cfd);
			if (fd < 0)
				continue;
			if (fstat(fd, &st) == 0 && st.st_ino == e->ino)
				return fd;
			close(fd);
			continue;
		}
		path[0] = '\0';
		if (!h && e->pid)
			snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)e->pid, name);
		else if (!h)
			continue;
		else if (h->kind == HOLD_TID)
			snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)h->pid, name);
		else if (h->kind == HOLD_CHILDREN)
			snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)h->pid,
				 nsk_types[e->type].for_children);
		else if (h->kind == HOLD_FD)
			snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)h->pid, h->fd);
		else if (h->kind == HOLD_MOUNT && h->pid)
			snprintf(path, sizeof(path), "/proc/%d/root%s", (int)h->pid, h->path);
		if (h && h->kind == HOLD_MOUNT && !h->pid) {
			const struct ns *m = ns_find(tab, NSK_MNT, h->ino);
			int mfd = m && m != e ? open_ns(tab, m) : -1;

			fd = mfd >= 0 ? open_in_mntns(mfd, h->path) : -1;
			if (mfd >= 0)
				close(mfd);
		} else if (path[0]) {
			fd = nsk_ns_open(path);
		} else {
			continue;
		}
		if (fd < 0)
			continue;
		if (fstat(fd, &st) == 0 && st.st_ino == e->ino)
			return fd;
		close(fd);
	}
	return -ENOENT;
}

static void probe(struct nstab *tab, struct ns *e, int fd);

/* Follows NS_GET_USERNS or NS_GET_PARENT (4.9) from FD: the namespace it
 * names is kept alive by E, and is probed in turn with the new fd. */
static ino_t probe_up(struct nstab *tab, struct ns *e, int fd, bool parent)
{
	enum nsk_type type = parent ? e->type : NSK_USER;
	int up = parent ? nsk_ns_get_parent(fd) : nsk_ns_get_userns(fd);
	struct stat st;
	struct ns *u;
	bool isnew;

	if (up < 0)
		return 0; /* EPERM at the top of our view, EINVAL: no parent */
	if (fstat(up, &st) < 0) {
		close(up);
		return 0;
	}
	u = ns_get(tab, type, st.st_ino, &isnew);
	if (isnew || (!u->pid && u->nholders && u->holders[0].kind == HOLD_CHILD)) {
		struct holder *h = ns_hold(u, HOLD_CHILD, 0);

		h->ino = e->ino;
		h->ctype = e->type;
		h->parent = parent;
	}
	if (!u->probed)
		probe(tab, u, up);
	close(up);
	return st.st_ino;
}

static void probe(struct nstab *tab, struct ns *e, int fd)
{
	e->probed = true;
	if (nsk_ns_get_id(fd, &e->id) < 0)
		e->id = 0;
	if (e->type == NSK_USER)
		e->has_ouid = nsk_ns_owner_uid(fd, &e->ouid) == 0;
	e->owner = probe_up(tab, e, fd, false);
	if (e->type == NSK_PID || e->type == NSK_USER)
		e->parent = probe_up(tab, e, fd, true);
}

static void discover_owners(struct nstab *tab)
{
	size_t before = tab->n;

	for (size_t k = 0; k < tab->n; k++) {
		struct ns *e = tab->v[k];
		int fd;

		if (e->probed)
			continue;
		fd = open_ns(tab, e);
		if (fd < 0)
			continue;
		probe(tab, e, fd);
		close(fd);
		/* A mount namespace found here (an owner of nothing, but a pin's
		 * target) still needs its mounts read. */
		if (e->type == NSK_MNT && !e->mounts_done)
			mounts_of(tab, e, -1);
	}
	nsk_trace("ioctl(NS_GET_USERNS), ioctl(NS_GET_PARENT) on %zu namespaces: %zu more", before,
		  tab->n - before);
}

/* The kernel's own list of namespaces (listns, 6.19), each opened by its
 * id through an nsfs file handle (id-only handles decode from 6.19 on). It
 * adds what no walk can see (namespaces held only by an unreadable process's
 * fd, by the kernel); HOLDERS still comes from the walk. Before 6.19: ENOSYS,
 * and the walk is complete on its own. */
static void discover_listns(struct nstab *tab)
{
	struct {
		uint32_t size, spare;
		uint64_t ns_id; /* list the namespaces after this id */
		uint32_t ns_type, spare2;
		uint64_t user_ns_id;
	} req = {.size = 32};
	uint64_t ids[256];
	long n;

	do {
		n = syscall(__NR_listns, &req, ids, sizeof(ids) / sizeof(ids[0]), 0);
		nsk_trace("listns({size=32, ns_id=%llu}, ..., %zu, 0) = %ld%s%s",
			  (unsigned long long)req.ns_id, sizeof(ids) / sizeof(ids[0]), n,
			  n < 0 ? " " : "", n < 0 ? strerror(errno) : "");
		for (long i = 0; i < n; i++) {
			int fd = nsk_ns_open_by_id(ids[i], -1, 0);
			struct nsk_ns id;
			struct ns *e;
			bool isnew;

			if (fd < 0)
				continue;
			if (nsk_ns_identify(fd, &id) == 0) {
				e = ns_get(tab, id.type, id.ino, &isnew);
				if (isnew)
					ns_hold(e, HOLD_HIDDEN, 0);
				if (!e->probed)
					probe(tab, e, fd);
			}
			close(fd);
		}
		if (n > 0)
			req.ns_id = ids[n - 1];
	} while (n == (long)(sizeof(ids) / sizeof(ids[0])));
}

static void discover(struct nstab *tab, int procfd)
{
	struct stat st;

	if (stat("/proc/self/ns/mnt", &st) == 0)
		tab->self_mnt = st.st_ino;
	discover_procs(tab, procfd);
	discover_mounts(tab);
	discover_listns(tab);
	discover_owners(tab);
}

/* ---- rows ---- */

/* What nsls shows of a process, read once per PID that represents some
 * namespace. */
struct pinfo {
	pid_t pid;
	bool ok;
	struct nsk_proc_info info;
	char *cmd; /* NULL when not asked for */
};

struct pcache {
	struct pinfo *v;
	size_t n, alloc;
	bool want_cmd;
	int procfd;
};

static const struct pinfo *pinfo_get(struct pcache *pc, pid_t pid)
{
	struct pinfo *p;

	for (size_t i = 0; i < pc->n; i++)
		if (pc->v[i].pid == pid)
			return &pc->v[i];
	if (pc->n == pc->alloc) {
		pc->alloc = pc->alloc ? pc->alloc * 2 : 64;
		pc->v = realloc(pc->v, pc->alloc * sizeof(*pc->v));
		if (!pc->v)
			nsk_die_err(EXIT_FAILURE, ENOMEM, "cannot read process %d", (int)pid);
	}
	p = &pc->v[pc->n++];
	p->pid = pid;
	p->cmd = NULL;
	/* The process may have gone since the walk: its cells stay empty. */
	p->ok = nsk_proc_info(pc->procfd, pid, &p->info) == 0;
	if (p->ok && pc->want_cmd) {
		char cmd[4096];

		if (nsk_proc_cmdline(pc->procfd, pid, cmd, sizeof(cmd)) < 0)
			snprintf(cmd, sizeof(cmd), "%s", p->info.comm);
		p->cmd = strdup(cmd);
	}
	return p;
}

static void pcache_free(struct pcache *pc)
{
	for (size_t i = 0; i < pc->n; i++)
		free(pc->v[i].cmd);
	free(pc->v);
}

static const char *user_name(uid_t uid)
{
	static uid_t last = (uid_t)-1;
	static char name[64];
	struct passwd *pw;

	if (uid == last)
		return name;
	last = uid;
	pw = getpwuid(uid);
	if (pw)
		snprintf(name, sizeof(name), "%s", pw->pw_name);
	else
		snprintf(name, sizeof(name), "%u", (unsigned)uid);
	return name;
}

/* NETNSID: the id the caller's net namespace gives E (RTM_GETNSID, 4.0);
 * -1 when none is assigned, -2 when the kernel does not say. */
static int netnsid(int nsfd)
{
	struct {
		struct nlmsghdr n;
		struct rtgenmsg g;
		char pad[3];
		struct nlattr a;
		uint32_t fd;
	} req = {
		.n = {.nlmsg_len = sizeof(req),
		      .nlmsg_type = RTM_GETNSID,
		      .nlmsg_flags = NLM_F_REQUEST},
		.g = {.rtgen_family = AF_UNSPEC},
		.a = {.nla_len = NLA_HDRLEN + sizeof(uint32_t), .nla_type = NETNSA_FD},
		.fd = (uint32_t)nsfd,
	};
	char buf[256];
	int sk = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	ssize_t n;
	int id = -2;

	if (sk < 0)
		return -2;
	if (send(sk, &req, sizeof(req), 0) == (ssize_t)sizeof(req) &&
	    (n = recv(sk, buf, sizeof(buf), 0)) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (NLMSG_OK(h, (size_t)n) && h->nlmsg_type == RTM_NEWNSID) {
			struct rtattr *a = (struct rtattr *)((char *)NLMSG_DATA(h) +
							     NLMSG_ALIGN(sizeof(struct rtgenmsg)));
			int len = (int)h->nlmsg_len - NLMSG_LENGTH(sizeof(struct rtgenmsg));

			for (; RTA_OK(a, len); a = RTA_NEXT(a, len))
				if (a->rta_type == NETNSA_NSID)
					id = *(int32_t *)RTA_DATA(a);
		}
	}
	close(sk);
	return id;
}

struct rows {
	struct nsls_opts *o;
	struct nstab *tab;
	struct pcache pc;
};

/* "mount:PATH", with the mount namespace when it is not the caller's. */
static char *mount_text(const struct nstab *tab, const struct holder *h, bool holder)
{
	char *s;
	int n;

	if (h->ino == tab->self_mnt)
		n = asprintf(&s, "%s%s", holder ? "mount:" : "", h->path);
	else
		n = asprintf(&s, "%smnt:[%llu]:%s", holder ? "mount:" : "",
			     (unsigned long long)h->ino, h->path);
	return n < 0 ? NULL : s;
}

static char *holder_text(const struct ns *e, const struct nstab *tab, const struct holder *h)
{
	char *s = NULL;
	int n = 0;

	switch (h->kind) {
	case HOLD_TID:
		n = asprintf(&s, "tid:%d", (int)h->pid);
		break;
	case HOLD_CHILDREN:
		n = asprintf(&s, "%s:%d", nsk_types[e->type].for_children, (int)h->pid);
		break;
	case HOLD_FD:
		n = asprintf(&s, "fd:%d:%d", (int)h->pid, h->fd);
		break;
	case HOLD_SOCKET:
		n = asprintf(&s, "socket:%d:%d", (int)h->pid, h->fd);
		break;
	case HOLD_MOUNT:
		return mount_text(tab, h, true);
	case HOLD_CHILD:
		n = asprintf(&s, "child:%llu", (unsigned long long)h->ino);
		break;
	case HOLD_HIDDEN:
		n = asprintf(&s, "hidden");
		break;
	}
	return n < 0 ? NULL : s;
}

static void set_lists(struct rows *rw, struct libscols_line *ln, const struct ns *e)
{
	struct nsk_out *out = &rw->o->out;
	char **items = calloc(e->nholders + 1, sizeof(char *));
	size_t n = 0;

	if (!items)
		return;
	if (nsk_out_has(out, COL_HOLDERS)) {
		if (e->pid && asprintf(&items[n], "pid:%d", (int)e->pid) >= 0)
			n++;
		for (size_t i = 0; i < e->nholders; i++)
			if ((items[n] = holder_text(e, rw->tab, &e->holders[i])))
				n++;
		nsk_out_set_list(out, ln, COL_HOLDERS, (const char *const *)items, n);
		while (n)
			free(items[--n]);
	}
	if (nsk_out_has(out, COL_NSFS)) {
		/* The caller's own mount points, as lsns shows them; those of
		 * other mount namespaces (often copies that propagated there)
		 * only when the caller has none. HOLDERS has them all. */
		for (int pass = 0; pass < 2 && n == 0; pass++)
			for (size_t i = 0; i < e->nholders; i++)
				if (e->holders[i].kind == HOLD_MOUNT &&
				    (e->holders[i].ino == rw->tab->self_mnt) == !pass &&
				    (items[n] = mount_text(rw->tab, &e->holders[i], false)))
					n++;
		nsk_out_set_list(out, ln, COL_NSFS, (const char *const *)items, n);
		while (n)
			free(items[--n]);
	}
	free(items);
}

/* PATH: where to open it, the process first. */
static void set_path(struct rows *rw, struct libscols_line *ln, const struct ns *e)
{
	struct nsk_out *out = &rw->o->out;
	const char *name = nsk_types[e->type].name;

	if (e->pid) {
		nsk_out_setf(out, ln, COL_PATH, "/proc/%d/ns/%s", (int)e->pid, name);
		return;
	}
	for (size_t i = 0; i < e->nholders; i++) {
		const struct holder *h = &e->holders[i];

		switch (h->kind) {
		case HOLD_TID:
			nsk_out_setf(out, ln, COL_PATH, "/proc/%d/ns/%s", (int)h->pid, name);
			return;
		case HOLD_CHILDREN:
			nsk_out_setf(out, ln, COL_PATH, "/proc/%d/ns/%s", (int)h->pid,
				     nsk_types[e->type].for_children);
			return;
		case HOLD_FD:
			nsk_out_setf(out, ln, COL_PATH, "/proc/%d/fd/%d", (int)h->pid, h->fd);
			return;
		case HOLD_MOUNT:
			if (h->ino == rw->tab->self_mnt)
				nsk_out_set(out, ln, COL_PATH, h->path);
			else if (h->pid)
				nsk_out_setf(out, ln, COL_PATH, "/proc/%d/root%s", (int)h->pid,
					     h->path);
			else
				continue;
			return;
		case HOLD_SOCKET:
		case HOLD_CHILD:
		case HOLD_HIDDEN:
			break;
		}
	}
}

static void fill_row(struct rows *rw, struct libscols_line *ln, const struct ns *e)
{
	struct nsk_out *out = &rw->o->out;

	nsk_out_setf(out, ln, COL_NS, "%llu", (unsigned long long)e->ino);
	if (e->id)
		nsk_out_setf(out, ln, COL_ID, "%llu", (unsigned long long)e->id);
	nsk_out_set(out, ln, COL_TYPE, nsk_types[e->type].name);
	nsk_out_setf(out, ln, COL_NPROCS, "%u", e->nprocs);
	if (e->pid) {
		const struct pinfo *p = pinfo_get(&rw->pc, e->pid);

		nsk_out_setf(out, ln, COL_PID, "%d", (int)e->pid);
		if (p->ok) {
			nsk_out_setf(out, ln, COL_PPID, "%d", (int)p->info.ppid);
			nsk_out_set(out, ln, COL_COMMAND, p->cmd);
			nsk_out_setf(out, ln, COL_UID, "%u", (unsigned)p->info.uid);
			nsk_out_set(out, ln, COL_USER, user_name(p->info.uid));
		}
	}
	set_path(rw, ln, e);
	set_lists(rw, ln, e);
	if (e->parent)
		nsk_out_setf(out, ln, COL_PNS, "%llu", (unsigned long long)e->parent);
	if (e->owner)
		nsk_out_setf(out, ln, COL_ONS, "%llu", (unsigned long long)e->owner);
	if (e->has_ouid)
		nsk_out_setf(out, ln, COL_OUID, "%u", (unsigned)e->ouid);
	if (e->type == NSK_NET && nsk_out_has(out, COL_NETNSID)) {
		int fd = open_ns(rw->tab, e);
		int id = fd >= 0 ? netnsid(fd) : -2;

		if (fd >= 0)
			close(fd);
		if (id == -1)
			nsk_out_set(out, ln, COL_NETNSID, "unassigned");
		else if (id >= 0)
			nsk_out_setf(out, ln, COL_NETNSID, "%d", id);
	}
}

static int ns_cmp(const void *a, const void *b)
{
	const struct ns *x = *(struct ns *const *)a, *y = *(struct ns *const *)b;

	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	return (int)x->type - (int)y->type;
}

/* The namespace of the same type that the nearest ancestor process in
 * another namespace is in, for --tree=process. */
static struct ns *process_parent(struct rows *rw, const struct ns *e)
{
	pid_t pid = e->pid;

	for (int depth = 0; pid > 1 && depth < 64; depth++) {
		const struct pinfo *p = pinfo_get(&rw->pc, pid);
		char path[64], buf[64];
		ssize_t n;
		ino_t ino;

		if (!p->ok || p->info.ppid <= 0)
			return NULL;
		pid = p->info.ppid;
		snprintf(path, sizeof(path), "%d/ns/%s", (int)pid, nsk_types[e->type].name);
		n = readlinkat(rw->pc.procfd, path, buf, sizeof(buf));
		if (n < 0)
			return NULL;
		ino = link_ino(buf, n, strlen(nsk_types[e->type].name));
		if (ino && ino != e->ino)
			return ns_find(rw->tab, e->type, ino);
	}
	return NULL;
}

static void link_tree(struct rows *rw, struct ns **v, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		struct ns *e = v[k], *up = NULL;

		switch (rw->o->tree) {
		case TREE_OWNER:
			up = e->owner ? ns_find(rw->tab, NSK_USER, e->owner) : NULL;
			break;
		case TREE_PARENT:
			up = e->parent ? ns_find(rw->tab, e->type, e->parent) : NULL;
			break;
		case TREE_PROCESS:
			up = process_parent(rw, e);
			break;
		case TREE_NONE:
			break;
		}
		if (up && up->line && up != e)
			scols_line_add_child(up->line, e->line);
	}
}

static int print_rows(struct nsls_opts *o, struct nstab *tab, int procfd, struct ns **v, size_t n)
{
	struct rows rw = {.o = o, .tab = tab, .pc = {.procfd = procfd}};
	int r;

	rw.pc.want_cmd = nsk_out_has(&o->out, COL_COMMAND);
	if (o->tree != TREE_NONE)
		nsk_out_tree(&o->out, o->tree == TREE_PROCESS && nsk_out_has(&o->out, COL_COMMAND)
					      ? COL_COMMAND
					      : COL_NS);
	r = nsk_out_start(&o->out);
	for (size_t k = 0; r == 0 && k < n; k++) {
		v[k]->line = nsk_out_line(&o->out, NULL);
		if (!v[k]->line)
			r = -ENOMEM;
		else
			fill_row(&rw, v[k]->line, v[k]);
	}
	if (r == 0 && o->tree != TREE_NONE && !o->out.list && !o->out.raw)
		link_tree(&rw, v, n);
	if (r == 0)
		r = nsk_out_print(&o->out);
	pcache_free(&rw.pc);
	return r;
}

/* ---- actions ---- */

/* nsls: every namespace, sorted by inode. */
static int list_all(struct nsls_opts *o, struct nstab *tab, int procfd)
{
	struct ns **v = malloc((tab->n + 1) * sizeof(*v));
	size_t n = 0;
	int r;

	if (!v)
		return -ENOMEM;
	for (size_t k = 0; k < tab->n; k++)
		if (o->types & NSK_TYPE_BIT(tab->v[k]->type))
			v[n++] = tab->v[k];
	qsort(v, n, sizeof(*v), ns_cmp);
	r = print_rows(o, tab, procfd, v, n);
	free(v);
	return r;
}

static void ref_error(struct nsls_opts *o, const char *text, int err)
{
	const char *hint = nsk_ref_hint(err, text);

	pid_t pid;

	if (err == -EINVAL)
		nsk_warnx("%s: not a namespace file", text);
	else if ((err == -EACCES || err == -EPERM) && nsk_parse_pid(text, &pid) == 0)
		nsk_warn_err(err, "cannot read the namespaces of process %s", text);
	else if (err == -ESRCH)
		nsk_warnx("cannot find process %s: %s", text, strerror(ESRCH));
	else
		nsk_warn_err(err, "cannot resolve %s", text);
	if (hint && err != -EINVAL)
		nsk_hint("%s", hint);
	exit(o->fail);
}

/* The namespace TYPE of REF, added to TAB when the walk did not see it. */
static struct ns *ref_ns(struct nstab *tab, const struct nsk_ref *ref, enum nsk_type type,
			 bool children, int *err)
{
	struct nsk_ns id;
	struct ns *e;
	bool isnew;
	int fd = nsk_ref_open(ref, type, children);

	*err = fd;
	if (fd < 0)
		return NULL;
	*err = nsk_ns_identify(fd, &id);
	if (*err < 0) {
		close(fd);
		return NULL;
	}
	e = ns_get(tab, id.type, id.ino, &isnew);
	if (!e->probed)
		probe(tab, e, fd);
	close(fd);
	return e;
}

/* nsls -p PID: the ten entries of /proc/PID/ns, each against our own. */
static int list_task(struct nsls_opts *o, struct nstab *tab, int procfd)
{
	struct nsk_ref ref, self;
	struct rows rw = {.o = o, .tab = tab, .pc = {.procfd = procfd}};
	char selfpid[16];
	int r, shown = 0, last_err = 0;

	pid_t pid;

	if (*o->task && nsk_parse_pid(o->task, &pid) == -EINVAL)
		nsk_usage_err(o->fail, "-p takes a PID, not %s", o->task);
	r = nsk_ref_resolve(o->task, &ref);
	if (r < 0)
		ref_error(o, o->task, r);
	snprintf(selfpid, sizeof(selfpid), "%d", (int)getpid());
	r = nsk_ref_resolve(selfpid, &self);
	if (r < 0)
		nsk_die_err(o->fail, r, "cannot read /proc/self/ns");
	rw.pc.want_cmd = nsk_out_has(&o->out, COL_COMMAND);
	r = nsk_out_start(&o->out);
	for (int t = 0; r == 0 && t < NSK_NTYPES; t++) {
		for (int c = 0; c < 2; c++) {
			const char *entry = c ? nsk_types[t].for_children : nsk_types[t].name;
			struct ns *e, *mine;
			struct libscols_line *ln;
			int err;

			if (!entry || !(o->types & NSK_TYPE_BIT(t)))
				continue;
			e = ref_ns(tab, &ref, t, c, &err);
			if (!e) {
				/* pid_for_children before the first fork: ENOENT. */
				if (err != -ENOENT || !c)
					last_err = err;
				continue;
			}
			mine = ref_ns(tab, &self, t, c, &err);
			ln = nsk_out_line(&o->out, NULL);
			if (!ln) {
				r = -ENOMEM;
				break;
			}
			fill_row(&rw, ln, e);
			nsk_out_set(&o->out, ln, COL_ENTRY, entry);
			if (mine)
				nsk_out_set(&o->out, ln, COL_DIFF, mine == e ? "no" : "yes");
			shown++;
		}
	}
	if (r == 0 && !shown && last_err) {
		nsk_warn_err(last_err, "cannot read the namespaces of process %s", o->task);
		nsk_hint_perm(last_err, "CAP_SYS_PTRACE", "the process's user namespace");
		r = 1;
	} else if (r == 0) {
		r = nsk_out_print(&o->out);
	}
	pcache_free(&rw.pc);
	nsk_ref_close(&ref);
	nsk_ref_close(&self);
	return r;
}

/* "TYPE:[INODE]", or with -t TYPE a bare number too big to be a PID (an
 * inode: namespace inodes start at 0xF0000000): *TYPE and *INO. */
static bool ref_is_inode(const struct nsls_opts *o, const char *text, enum nsk_type *type,
			 ino_t *ino)
{
	char buf[64];
	pid_t pid;

	if (o->one_type >= 0 && nsk_parse_pid(text, &pid) == -ERANGE &&
	    strspn(text, "0123456789") == strlen(text) && strlen(text) < 24) {
		snprintf(buf, sizeof(buf), "%s:[%s]", nsk_types[o->one_type].name, text);
		text = buf;
	}
	return nsk_ns_parse_text(text, type, ino) == 0;
}

/* Resolves a REF. An inode is looked up among everything the discovery
 * found (processes, threads, fds, sockets, mounts anywhere, owners and
 * parents) and opened through its holder. */
static int resolve(const struct nsls_opts *o, struct nstab *tab, int procfd, const char *text,
		   struct nsk_ref *ref)
{
	enum nsk_type type;
	const struct ns *e;
	ino_t ino;
	int fd, r;

	if (!ref_is_inode(o, text, &type, &ino))
		return nsk_ref_resolve(text, ref);
	if (!tab->n)
		discover(tab, procfd);
	e = ns_find(tab, type, ino);
	fd = e ? open_ns(tab, e) : -ENOENT;
	if (fd < 0)
		return -ENOENT;
	*ref = (struct nsk_ref)NSK_REF_INIT;
	ref->kind = NSK_REF_FILE;
	ref->fd = fd;
	r = nsk_ns_identify(fd, &ref->ns);
	if (r < 0)
		nsk_ref_close(ref);
	return r;
}

/* The namespaces REF names (every type of a process), added to V. */
static int ref_namespaces(const struct nsls_opts *o, struct nstab *tab, int procfd,
			  const char *text, struct ns **v, size_t *n)
{
	struct nsk_ref ref;
	unsigned int types;
	int err = -ENOENT, shown = 0;
	int r = resolve(o, tab, procfd, text, &ref);

	if (r < 0)
		return r;
	types = nsk_ref_types(&ref) & o->types;
	for (int t = 0; t < NSK_NTYPES; t++) {
		struct ns *e;
		bool dup = false;

		if (!(types & NSK_TYPE_BIT(t)))
			continue;
		e = ref_ns(tab, &ref, t, false, &err);
		if (!e)
			continue;
		shown++;
		for (size_t i = 0; i < *n; i++)
			dup |= v[i] == e;
		if (!dup)
			v[(*n)++] = e;
	}
	nsk_ref_close(&ref);
	/* A process whose namespaces the caller may not read (EACCES) is an
	 * error when named, not skipped as in the listing of everything. */
	return shown || !types ? 0 : err;
}

/* nsls REF...: those namespaces, in the order given. */
static int list_refs(struct nsls_opts *o, struct nstab *tab, int procfd)
{
	struct ns **v = calloc((size_t)o->nrefs * NSK_NTYPES, sizeof(*v));
	size_t n = 0;
	int r;

	if (!v)
		return -ENOMEM;
	for (int i = 0; i < o->nrefs; i++) {
		r = ref_namespaces(o, tab, procfd, o->refs[i], v, &n);
		if (r < 0) {
			free(v);
			ref_error(o, o->refs[i], r);
		}
	}
	r = print_rows(o, tab, procfd, v, n);
	free(v);
	return r;
}

/* nsls --compare REF1 REF2: per type, the same namespace or not. */
static int compare(struct nsls_opts *o, struct nstab *tab, int procfd)
{
	struct nsk_ref ref[2];
	unsigned int types;
	int r, differ = 0, rows = 0;
	bool failed = false;

	for (int i = 0; i < 2; i++) {
		r = resolve(o, tab, procfd, o->refs[i], &ref[i]);
		if (r < 0)
			ref_error(o, o->refs[i], r);
	}
	types = nsk_ref_types(&ref[0]) & nsk_ref_types(&ref[1]) & o->types;
	r = nsk_out_start(&o->out);
	for (int t = 0; r == 0 && t < NSK_NTYPES; t++) {
		struct nsk_ns ns[2];
		struct libscols_line *ln;
		bool same;
		int ok = 0;

		if (!(types & NSK_TYPE_BIT(t)))
			continue;
		for (int i = 0; i < 2; i++) {
			int fd = nsk_ref_open(&ref[i], t, false);

			if (fd >= 0) {
				ok += nsk_ns_identify(fd, &ns[i]) == 0;
				close(fd);
			} else if (fd != -ENOENT) {
				nsk_warn_err(fd, "cannot open the %s namespace of %s",
					     nsk_types[t].name, o->refs[i]);
				nsk_hint_perm(fd, "CAP_SYS_PTRACE", "the process's user namespace");
				failed = true;
			}
		}
		if (failed)
			break;
		if (ok != 2)
			continue;
		same = nsk_ns_equal(&ns[0], &ns[1]);
		differ += !same;
		rows++;
		ln = nsk_out_line(&o->out, NULL);
		if (!ln) {
			r = -ENOMEM;
			break;
		}
		nsk_out_set(&o->out, ln, CCOL_TYPE, nsk_types[t].name);
		nsk_out_setf(&o->out, ln, CCOL_NS1, "%llu", (unsigned long long)ns[0].ino);
		nsk_out_setf(&o->out, ln, CCOL_NS2, "%llu", (unsigned long long)ns[1].ino);
		if (ns[0].id)
			nsk_out_setf(&o->out, ln, CCOL_ID1, "%llu", (unsigned long long)ns[0].id);
		if (ns[1].id)
			nsk_out_setf(&o->out, ln, CCOL_ID2, "%llu", (unsigned long long)ns[1].id);
		nsk_out_set(&o->out, ln, CCOL_SAME, same ? "yes" : "no");
	}
	nsk_ref_close(&ref[0]);
	nsk_ref_close(&ref[1]);
	if (failed)
		return o->fail;
	if (r == 0 && rows == 0) {
		nsk_warnx("%s and %s have no namespace type in common", o->refs[0], o->refs[1]);
		return o->fail;
	}
	if (r == 0)
		r = nsk_out_print(&o->out);
	if (r < 0) {
		nsk_warn_err(r, "cannot print the table");
		return o->fail;
	}
	return differ ? EXIT_DIFFERENT : EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	struct nsls_opts o = {
		.types = NSK_ALL_TYPES,
		.one_type = -1,
		.fail = EXIT_FAILURE,
		.out = NSK_OUT_INIT(columns, sizeof(columns) / sizeof(columns[0]), "namespaces")};
	struct nstab tab = {0};
	int procfd, r;

	setlocale(LC_ALL, "");
	nsk_msg_init(argv[0]);
	parse_args(argc, argv, &o);
	validate(&o);
	procfd = nsk_proc_open();
	if (procfd < 0)
		nsk_die_err(o.fail, procfd, "cannot open /proc");
	if (o.compare) {
		/* Two references need no discovery, unless one is an inode. */
		r = compare(&o, &tab, procfd);
		goto out;
	}
	discover(&tab, procfd);
	if (o.task)
		r = list_task(&o, &tab, procfd);
	else if (o.nrefs)
		r = list_refs(&o, &tab, procfd);
	else
		r = list_all(&o, &tab, procfd);
	if (r < 0)
		nsk_warn_err(r, "cannot print the table");
	r = r == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
out:
	nsk_out_free(&o.out);
	nstab_free(&tab);
	close(procfd);
	return r;
}
