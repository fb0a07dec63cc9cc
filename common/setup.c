// SPDX-License-Identifier: GPL-2.0-or-later
/* setup.c - set-up of the process that execs the command. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <limits.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "idmap.h"
#include "mounts.h"
#include "msg.h"
#include "setup.h"

int nsk_parse_offset(const char *s, struct timespec *ts)
{
	const char *p = s;
	bool neg = false;
	long long sec;
	long nsec = 0;
	char *end;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p < '0' || *p > '9')
		return -EINVAL;
	errno = 0;
	sec = strtoll(p, &end, 10);
	if (errno)
		return -EINVAL;
	if (*end == '.') {
		long scale = 100000000;

		for (p = end + 1; *p >= '0' && *p <= '9'; p++, scale /= 10)
			nsec += (*p - '0') * scale;
		if (p == end + 1 || scale < 0)
			return -EINVAL;
		end = (char *)p;
	}
	if (*end)
		return -EINVAL;
	/* The kernel wants 0 <= tv_nsec < 1e9: -1.5 s is -2 s + 0.5 s. */
	if (neg) {
		sec = -sec;
		if (nsec) {
			sec--;
			nsec = 1000000000 - nsec;
		}
	}
	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	return 0;
}

static int opt_env(struct nsk_setup *s, const char *arg, struct nsk_err *e)
{
	char **env;

	if (arg[0] == '=' || !strchr(arg, '='))
		return nsk_err_set(e, EINVAL, "invalid --env '%s': expected NAME=VALUE", arg);
	env = realloc(s->env, (s->nenv + 1) * sizeof(*env));
	if (!env)
		return nsk_err_set(e, ENOMEM, "--env");
	s->env = env;
	s->env[s->nenv++] = (char *)arg;
	return 0;
}

static int opt_propagation(struct nsk_setup *s, const char *arg, struct nsk_err *e)
{
	static const struct {
		const char *name;
		unsigned long flags;
	} modes[] = {
		{"slave", MS_SLAVE | MS_REC},
		{"shared", MS_SHARED | MS_REC},
		{"private", MS_PRIVATE | MS_REC},
		{"unchanged", 0},
	};

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (strcmp(arg, modes[i].name) == 0) {
			s->propagation = modes[i].flags;
			return 0;
		}
	return nsk_err_set(e, EINVAL,
			   "invalid --propagation '%s': expected slave, shared, private or "
			   "unchanged",
			   arg);
}

int nsk_setup_opt(struct nsk_setup *s, int c, const char *arg, struct nsk_err *e)
{
	uint32_t id;
	int r = 0;

	switch (c) {
	case NSK_OPT_ROOT:
		s->root = arg;
		break;
	case NSK_OPT_WD:
		s->wd = arg;
		break;
	case 'S':
		if (nsk_id_parse(arg, false, &id) < 0)
			return nsk_err_set(e, EINVAL, "invalid --setuid '%s': no such user", arg);
		s->set_uid = true;
		s->uid = id;
		break;
	case 'G':
		if (nsk_id_parse(arg, true, &id) < 0)
			return nsk_err_set(e, EINVAL, "invalid --setgid '%s': no such group", arg);
		s->set_gid = true;
		s->gid = id;
		break;
	case NSK_OPT_KEEP_CAPS:
		s->keep_caps = true;
		break;
	case NSK_OPT_ENV:
		r = opt_env(s, arg, e);
		break;
	case NSK_OPT_CLEARENV:
		s->clearenv = true;
		break;
	case NSK_OPT_HOSTNAME:
		if (!*arg || strlen(arg) > 64)
			return nsk_err_set(e, EINVAL, "invalid --hostname '%s': 1 to 64 bytes",
					   arg);
		s->hostname = arg;
		break;
	case NSK_OPT_MOUNT_PROC:
		s->proc_dir = arg && *arg ? arg : "/proc";
		break;
	case NSK_OPT_MOUNT_SYS:
		s->sys_dir = arg && *arg ? arg : "/sys";
		break;
	case NSK_OPT_MONOTONIC:
	case NSK_OPT_BOOTTIME: {
		bool mono = c == NSK_OPT_MONOTONIC;

		if (nsk_parse_offset(arg, mono ? &s->monotonic : &s->boottime) < 0)
			return nsk_err_set(e, EINVAL, "invalid --%s '%s': expected seconds",
					   mono ? "monotonic" : "boottime", arg);
		*(mono ? &s->has_monotonic : &s->has_boottime) = true;
		break;
	}
	case NSK_OPT_PROPAGATION:
		r = opt_propagation(s, arg, e);
		break;
	case NSK_OPT_LOAD_INTERP:
		if (arg[0] != ':' || strlen(arg) < 6)
			return nsk_err_set(e, EINVAL,
					   "invalid --load-interp '%s': expected a binfmt_misc "
					   "line :NAME:TYPE:OFFSET:MAGIC:MASK:INTERPRETER:FLAGS",
					   arg);
		s->interp = arg;
		break;
	default:
		return 0;
	}
	return r < 0 ? r : 1;
}

void nsk_setup_usage(FILE *out)
{
	fputs(" -S, --setuid <uid>           set uid in the entered namespaces\n"
	      " -G, --setgid <gid>           set gid in the entered namespaces\n"
	      "     --keep-caps              keep the capabilities granted in the user\n"
	      "                                namespace (as ambient capabilities)\n"
	      "     --env <name>=<value>     set a variable in the command's environment\n"
	      "     --clearenv               start the command with an empty environment\n"
	      "     --hostname <name>        set the hostname in the new UTS namespace\n"
	      "     --mount-proc[=<dir>]     mount a fresh proc file system (implies --mount)\n"
	      "     --monotonic <offset>     CLOCK_MONOTONIC offset in seconds (with --time)\n"
	      "     --boottime <offset>      CLOCK_BOOTTIME offset in seconds (with --time)\n"
	      "     --propagation slave|shared|private|unchanged\n"
	      "                              mount propagation in the new mount namespace\n"
	      "     --load-interp <line>     register a binfmt_misc interpreter (with a new\n"
	      "                                user and mount namespace)\n",
	      out);
}

void nsk_setup_free(struct nsk_setup *s)
{
	free(s->env);
	s->env = NULL;
	s->nenv = 0;
}

int nsk_setup_timens(const struct nsk_setup *s, pid_t pid, struct nsk_err *e)
{
	char path[64], text[128];
	size_t len = 0;
	int fd, r = 0;

	if (!s->has_monotonic && !s->has_boottime)
		return 0;
	if (s->has_monotonic)
		len += snprintf(text + len, sizeof(text) - len, "monotonic %lld %ld\n",
				(long long)s->monotonic.tv_sec, s->monotonic.tv_nsec);
	if (s->has_boottime)
		len += snprintf(text + len, sizeof(text) - len, "boottime %lld %ld\n",
				(long long)s->boottime.tv_sec, s->boottime.tv_nsec);
	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/timens_offsets", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/timens_offsets");
	/* Both clocks in one write: the kernel applies all lines or none. */
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return nsk_err_set(e, errno, "cannot open %s", path);
	if (write(fd, text, len) != (ssize_t)len)
		r = -errno;
	close(fd);
	nsk_trace("write(%s, \"%.*s\") = %s", path, (int)len - 1, text, nsk_ret_str(r));
	if (r < 0) {
		nsk_err_set(e, r, "cannot write %s", path);
		if (r == -EACCES)
			nsk_err_hint(e, "offsets can be set only before any process has entered "
					"the new time namespace");
	}
	return r;
}

/* "MS_REC|MS_PRIVATE" for the -v trace. */
static int do_mount(const char *src, const char *dst, const char *type, unsigned long flags,
		    struct nsk_err *e)
{
	int r = nsk_mount(src, dst, type, flags, NULL);
	if (r < 0 && type)
		nsk_err_set(e, r, "cannot mount %s on %s", type, dst);
	else if (r < 0)
		nsk_err_set(e, r, "cannot change the propagation of %s", dst);
	return r;
}

/* A fresh instance of TYPE on DIR, made private first so that it never
 * propagates back to the parent mount namespace; the recursive change of /
 * to private has done that already unless the root or the propagation
 * changed (as util-linux reasons). */
static int mount_fresh(const struct nsk_setup *s, const char *type, const char *dir,
		       struct nsk_err *e)
{
	int r;

	if (s->root || s->propagation != (MS_PRIVATE | MS_REC)) {
		r = do_mount("none", dir, NULL, MS_PRIVATE | MS_REC, e);
		/* EINVAL: DIR is not a mount point; nothing propagates from it. */
		if (r < 0 && r != -EINVAL)
			return r;
	}
	return do_mount(type, dir, type, MS_NOSUID | MS_NODEV | MS_NOEXEC, e);
}

/* binfmt_misc has an instance per user namespace since 6.7; register the
 * interpreter line there. */
static int load_interp(const char *line, struct nsk_err *e)
{
	static const char dir[] = "/proc/sys/fs/binfmt_misc";
	int fd, r;

	r = do_mount("binfmt_misc", dir, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, e);
	if (r < 0)
		return r;
	fd = open("/proc/sys/fs/binfmt_misc/register", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return nsk_err_set(e, errno, "cannot open %s/register", dir);
	r = write(fd, line, strlen(line)) < 0 ? -errno : 0;
	close(fd);
	nsk_trace("write(%s/register, \"%s\") = %s", dir, line, nsk_ret_str(r));
	if (r < 0)
		return nsk_err_set(e, r, "cannot register interpreter '%s'", line);
	return 0;
}

static int last_cap(void)
{
	char buf[16] = "";
	int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	return n > 0 ? atoi(buf) : CAP_LAST_CAP;
}

/* Every permitted capability becomes inheritable and ambient (4.3), so that
 * it survives the exec of a program without file capabilities. */
static int keep_caps(struct nsk_err *e)
{
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2] = {{0}}; /* valgrind knows only one */
	int last = last_cap();

	if (syscall(SYS_capget, &hdr, data) < 0)
		return nsk_err_set(e, errno, "capget");
	data[0].inheritable = data[0].permitted;
	data[1].inheritable = data[1].permitted;
	if (syscall(SYS_capset, &hdr, data) < 0)
		return nsk_err_set(e, errno, "capset");
	for (int cap = 0; cap <= last; cap++) {
		if (!(data[cap / 32].permitted & (1u << (cap % 32))))
			continue;
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) < 0)
			return nsk_err_set(e, errno, "prctl(PR_CAP_AMBIENT_RAISE, %d)", cap);
	}
	nsk_trace("prctl(PR_CAP_AMBIENT_RAISE, permitted 0x%08x%08x) = 0", data[1].permitted,
		  data[0].permitted);
	return 0;
}

/* setuid/setgid give EINVAL for an id that the user namespace does not map. */
#define UNMAPPED_HINT                                                                              \
	"that id has no mapping in the user namespace (see /proc/self/uid_map and "                \
	"gid_map there): give a mapped one with -S/-G"

static int set_ids(const struct nsk_setup *s, struct nsk_err *e)
{
	int r;

	if (s->set_gid) {
		/* Drop the supplementary groups; under setgroups deny there are
		 * none to drop and the kernel says EPERM (3.19). */
		r = setgroups(0, NULL) < 0 ? -errno : 0;
		nsk_trace("setgroups(0, NULL) = %s", nsk_ret_str(r));
		if (r < 0 && r != -EPERM)
			return nsk_err_set(e, r, "setgroups(0, NULL)");
		r = setgid(s->gid) < 0 ? -errno : 0;
		nsk_trace("setgid(%u) = %s", (unsigned)s->gid, nsk_ret_str(r));
		if (r < 0) {
			nsk_err_set(e, r, "cannot set gid %u", (unsigned)s->gid);
			if (r == -EINVAL)
				nsk_err_hint(e, UNMAPPED_HINT);
			return r;
		}
	}
	if (s->set_uid) {
		r = setuid(s->uid) < 0 ? -errno : 0;
		nsk_trace("setuid(%u) = %s", (unsigned)s->uid, nsk_ret_str(r));
		if (r < 0) {
			nsk_err_set(e, r, "cannot set uid %u", (unsigned)s->uid);
			if (r == -EINVAL)
				nsk_err_hint(e, UNMAPPED_HINT);
			return r;
		}
	}
	return 0;
}

static int set_env(const struct nsk_setup *s, struct nsk_err *e)
{
	if (s->clearenv && clearenv() != 0)
		return nsk_err_set(e, ENOMEM, "clearenv");
	for (size_t i = 0; i < s->nenv; i++)
		if (putenv(s->env[i]) != 0)
			return nsk_err_set(e, errno, "cannot set %s", s->env[i]);
	return 0;
}

int nsk_setup_apply(const struct nsk_setup *s, int newflags, struct nsk_err *e)
{
	int r;

	if ((newflags & CLONE_NEWNS) && s->propagation) {
		r = do_mount("none", "/", NULL, s->propagation, e);
		if (r < 0)
			return r;
	}
	if (s->hostname) {
		r = sethostname(s->hostname, strlen(s->hostname)) < 0 ? -errno : 0;
		nsk_trace("sethostname(\"%s\") = %s", s->hostname, nsk_ret_str(r));
		if (r < 0)
			return nsk_err_set(e, r, "cannot set hostname %s", s->hostname);
	}
	if (s->root) {
		r = chroot(s->root) < 0 ? -errno : 0;
		nsk_trace("chroot(\"%s\") = %s", s->root, nsk_ret_str(r));
		if (r < 0)
			return nsk_err_set(e, r, "cannot change root directory to %s", s->root);
		if (!s->wd && chdir("/") < 0)
			return nsk_err_set(e, errno, "cannot change directory to / in %s", s->root);
	}
	if (s->wd) {
		r = chdir(s->wd) < 0 ? -errno : 0;
		nsk_trace("chdir(\"%s\") = %s", s->wd, nsk_ret_str(r));
		if (r < 0)
			return nsk_err_set(e, r, "cannot change directory to %s", s->wd);
	}
	if (s->proc_dir && (r = mount_fresh(s, "proc", s->proc_dir, e)) < 0)
		return r;
	if (s->sys_dir && (r = mount_fresh(s, "sysfs", s->sys_dir, e)) < 0)
		return r;
	if (s->interp && (r = load_interp(s->interp, e)) < 0)
		return r;
	if ((r = set_ids(s, e)) < 0)
		return r;
	if (s->keep_caps && (r = keep_caps(e)) < 0)
		return r;
	return set_env(s, e);
}

int nsk_setup_dirs_fd(int root_fd, int wd_fd, struct nsk_err *e)
{
	int r;

	if (root_fd >= 0) {
		r = fchdir(root_fd) < 0 || chroot(".") < 0 ? -errno : 0;
		nsk_trace("fchdir(%d), chroot(\".\") = %s", root_fd, nsk_ret_str(r));
		if (r < 0)
			return nsk_err_set(e, r, "cannot change the root directory");
	}
	if (wd_fd >= 0) {
		r = fchdir(wd_fd) < 0 ? -errno : 0;
		nsk_trace("fchdir(%d) = %s", wd_fd, nsk_ret_str(r));
		if (r < 0)
			return nsk_err_set(e, r, "cannot change the working directory");
	}
	return 0;
}

int nsk_read_file(int dirfd, const char *path, char **bufp, size_t *lenp)
{
	size_t len = 0, size = 4096;
	char *buf = malloc(size);
	int fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	int err = 0;

	if (!buf || fd < 0) {
		err = buf ? -errno : -ENOMEM;
		goto out;
	}
	for (;;) {
		ssize_t n;

		if (len + 1 >= size) {
			char *bigger = realloc(buf, size *= 2);

			if (!bigger) {
				err = -ENOMEM;
				goto out;
			}
			buf = bigger;
		}
		n = read(fd, buf + len, size - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			goto out;
		}
		if (n == 0)
			break;
		len += n;
	}
	buf[len] = '\0';
out:
	if (fd >= 0)
		close(fd);
	if (err) {
		free(buf);
		return err;
	}
	*bufp = buf;
	*lenp = len;
	return 0;
}

/* Does the comma-separated LIST hold every word of the comma-separated WANT? */
static bool has_all(const char *list, const char *want)
{
	while (*want) {
		size_t n = strcspn(want, ",");
		const char *p = list;
		bool found = false;

		while (*p && !found) {
			size_t m = strcspn(p, ",");

			found = m == n && strncmp(p, want, n) == 0;
			p += m + (p[m] == ',');
		}
		if (!found)
			return false;
		want += n + (want[n] == ',');
	}
	return true;
}

/* Undoes mountinfo's octal escapes (\040 for a space) in place. */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' && s[2] <= '7' &&
		    s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/*
 * Finds in MOUNTINFO the directory of cgroup PATH in the hierarchy with
 * CONTROLLERS (v1) or the cgroup2 one (CONTROLLERS empty) and writes it into
 * DIR. Returns 0 or -ENOENT.
 */
static int cgroup_dir(char *mountinfo, const char *controllers, const char *path, char *dir,
		      size_t len)
{
	for (char *line = mountinfo, *next; line && *line; line = next) {
		char *f[16], *save = NULL, *fstype, *opts, *tok;
		int nf = 0;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		for (tok = strtok_r(line, " ", &save); tok && nf < 16;
		     tok = strtok_r(NULL, " ", &save))
			f[nf++] = tok;
		/* id parent dev root mountpoint opts [optional...] - fstype source superopts */
		int dash = 6;

		while (dash < nf && strcmp(f[dash], "-") != 0)
			dash++;
		if (dash + 3 >= nf)
			continue;
		fstype = f[dash + 1];
		opts = f[dash + 3];
		if (*controllers ? strcmp(fstype, "cgroup") != 0 || !has_all(opts, controllers)
				 : strcmp(fstype, "cgroup2") != 0)
			continue;
		unescape(f[3]);
		unescape(f[4]);
		size_t rl = strcmp(f[3], "/") == 0 ? 0 : strlen(f[3]);

		/* The mount shows the sub-tree at its root field only. */
		if (strncmp(path, f[3], rl) != 0 || (path[rl] != '/' && path[rl] != '\0'))
			continue;
		if ((size_t)snprintf(dir, len, "%s%s", f[4], path + rl) >= len)
			return -ENAMETOOLONG;
		return 0;
	}
	return -ENOENT;
}

int nsk_cgroup_join(const char *text, struct nsk_err *e)
{
	char *mountinfo = NULL, *copy = NULL;
	size_t milen;
	int r, joined = 0;

	r = nsk_read_file(AT_FDCWD, "/proc/self/mountinfo", &mountinfo, &milen);
	if (r < 0)
		return nsk_err_set(e, r, "cannot read /proc/self/mountinfo");
	copy = malloc(milen + 1);
	if (!copy) {
		free(mountinfo);
		return nsk_err_set(e, ENOMEM, "cannot read /proc/self/mountinfo");
	}
	/* Lines: "ID:CONTROLLERS:PATH" (CONTROLLERS empty for cgroup2). */
	for (const char *line = text; *line; line += *line == '\n') {
		size_t n = strcspn(line, "\n");
		char entry[4096], dir[PATH_MAX], *c1, *c2, pid[32];
		int fd;

		if (n >= sizeof(entry)) {
			line += n;
			continue;
		}
		memcpy(entry, line, n);
		entry[n] = '\0';
		line += n;
		c1 = strchr(entry, ':');
		c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (!c2)
			continue;
		*c2 = '\0';
		memcpy(copy, mountinfo, milen + 1);
		/* A hierarchy that is not mounted here cannot be joined. */
		if (cgroup_dir(copy, c1 + 1, c2 + 1, dir, sizeof(dir)) < 0)
			continue;
		if (strlen(dir) + sizeof("/cgroup.procs") > sizeof(dir)) {
			r = nsk_err_set(e, ENAMETOOLONG, "cannot join cgroup %s", c2 + 1);
			break;
		}
		strcat(dir, "/cgroup.procs");
		fd = open(dir, O_WRONLY | O_CLOEXEC);
		n = (size_t)snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
		r = fd < 0 ? -errno : write(fd, pid, n) == (ssize_t)n ? 0 : -errno;
		if (fd >= 0)
			close(fd);
		nsk_trace("write(%s, \"%d\") = %s", dir, (int)getpid(), nsk_ret_str(r));
		if (r < 0) {
			nsk_err_set(e, r, "cannot write %s", dir);
			break;
		}
		joined++;
	}
	free(copy);
	free(mountinfo);
	if (r == 0 && !joined)
		r = nsk_err_set(e, ENOENT, "no cgroup hierarchy of the target is mounted here");
	return r;
}
