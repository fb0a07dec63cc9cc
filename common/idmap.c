// SPDX-License-Identifier: GPL-2.0-or-later
/* idmap.c - user namespace id maps: options, subordinate ids, writing. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "idmap.h"
#include "msg.h"

#define SUBUID_FILE "/etc/subuid"
#define SUBGID_FILE "/etc/subgid"

/* Parses a decimal id (0 .. 2^32-2; -1 is no id). */
static int parse_u32(const char *s, char **end, uint32_t *v)
{
	unsigned long long n;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	n = strtoull(s, end, 10);
	if (errno || n > UINT32_MAX)
		return -ERANGE;
	*v = (uint32_t)n;
	return 0;
}

int nsk_id_parse(const char *s, bool group, uint32_t *id)
{
	char *end;

	if (parse_u32(s, &end, id) == 0 && *end == '\0' && *id != UINT32_MAX)
		return 0;
	if (group) {
		struct group *gr = getgrnam(s);

		if (gr) {
			*id = gr->gr_gid;
			return 0;
		}
	} else {
		struct passwd *pw = getpwnam(s);

		if (pw) {
			*id = pw->pw_uid;
			return 0;
		}
	}
	return -EINVAL;
}

int nsk_idrange_parse(const char *s, struct nsk_idrange *r)
{
	uint32_t v[3];
	char sep = strchr(s, ':') ? ':' : ',';
	const char *p = s;
	char *end;

	for (int i = 0; i < 3; i++) {
		if (parse_u32(p, &end, &v[i]) < 0)
			return -EINVAL;
		if (*end != (i < 2 ? sep : '\0'))
			return -EINVAL;
		p = end + 1;
	}
	/* INNER:OUTER:COUNT as in uid_map (2.39); OUTER,INNER,COUNT before. */
	r->inner = sep == ':' ? v[0] : v[1];
	r->outer = sep == ':' ? v[1] : v[0];
	r->count = v[2];
	if (r->count == 0 || (uint64_t)r->inner + r->count > UINT32_MAX ||
	    (uint64_t)r->outer + r->count > UINT32_MAX)
		return -EINVAL;
	return 0;
}

static int add_range(struct nsk_idmap_list *l, struct nsk_idrange r)
{
	if (l->n >= NSK_IDMAP_MAX)
		return -E2BIG;
	l->r[l->n++] = r;
	return 0;
}

static int opt_ranges(struct nsk_idmap_list *l, unsigned int *special, const char *opt,
		      const char *arg, struct nsk_err *e)
{
	struct nsk_idrange r;

	if (strcmp(arg, "auto") == 0)
		*special |= NSK_IDMAP_AUTO;
	else if (strcmp(arg, "subids") == 0)
		*special |= NSK_IDMAP_SUBIDS;
	else if (strcmp(arg, "all") == 0)
		*special |= NSK_IDMAP_ALL;
	else if (nsk_idrange_parse(arg, &r) < 0)
		return nsk_err_set(e, EINVAL,
				   "invalid --%s '%s': expected INNER:OUTER:COUNT, auto, subids "
				   "or all",
				   opt, arg);
	else if (add_range(l, r) < 0)
		return nsk_err_set(e, EINVAL, "too many --%s ranges (the kernel takes %d)", opt,
				   NSK_IDMAP_MAX);
	return 0;
}

static int opt_owner(struct nsk_idmap *m, const char *arg, struct nsk_err *e)
{
	char user[256];
	const char *colon = strchr(arg, ':');
	size_t n = colon ? (size_t)(colon - arg) : strlen(arg);
	uint32_t uid, gid;

	if (n == 0 || n >= sizeof(user))
		goto bad;
	memcpy(user, arg, n);
	user[n] = '\0';
	if (nsk_id_parse(user, false, &uid) < 0)
		goto bad;
	if (colon) {
		if (nsk_id_parse(colon + 1, true, &gid) < 0)
			goto bad;
	} else {
		struct passwd *pw = getpwuid(uid);

		if (!pw)
			return nsk_err_set(e, EINVAL,
					   "invalid --owner '%s': uid %u has no "
					   "group in the password database; give UID:GID",
					   arg, uid);
		gid = pw->pw_gid;
	}
	m->has_owner = true;
	m->owner_uid = uid;
	m->owner_gid = gid;
	return 0;
bad:
	return nsk_err_set(e, EINVAL, "invalid --owner '%s': expected USER[:GROUP]", arg);
}

int nsk_idmap_opt(struct nsk_idmap *m, int c, const char *arg, struct nsk_err *e)
{
	int r = 0;

	switch (c) {
	case 'r': /* as util-linux: --map-user=0 --map-group=0, setgroups deny */
		m->map_user = m->map_group = true;
		m->user = m->group = 0;
		break;
	case 'c': /* the caller's own ids, inside as outside */
		m->map_user = m->map_group = true;
		m->user = geteuid();
		m->group = getegid();
		break;
	case NSK_OPT_MAP_USER:
		m->map_user = true;
		if (nsk_id_parse(arg, false, &m->user) < 0)
			r = nsk_err_set(e, EINVAL, "invalid --map-user '%s': no such user", arg);
		break;
	case NSK_OPT_MAP_GROUP:
		m->map_group = true;
		if (nsk_id_parse(arg, true, &m->group) < 0)
			r = nsk_err_set(e, EINVAL, "invalid --map-group '%s': no such group", arg);
		break;
	case NSK_OPT_MAP_USERS:
		r = opt_ranges(&m->users, &m->users_special, "map-users", arg, e);
		break;
	case NSK_OPT_MAP_GROUPS:
		r = opt_ranges(&m->groups, &m->groups_special, "map-groups", arg, e);
		break;
	case NSK_OPT_MAP_AUTO:
		m->users_special |= NSK_IDMAP_AUTO;
		m->groups_special |= NSK_IDMAP_AUTO;
		break;
	case NSK_OPT_SETGROUPS:
		if (strcmp(arg, "allow") == 0)
			m->setgroups = NSK_SETGROUPS_ALLOW;
		else if (strcmp(arg, "deny") == 0)
			m->setgroups = NSK_SETGROUPS_DENY;
		else
			r = nsk_err_set(e, EINVAL,
					"invalid --setgroups '%s': expected allow or deny", arg);
		break;
	case NSK_OPT_OWNER:
		r = opt_owner(m, arg, e);
		break;
	default:
		return 0;
	}
	return r < 0 ? r : 1;
}

void nsk_idmap_usage(FILE *out)
{
	fputs(" -r, --map-root-user          map the current user to root (implies --user)\n"
	      " -c, --map-current-user       map the current user to itself (implies --user)\n"
	      "     --map-user=<uid>|<name>  map the current user to <uid> (implies --user)\n"
	      "     --map-group=<gid>|<name> map the current group to <gid> (implies --user)\n"
	      "     --map-users=<inner>:<outer>:<count>|auto|subids|all\n"
	      "                              map a range of users (implies --user)\n"
	      "     --map-groups=<inner>:<outer>:<count>|auto|subids|all\n"
	      "                              map a range of groups (implies --user)\n"
	      "     --map-auto               map users and groups from /etc/subuid and\n"
	      "                                /etc/subgid (implies --user)\n"
	      "     --setgroups allow|deny   control setgroups(2) in the user namespace\n"
	      "     --owner=<user>[:<group>] create the user namespace as this owner\n",
	      out);
}

bool nsk_idmap_wanted(const struct nsk_idmap *m)
{
	return m->map_user || m->map_group || m->users.n || m->groups.n || m->users_special ||
	       m->groups_special || m->has_owner || m->setgroups != NSK_SETGROUPS_UNSET;
}

int nsk_subid_find(const char *file, const char *name, uid_t uid, struct nsk_idrange *r)
{
	char line[512], num[16];
	FILE *f = fopen(file, "re");
	int ret = -ENOENT;

	if (!f)
		return -errno;
	snprintf(num, sizeof(num), "%u", (unsigned)uid);
	while (fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':'), *c2, *end;
		uint32_t start, count;

		if (!c1)
			continue;
		*c1 = '\0';
		if (strcmp(line, num) != 0 && (!name || strcmp(line, name) != 0))
			continue;
		c2 = c1 + 1;
		if (parse_u32(c2, &end, &start) < 0 || *end != ':' ||
		    parse_u32(end + 1, &end, &count) < 0 || count == 0 ||
		    (uint64_t)start + count > UINT32_MAX)
			continue;
		*r = (struct nsk_idrange){.inner = 0, .outer = start, .count = count};
		ret = 0;
		break;
	}
	fclose(f);
	return ret;
}

/* Identity ranges for every id of the caller's namespace (its own map's
 * inner side), for "all". */
static int add_all(struct nsk_idmap_list *l, const char *file, struct nsk_err *e)
{
	FILE *f = fopen(file, "re");
	unsigned long in, out, count;
	int r = 0;

	if (!f)
		return nsk_err_set(e, errno, "cannot open %s", file);
	while (r == 0 && fscanf(f, "%lu %lu %lu", &in, &out, &count) == 3)
		r = add_range(l, (struct nsk_idrange){(uint32_t)in, (uint32_t)in, (uint32_t)count});
	fclose(f);
	if (r < 0)
		return nsk_err_set(e, r, "cannot pass through %s", file);
	return 0;
}

static int resolve_special(struct nsk_idmap_list *l, unsigned int special, bool group, uid_t uid,
			   struct nsk_err *e)
{
	const char *file = group ? SUBGID_FILE : SUBUID_FILE;
	struct passwd *pw = NULL;
	struct nsk_idrange sub;
	int r;

	if (special & NSK_IDMAP_ALL) {
		r = add_all(l, group ? "/proc/self/gid_map" : "/proc/self/uid_map", e);
		if (r < 0)
			return r;
	}
	if (!(special & (NSK_IDMAP_AUTO | NSK_IDMAP_SUBIDS)))
		return 0;
	pw = getpwuid(uid);
	r = nsk_subid_find(file, pw ? pw->pw_name : NULL, uid, &sub);
	if (r == -ENOENT) {
		r = nsk_err_set(e, EINVAL, "no subordinate %s ids for %s%s%u in %s",
				group ? "group" : "user", pw ? pw->pw_name : "",
				pw ? " uid " : "uid ", (unsigned)uid, file);
		nsk_err_hint(e, "add a line USER:START:COUNT to /etc/subuid and /etc/subgid "
				"(usermod --add-subuids/--add-subgids)");
		return r;
	}
	if (r < 0)
		return nsk_err_set(e, r, "cannot read %s", file);
	if (special & NSK_IDMAP_AUTO)
		r = add_range(l, sub);
	if (r == 0 && (special & NSK_IDMAP_SUBIDS)) {
		sub.inner = sub.outer;
		r = add_range(l, sub);
	}
	if (r < 0)
		return nsk_err_set(e, r, "too many ranges for %s", file);
	return 0;
}

/* Removes id X from the inner (or outer) side of every range, splitting the
 * range around it, so that the single --map-user line can take it. */
static int punch(struct nsk_idmap_list *l, uint32_t x, bool outer)
{
	for (size_t i = 0; i < l->n; i++) {
		struct nsk_idrange *r = &l->r[i];
		uint32_t base = outer ? r->outer : r->inner;
		uint32_t off = x - base;

		if (x < base || off >= r->count)
			continue;
		if (off + 1 < r->count) {
			struct nsk_idrange tail = {r->inner + off + 1, r->outer + off + 1,
						   r->count - off - 1};
			int err = add_range(l, tail);

			if (err < 0)
				return err;
		}
		r->count = off;
		if (r->count == 0) {
			l->r[i] = l->r[--l->n];
			i--;
		}
	}
	return 0;
}

static bool overlap(uint32_t a, uint32_t an, uint32_t b, uint32_t bn)
{
	return (uint64_t)a < (uint64_t)b + bn && (uint64_t)b < (uint64_t)a + an;
}

/* The lines of the uid (or GROUP: gid) map of M for the user UID, GID. */
static int build(struct nsk_idmap *m, bool group, uid_t uid, gid_t gid, struct nsk_err *e)
{
	const char *what = group ? "--map-groups" : "--map-users";
	struct nsk_idmap_list *out = group ? &m->gid : &m->uid;
	const struct nsk_idmap_list *ranges = group ? &m->groups : &m->users;
	unsigned int special = group ? m->groups_special : m->users_special;
	bool single = group ? m->map_group : m->map_user;
	uint32_t inner = group ? m->group : m->user;
	uint32_t own = group ? gid : uid;
	int r;

	out->n = 0;
	if (ranges->n + single > NSK_IDMAP_MAX)
		return nsk_err_set(e, E2BIG, "too many %s ranges (the kernel takes %d)", what,
				   NSK_IDMAP_MAX);
	if (single)
		out->r[out->n++] = (struct nsk_idrange){inner, own, 1};
	for (size_t i = 0; i < ranges->n; i++)
		out->r[out->n++] = ranges->r[i];
	/* /etc/subgid, like /etc/subuid, lists the blocks of a user. */
	r = resolve_special(out, special, group, uid, e);
	if (r < 0)
		return r;
	if (single) {
		/* Punch the single line's ids out of the ranges that follow it. */
		struct nsk_idmap_list rest = {.n = out->n - 1};

		memcpy(rest.r, out->r + 1, rest.n * sizeof(rest.r[0]));
		if (punch(&rest, inner, false) < 0 || punch(&rest, own, true) < 0 ||
		    rest.n + 1 > NSK_IDMAP_MAX)
			return nsk_err_set(e, E2BIG, "too many %s ranges (the kernel takes %d)",
					   what, NSK_IDMAP_MAX);
		memcpy(out->r + 1, rest.r, rest.n * sizeof(rest.r[0]));
		out->n = rest.n + 1;
	}
	for (size_t i = 0; i < out->n; i++)
		for (size_t j = i + 1; j < out->n; j++) {
			const struct nsk_idrange *a = &out->r[i], *b = &out->r[j];

			if (overlap(a->inner, a->count, b->inner, b->count) ||
			    overlap(a->outer, a->count, b->outer, b->count))
				return nsk_err_set(
					e, EINVAL,
					"invalid %s: ranges %u:%u:%u and %u:%u:%u overlap", what,
					a->inner, a->outer, a->count, b->inner, b->outer, b->count);
		}
	return 0;
}

int nsk_idmap_finish(struct nsk_idmap *m, struct nsk_err *e)
{
	uid_t uid = m->has_owner ? m->owner_uid : geteuid();
	gid_t gid = m->has_owner ? m->owner_gid : getegid();
	int r;

	r = build(m, false, uid, gid, e);
	if (r == 0)
		r = build(m, true, uid, gid, e);
	/* util-linux: mapping a single group implies setgroups deny, which is
	 * what lets an unprivileged process write its gid_map (3.19). */
	if (r == 0 && m->map_group && m->setgroups == NSK_SETGROUPS_UNSET)
		m->setgroups = NSK_SETGROUPS_DENY;
	return r;
}

static bool self_line(const struct nsk_idmap_list *l, uint32_t own)
{
	return l->n == 0 || (l->n == 1 && l->r[0].outer == own && l->r[0].count == 1);
}

bool nsk_idmap_self_writable(const struct nsk_idmap *m)
{
	uid_t uid = m->has_owner ? m->owner_uid : geteuid();
	gid_t gid = m->has_owner ? m->owner_gid : getegid();

	return self_line(&m->uid, uid) && self_line(&m->gid, gid) &&
	       (m->gid.n == 0 || m->setgroups == NSK_SETGROUPS_DENY);
}

static int write_file(const char *path, const char *text, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = write(fd, text, len);
	if (n < 0) {
		int err = errno;

		close(fd);
		return -err;
	}
	close(fd);
	return (size_t)n == len ? 0 : -EIO;
}

/* newuidmap PID INNER OUTER COUNT...: the setuid helper of shadow checks the
 * ranges against /etc/subuid and writes the map. */
static int run_helper(const char *prog, pid_t pid, const struct nsk_idmap_list *l)
{
	size_t argc = 2 + 3 * l->n + 1;
	char **argv = calloc(argc, sizeof(*argv));
	char *nums = malloc((1 + 3 * l->n) * 12);
	int status, r = 0;
	pid_t child;

	if (!argv || !nums) {
		r = -ENOMEM;
		goto out;
	}
	argv[0] = (char *)prog;
	argv[1] = nums;
	snprintf(nums, 12, "%d", (int)pid);
	for (size_t i = 0; i < l->n; i++) {
		const uint32_t v[3] = {l->r[i].inner, l->r[i].outer, l->r[i].count};

		for (int k = 0; k < 3; k++) {
			char *s = nums + (1 + 3 * i + k) * 12;

			snprintf(s, 12, "%u", v[k]);
			argv[2 + 3 * i + k] = s;
		}
	}
	/* (<spawn.h> is hidden by common/spawn.h on the include path.) */
	child = fork();
	if (child < 0) {
		r = -errno;
		goto out;
	}
	if (child == 0) {
		execvp(prog, argv);
		_exit(127); /* not found, or not runnable */
	}
	while (waitpid(child, &status, 0) < 0)
		if (errno != EINTR) {
			r = -errno;
			goto out;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) >= 126)
		r = -ENOENT;
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		r = -EPERM;
out:
	free(argv);
	free(nums);
	return r;
}

static int write_map(const struct nsk_idmap_list *l, pid_t pid, bool group, struct nsk_err *e)
{
	const char *name = group ? "gid_map" : "uid_map";
	const char *prog = group ? "newgidmap" : "newuidmap";
	char path[64], text[NSK_IDMAP_MAX * 36];
	size_t len = 0;
	int r;

	if (l->n == 0)
		return 0;
	for (size_t i = 0; i < l->n; i++)
		len += snprintf(text + len, sizeof(text) - len, "%u %u %u\n", l->r[i].inner,
				l->r[i].outer, l->r[i].count);
	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	else
		snprintf(path, sizeof(path), "/proc/self/%s", name);
	r = write_file(path, text, len);
	if (nsk_verbose) {
		char shown[sizeof(text)];

		/* One trace line: the map's lines separated by "\n". */
		for (size_t i = 0; i < len; i++)
			shown[i] = text[i] == '\n' ? ',' : text[i];
		nsk_trace("write(%s, \"%.*s\") = %s", path, (int)len - 1, shown, nsk_ret_str(r));
	}
	if (r != -EPERM || geteuid() == 0 || pid == 0)
		goto done;
	/* Not ours to write (a range, or ids other than our own): shadow's
	 * setuid helper may, within /etc/subuid and /etc/subgid. */
	r = run_helper(prog, pid ? pid : getpid(), l);
	nsk_trace("%s %d ... (%zu ranges) = %s", prog, (int)pid, l->n, nsk_ret_str(r));
	if (r == -ENOENT) {
		nsk_err_set(e, EPERM, "cannot write %s", path);
		nsk_err_hint(e, group ? "ranges of groups need newgidmap (package uidmap) or root"
				      : "ranges of users need newuidmap (package uidmap) or root");
		return -EPERM;
	}
	if (r < 0)
		return nsk_err_set(e, r, "%s %d failed", prog, (int)pid);
	return 0;
done:
	if (r < 0) {
		nsk_err_set(e, r, "cannot write %s", path);
		if (r == -EPERM)
			nsk_err_hint(
				e, "without CAP_SETUID/CAP_SETGID in the parent user namespace, "
				   "only your own id can be mapped (gid_map after setgroups deny)");
	}
	return r;
}

int nsk_idmap_write(const struct nsk_idmap *m, pid_t pid, struct nsk_err *e)
{
	char path[64];
	int r;

	if (m->setgroups != NSK_SETGROUPS_UNSET) {
		const char *v = m->setgroups == NSK_SETGROUPS_DENY ? "deny" : "allow";

		if (pid)
			snprintf(path, sizeof(path), "/proc/%d/setgroups", (int)pid);
		else
			snprintf(path, sizeof(path), "/proc/self/setgroups");
		r = write_file(path, v, strlen(v));
		nsk_trace("write(%s, \"%s\") = %s", path, v, nsk_ret_str(r));
		if (r < 0)
			return nsk_err_set(e, r, "cannot write %s", path);
	}
	r = write_map(&m->uid, pid, false, e);
	if (r == 0)
		r = write_map(&m->gid, pid, true, e);
	return r;
}

int nsk_idmap_become_owner(const struct nsk_idmap *m, struct nsk_err *e)
{
	if (!m->has_owner)
		return 0;
	if (setgroups(0, NULL) < 0 && errno != EPERM)
		return nsk_err_set(e, errno, "setgroups(0, NULL)");
	if (setresgid(m->owner_gid, m->owner_gid, m->owner_gid) < 0 ||
	    setresuid(m->owner_uid, m->owner_uid, m->owner_uid) < 0)
		return nsk_err_set(e, errno, "cannot become the owner %u:%u",
				   (unsigned)m->owner_uid, (unsigned)m->owner_gid);
	nsk_trace("setresuid(%u), setresgid(%u) = 0", (unsigned)m->owner_uid,
		  (unsigned)m->owner_gid);
	/* A change of ids makes the process non-dumpable, and its /proc files
	 * root's: it could not write its own uid_map then. */
	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) < 0)
		return nsk_err_set(e, errno, "prctl(PR_SET_DUMPABLE)");
	return 0;
}
