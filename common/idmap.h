/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * idmap.h - user namespace id maps: the mapping options of util-linux unshare
 * (-r -c --map-user --map-group --map-users --map-groups --map-auto
 * --setgroups --owner), decoded once for nsunshare and nsclone, and the
 * writing of setgroups, uid_map and gid_map for a process (directly, or
 * through newuidmap/newgidmap where the writer lacks the privilege).
 *
 * Use: put NSK_IDMAP_SHORTOPTS in the getopt string and NSK_IDMAP_LONGOPTS in
 * the option table; pass every option to nsk_idmap_opt() (it returns 0 for the
 * options that are not its own); call nsk_idmap_finish() once after parsing;
 * then nsk_idmap_write() for the process whose new user namespace gets the
 * maps, from a process that is still in the parent user namespace (or the
 * process itself when nsk_idmap_self_writable() says so).
 */
#ifndef NSK_IDMAP_H
#define NSK_IDMAP_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "err.h"

/* Lines of one map: UID_GID_MAP_MAX_EXTENTS since 4.15 (5 before). */
#define NSK_IDMAP_MAX 340

/* One line of uid_map/gid_map: COUNT ids from INNER (in the new user
 * namespace) are OUTER (in its parent). */
struct nsk_idrange {
	uint32_t inner, outer, count;
};

struct nsk_idmap_list {
	size_t n;
	struct nsk_idrange r[NSK_IDMAP_MAX];
};

enum nsk_setgroups {
	NSK_SETGROUPS_UNSET, /* leave /proc/PID/setgroups alone (unless implied) */
	NSK_SETGROUPS_ALLOW,
	NSK_SETGROUPS_DENY,
};

/* What --map-users/--map-groups asked for besides ranges. */
enum {
	NSK_IDMAP_AUTO = 1,   /* the first /etc/subuid block at 0 */
	NSK_IDMAP_SUBIDS = 2, /* the same block, identity-mapped */
	NSK_IDMAP_ALL = 4,    /* every id of the parent namespace, identity */
};

struct nsk_idmap {
	/* As given on the command line. */
	bool map_user, map_group;		    /* -r, -c, --map-user, --map-group */
	uint32_t user, group;			    /* the inner id of the caller's euid/egid */
	struct nsk_idmap_list users, groups;	    /* --map-users, --map-groups ranges */
	unsigned int users_special, groups_special; /* NSK_IDMAP_AUTO... */
	enum nsk_setgroups setgroups;
	bool has_owner; /* --owner */
	uid_t owner_uid;
	gid_t owner_gid;

	/* After nsk_idmap_finish(): the lines to write (empty: no map). */
	struct nsk_idmap_list uid, gid;
};

/* Long-only option values; the tools' own start at CHAR_MAX + 1. */
enum {
	NSK_OPT_MAP_USER = 0x1000,
	NSK_OPT_MAP_GROUP,
	NSK_OPT_MAP_USERS,
	NSK_OPT_MAP_GROUPS,
	NSK_OPT_MAP_AUTO,
	NSK_OPT_SETGROUPS,
	NSK_OPT_OWNER,
};

/* clang-format off */
#define NSK_IDMAP_SHORTOPTS "rc"
#define NSK_IDMAP_LONGOPTS                                                                         \
	{"map-root-user", no_argument, NULL, 'r'},                                                 \
	    {"map-current-user", no_argument, NULL, 'c'},                                          \
	    {"map-user", required_argument, NULL, NSK_OPT_MAP_USER},                               \
	    {"map-group", required_argument, NULL, NSK_OPT_MAP_GROUP},                             \
	    {"map-users", required_argument, NULL, NSK_OPT_MAP_USERS},                             \
	    {"map-groups", required_argument, NULL, NSK_OPT_MAP_GROUPS},                           \
	    {"map-auto", no_argument, NULL, NSK_OPT_MAP_AUTO},                                     \
	    {"setgroups", required_argument, NULL, NSK_OPT_SETGROUPS},                             \
	    {"owner", required_argument, NULL, NSK_OPT_OWNER}
/* clang-format on */

/*
 * Decodes option C with argument ARG into M. Returns 1 when C is a mapping
 * option, 0 when it is not, -EINVAL for a bad value (E->what says which, in
 * words for the user: "invalid --map-users 'x': expected INNER:OUTER:COUNT").
 */
int nsk_idmap_opt(struct nsk_idmap *m, int c, const char *arg, struct nsk_err *e);

/* The --help lines of the mapping options. */
void nsk_idmap_usage(FILE *out);

/* True when any mapping option (or --owner) was given: a new user namespace
 * is implied, as in util-linux. */
bool nsk_idmap_wanted(const struct nsk_idmap *m);

/*
 * Resolves the options into M->uid and M->gid for the caller's effective ids
 * (the owner's with --owner): reads /etc/subuid and /etc/subgid for auto and
 * subids and /proc/self/uid_map for all, punches the --map-user id out of the
 * ranges, checks that no two lines overlap, and implies setgroups deny for
 * --map-group/-r/-c as util-linux does. Returns 0; -EINVAL when the options
 * cannot be resolved (overlapping ranges, no subordinate ids) or -E2BIG (more
 * lines than the kernel takes): E->what is the whole message; or -errno with
 * E naming what could not be read.
 */
int nsk_idmap_finish(struct nsk_idmap *m, struct nsk_err *e);

/*
 * True when a process may write its own maps from inside its new user
 * namespace: each map is empty or the single line of its own euid/egid
 * (gid_map only with setgroups deny). Otherwise a process left in the parent
 * user namespace must call nsk_idmap_write() for it.
 */
bool nsk_idmap_self_writable(const struct nsk_idmap *m);

/*
 * Writes /proc/PID/setgroups, then uid_map, then gid_map (PID 0: self).
 * A map that the writer may not write itself (EPERM, not root) goes through
 * newuidmap/newgidmap (shadow's uidmap package) when they exist. With -v,
 * traces each write. Returns 0 or -errno with E filled ("cannot write
 * /proc/4321/uid_map") and a hint on EPERM.
 */
int nsk_idmap_write(const struct nsk_idmap *m, pid_t pid, struct nsk_err *e);

/*
 * --owner: becomes M->owner_uid/owner_gid for good (no supplementary groups,
 * real, effective and saved ids), and dumpable again so that the process's
 * /proc files stay its own; a user namespace created afterwards is owned by
 * that user. Call it after forking any helper that must stay privileged.
 * Returns 0 (nothing to do without --owner) or -errno with E filled.
 */
int nsk_idmap_become_owner(const struct nsk_idmap *m, struct nsk_err *e);

/* Parses a user (GROUP: a group) given as a number (0 .. 2^32-2) or a name
 * into *ID. Returns 0 or -EINVAL. */
int nsk_id_parse(const char *s, bool group, uint32_t *id);

/* Parses "INNER:OUTER:COUNT" or the pre-2.39 "OUTER,INNER,COUNT" of
 * util-linux into *R. Returns 0 or -EINVAL. */
int nsk_idrange_parse(const char *s, struct nsk_idrange *r);

/* Finds the first block of NAME or UID in a subuid/subgid FILE into *R
 * (inner 0). Returns 0, -ENOENT when it has none, or -errno. */
int nsk_subid_find(const char *file, const char *name, uid_t uid, struct nsk_idrange *r);

#endif
