// SPDX-License-Identifier: GPL-2.0-or-later
/* mounts.c - the mounts of a small container, each traced in mount(2) words. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mounts.h"
#include "msg.h"
#include "nsfs.h"

/* A quoted string argument of a traced call, or NULL. */
#define Q(s) (s) ? "\"" : "", (s) ? (s) : "NULL", (s) ? "\"" : ""

static const char *err_name(int err)
{
	const char *n = strerrorname_np(err);

	return n ? n : "?";
}

const char *nsk_mount_flags_str(unsigned long flags, char *buf, size_t len)
{
	static const struct nsk_bitname names[] = {
		{MS_RDONLY, "MS_RDONLY"},
		{MS_NOSUID, "MS_NOSUID"},
		{MS_NODEV, "MS_NODEV"},
		{MS_NOEXEC, "MS_NOEXEC"},
		{MS_REMOUNT, "MS_REMOUNT"},
		{MS_NOATIME, "MS_NOATIME"},
		{MS_NODIRATIME, "MS_NODIRATIME"},
		{MS_BIND, "MS_BIND"},
		{MS_MOVE, "MS_MOVE"},
		{MS_REC, "MS_REC"},
		{MS_PRIVATE, "MS_PRIVATE"},
		{MS_SLAVE, "MS_SLAVE"},
		{MS_SHARED, "MS_SHARED"},
		{MS_RELATIME, "MS_RELATIME"},
		{MS_STRICTATIME, "MS_STRICTATIME"},
	};

	return nsk_bits_str(names, sizeof(names) / sizeof(names[0]), flags, buf, len);
}

int nsk_mount(const char *src, const char *dst, const char *type, unsigned long flags,
	      const char *data)
{
	char fl[160];
	/* The type of a bind or a propagation change is ignored; "none" rather
	 * than NULL keeps valgrind (3.19) from reporting an unaddressable
	 * mount(type). */
	int r = mount(src, dst, type ? type : "none", flags, data) < 0 ? -errno : 0;

	if (nsk_verbose)
		nsk_trace("mount(%s%s%s, %s%s%s, %s%s%s, %s, %s%s%s) = %s", Q(src), Q(dst), Q(type),
			  nsk_mount_flags_str(flags, fl, sizeof(fl)), Q(data), nsk_ret_str(r));
	return r;
}

/* Traces a call that is not mount(2): "NAME(ARGS) = 0" or "= -1 ERRNO". */
static int traced(int r, const char *call, const char *arg)
{
	int err = errno;
	bool quote = arg[0] != '"';

	if (r == 0)
		nsk_trace("%s(%s%s%s) = 0", call, quote ? "\"" : "", arg, quote ? "\"" : "");
	else
		nsk_trace("%s(%s%s%s) = -1 %s", call, quote ? "\"" : "", arg, quote ? "\"" : "",
			  err_name(err));
	return r == 0 ? 0 : -err;
}

/* ROOT/DST without doubled slashes; "/" for ROOT means none. */
static int join(char *buf, size_t len, const char *root, const char *dst)
{
	int n;

	if (!root || strcmp(root, "/") == 0)
		n = snprintf(buf, len, "%s", dst);
	else {
		while (*dst == '/')
			dst++;
		n = snprintf(buf, len, "%s/%s", root, dst);
	}
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int nsk_mount_op_parse(struct nsk_mount_op *op, enum nsk_mount_kind kind, char *arg)
{
	char *colon = strchr(arg, ':');

	*op = (struct nsk_mount_op){.kind = kind};
	switch (kind) {
	case NSK_MOUNT_BIND:
	case NSK_MOUNT_RO_BIND:
		if (colon)
			*colon = '\0';
		op->src = arg;
		op->dst = colon ? colon + 1 : arg;
		if (!*op->src || !*op->dst)
			return -EINVAL;
		return 0;
	case NSK_MOUNT_TMPFS:
		if (colon) {
			*colon = '\0';
			op->data = colon + 1;
		}
		op->dst = arg;
		return *arg ? 0 : -EINVAL;
	case NSK_MOUNT_DEV:
	case NSK_MOUNT_SYS:
	case NSK_MOUNT_PROC:
		op->dst = arg;
		return *arg ? 0 : -EINVAL;
	}
	return -EINVAL;
}

int nsk_mount_propagation(unsigned long flags, struct nsk_err *e)
{
	int r = nsk_mount(NULL, "/", NULL, flags, NULL);

	if (r < 0)
		return nsk_err_set(e, r,
				   "cannot change the propagation of the new mount namespace");
	return 0;
}

int nsk_mount_root_prepare(const char *root, struct nsk_err *e)
{
	int r = nsk_mount(root, root, NULL, MS_BIND | MS_REC, NULL);

	if (r < 0)
		return nsk_err_set(e, r, "cannot bind-mount the new root %s on itself", root);
	return 0;
}

/* The flags that a read-only remount must keep: in a user namespace the
 * kernel locks nosuid, nodev, noexec and the atime flags of mounts that come
 * from a more privileged namespace, and refuses a remount that drops them. */
static unsigned long kept_flags(const char *path)
{
	struct statvfs sv;
	unsigned long f = 0;

	if (statvfs(path, &sv) < 0)
		return 0;
	if (sv.f_flag & ST_NOSUID)
		f |= MS_NOSUID;
	if (sv.f_flag & ST_NODEV)
		f |= MS_NODEV;
	if (sv.f_flag & ST_NOEXEC)
		f |= MS_NOEXEC;
	if (sv.f_flag & ST_NOATIME)
		f |= MS_NOATIME;
	if (sv.f_flag & ST_NODIRATIME)
		f |= MS_NODIRATIME;
	if (sv.f_flag & ST_RELATIME)
		f |= MS_RELATIME;
	return f;
}

/* Undoes the octal escapes of a mountinfo field in place. */
static void unescape(char *s)
{
	char *d = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] && s[3]) {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 + (s[3] - '0'));
			s += 3;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* Before mount_setattr (5.12): remounts DST and every mount below it
 * read-only, one by one, from /proc/self/mountinfo. */
static int remount_ro_tree(const char *dst)
{
	char line[8192], top[PATH_MAX];
	size_t n;
	FILE *f;
	int r = 0;

	if (!realpath(dst, top))
		return -errno;
	n = strlen(top);
	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char *mp = NULL, *save = NULL, *tok = strtok_r(line, " ", &save);

		for (int i = 1; tok && i < 5; i++) {
			tok = strtok_r(NULL, " ", &save);
			if (i == 4)
				mp = tok;
		}
		if (!mp)
			continue;
		unescape(mp);
		if (strncmp(mp, top, n) != 0 || (mp[n] != '/' && mp[n] != '\0' && n > 1))
			continue;
		r = nsk_mount(NULL, mp, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | kept_flags(mp),
			     NULL);
		if (r < 0)
			break;
	}
	fclose(f);
	return r;
}

static int make_readonly(const char *dst)
{
	struct mount_attr attr = {.attr_set = MOUNT_ATTR_RDONLY};
	int r;

	/* mount_setattr (5.12) changes the whole tree at once and keeps the
	 * locked flags by itself. */
	r = mount_setattr(AT_FDCWD, dst, AT_RECURSIVE | AT_SYMLINK_NOFOLLOW, &attr, sizeof(attr));
	if (r == 0)
		nsk_trace("mount_setattr(AT_FDCWD, \"%s\", AT_RECURSIVE, {MOUNT_ATTR_RDONLY}) = 0",
			  dst);
	else
		nsk_trace("mount_setattr(AT_FDCWD, \"%s\", AT_RECURSIVE, {MOUNT_ATTR_RDONLY}) = -1 "
			  "%s",
			  dst, err_name(errno));
	r = r == 0 ? 0 : -errno;
	if (r == 0 || (r != -ENOSYS && r != -EINVAL))
		return r;
	return remount_ro_tree(dst);
}

int nsk_mount_bind(const char *src, const char *dst, int readonly, struct nsk_err *e)
{
	int r = nsk_mount(src, dst, NULL, MS_BIND | MS_REC, NULL);

	if (r < 0)
		return nsk_err_set(e, r, "cannot bind-mount %s on %s", src, dst);
	if (readonly) {
		r = make_readonly(dst);
		if (r < 0)
			return nsk_err_set(e, r, "cannot make %s read-only", dst);
	}
	return 0;
}

int nsk_mount_tmpfs(const char *dst, const char *data, struct nsk_err *e)
{
	char opts[512];
	int r;

	snprintf(opts, sizeof(opts), "mode=0755%s%s", data ? "," : "", data ? data : "");
	r = nsk_mount("tmpfs", dst, "tmpfs", MS_NOSUID | MS_NODEV, opts);
	if (r < 0)
		return nsk_err_set(e, r, "cannot mount a tmpfs on %s", dst);
	return 0;
}

int nsk_mount_proc(const char *dst, struct nsk_err *e)
{
	int r = nsk_mount("proc", dst, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);

	if (r < 0) {
		nsk_err_set(e, r, "cannot mount proc on %s", dst);
		if (r == -EPERM && e)
			e->hint = "in a user namespace, proc can be mounted only for a PID "
				  "namespace that it owns: add -p";
		return r;
	}
	return 0;
}

int nsk_mount_sysfs(const char *dst, struct nsk_err *e)
{
	int r = nsk_mount("sysfs", dst, "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, NULL);

	/* A fresh sysfs shows the caller's network namespace and needs it to
	 * be owned by the caller's user namespace; otherwise show the host's,
	 * read-only, as bubblewrap and podman do. */
	if (r == -EPERM)
		r = nsk_mount_bind("/sys", dst, 1, e);
	if (r < 0)
		return nsk_err_set(e, r, "cannot mount sysfs on %s", dst);
	return 0;
}

int nsk_mount_dev(const char *dst, struct nsk_err *e)
{
	static const char *const nodes[] = {"null", "zero", "full", "random", "urandom", "tty"};
	static const char *const links[][2] = {
		{"pts/ptmx", "ptmx"},	       {"/proc/self/fd", "fd"},
		{"/proc/self/fd/0", "stdin"},  {"/proc/self/fd/1", "stdout"},
		{"/proc/self/fd/2", "stderr"},
	};
	char path[PATH_MAX], host[64];
	int r, fd;

	r = nsk_mount("tmpfs", dst, "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=0755");
	if (r < 0)
		return nsk_err_set(e, r, "cannot mount a tmpfs on %s", dst);
	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		if (join(path, sizeof(path), dst, nodes[i]) < 0)
			return nsk_err_set(e, ENAMETOOLONG, "cannot create %s/%s", dst, nodes[i]);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
		if (fd < 0)
			return nsk_err_set(e, errno, "cannot create %s", path);
		close(fd);
		snprintf(host, sizeof(host), "/dev/%s", nodes[i]);
		r = nsk_mount(host, path, NULL, MS_BIND, NULL);
		if (r < 0)
			return nsk_err_set(e, r, "cannot bind-mount %s on %s", host, path);
	}
	join(path, sizeof(path), dst, "pts");
	if (mkdir(path, 0755) < 0)
		return nsk_err_set(e, errno, "cannot create %s", path);
	/* newinstance: a devpts of its own, not the host's terminals. No gid=5:
	 * that group may not exist in a user namespace. */
	r = nsk_mount("devpts", path, "devpts", MS_NOSUID | MS_NOEXEC,
		     "newinstance,ptmxmode=0666,mode=620");
	if (r < 0)
		return nsk_err_set(e, r, "cannot mount devpts on %s", path);
	join(path, sizeof(path), dst, "shm");
	if (mkdir(path, 01777) < 0)
		return nsk_err_set(e, errno, "cannot create %s", path);
	r = nsk_mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777");
	if (r < 0)
		return nsk_err_set(e, r, "cannot mount a tmpfs on %s", path);
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		join(path, sizeof(path), dst, links[i][1]);
		if (symlink(links[i][0], path) < 0)
			return nsk_err_set(e, errno, "cannot create the symlink %s", path);
	}
	return 0;
}

/* The path of DST without its trailing and doubled slashes. */
static size_t clean_len(const char *dst)
{
	size_t n = strlen(dst);

	while (n > 1 && dst[n - 1] == '/')
		n--;
	return n;
}

bool nsk_mount_on_own_tmpfs(const struct nsk_mount_op *ops, size_t i)
{
	for (size_t j = 0; j < i; j++) {
		size_t n;

		if (ops[j].kind != NSK_MOUNT_TMPFS && ops[j].kind != NSK_MOUNT_DEV)
			continue;
		n = clean_len(ops[j].dst);
		if (strncmp(ops[i].dst, ops[j].dst, n) == 0 && ops[i].dst[n] == '/')
			return true;
	}
	return false;
}

/* Creates the missing mount point DST (and its missing parents) on a tmpfs
 * of the container: an empty file for a bind of something that is not a
 * directory, else a directory. */
static int create_mount_point(const struct nsk_mount_op *op, char *dst)
{
	struct stat st;
	bool file = (op->kind == NSK_MOUNT_BIND || op->kind == NSK_MOUNT_RO_BIND) &&
		    stat(op->src, &st) == 0 && !S_ISDIR(st.st_mode);
	int fd;

	for (char *p = dst + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (access(dst, F_OK) < 0 && traced(mkdir(dst, 0755), "mkdir", dst) < 0) {
			*p = '/';
			return -errno;
		}
		*p = '/';
	}
	if (!file)
		return traced(mkdir(dst, 0755), "mkdir", dst);
	fd = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		return -errno;
	close(fd);
	nsk_trace("open(\"%s\", O_CREAT|O_EXCL) = 0", dst);
	return 0;
}

int nsk_mount_apply(const struct nsk_mount_op *op, const char *root, bool create, struct nsk_err *e)
{
	char dst[PATH_MAX];
	int r;

	if (join(dst, sizeof(dst), root, op->dst) < 0)
		return nsk_err_set(e, ENAMETOOLONG, "cannot mount on %s", op->dst);
	/* Nothing is created on the caller's file systems: a missing mount
	 * point is an error, not a new directory in someone's tree; on a
	 * tmpfs of the container's own it is made. */
	if (access(dst, F_OK) < 0) {
		r = -errno;
		if (r == -ENOENT && create)
			r = create_mount_point(op, dst);
		if (r < 0)
			return nsk_err_set(e, r, "cannot mount on %s", dst);
	}
	switch (op->kind) {
	case NSK_MOUNT_BIND:
	case NSK_MOUNT_RO_BIND:
		return nsk_mount_bind(op->src, dst, op->kind == NSK_MOUNT_RO_BIND, e);
	case NSK_MOUNT_TMPFS:
		return nsk_mount_tmpfs(dst, op->data, e);
	case NSK_MOUNT_DEV:
		return nsk_mount_dev(dst, e);
	case NSK_MOUNT_SYS:
		return nsk_mount_sysfs(dst, e);
	case NSK_MOUNT_PROC:
		return nsk_mount_proc(dst, e);
	}
	return nsk_err_set(e, EINVAL, "cannot mount on %s", dst);
}

int nsk_mount_pivot_root(const char *root, struct nsk_err *e)
{
	int r;

	r = traced(chdir(root) < 0 ? -1 : 0, "chdir", root);
	if (r < 0)
		return nsk_err_set(e, r, "cannot change directory to %s", root);
	/* pivot_root(".", ".") stacks the old root on top of the new one;
	 * detaching "." then removes it, with no put_old directory needed. */
	r = traced((int)syscall(SYS_pivot_root, ".", "."), "pivot_root", "\".\", \".\"");
	if (r < 0)
		return nsk_err_set(e, r, "cannot pivot_root to %s", root);
	r = traced(umount2(".", MNT_DETACH), "umount2", "\".\", MNT_DETACH");
	if (r < 0)
		return nsk_err_set(e, r, "cannot detach the old root");
	r = traced(chdir("/"), "chdir", "\"/\"");
	if (r < 0)
		return nsk_err_set(e, r, "cannot change directory to the new root");
	return 0;
}

int nsk_mount_chroot(const char *root, struct nsk_err *e)
{
	int r;

	r = traced(chdir(root) < 0 ? -1 : 0, "chdir", root);
	if (r < 0)
		return nsk_err_set(e, r, "cannot change directory to %s", root);
	r = traced(chroot("."), "chroot", "\".\"");
	if (r < 0)
		return nsk_err_set(e, r, "cannot chroot to %s", root);
	r = traced(chdir("/"), "chdir", "\"/\"");
	if (r < 0)
		return nsk_err_set(e, r, "cannot change directory to the new root");
	return 0;
}

/* "INNER INNER COUNT" for each line of the map FILE (/proc/self/uid_map,
 * gid_map): the same ids, one user namespace further down. */
static int identity_map(const char *file, char *buf, size_t len)
{
	char raw[4096], *line, *save = NULL;
	size_t used = 0;
	ssize_t n;
	int fd = open(file, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, raw, sizeof(raw) - 1);
	close(fd);
	if (n < 0)
		return -errno;
	raw[n] = '\0';
	buf[0] = '\0';
	for (line = strtok_r(raw, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long inner, outer, count;

		if (sscanf(line, "%lu %lu %lu", &inner, &outer, &count) != 3)
			return -EINVAL;
		used += snprintf(buf + used, used < len ? len - used : 0, "%lu %lu %lu\n", inner,
				 inner, count);
	}
	return used < len ? 0 : -E2BIG;
}

static int write_map(const char *path, const char *map)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t len = (ssize_t)strlen(map);
	int r = 0;

	if (fd < 0)
		return -errno;
	if (len && write(fd, map, len) != len)
		r = -errno;
	close(fd);
	nsk_trace("write(%s, \"%.*s\") = %d", path, (int)strcspn(map, "\n"), map, r);
	return r;
}

int nsk_mount_lock(struct nsk_err *e)
{
	int r = unshare(CLONE_NEWUSER | CLONE_NEWNS) < 0 ? -errno : 0;

	nsk_trace("unshare(CLONE_NEWUSER|CLONE_NEWNS) = %d", r);
	if (r < 0)
		return nsk_err_set(e, r, "cannot create the user namespace that locks the mounts");
	return 0;
}

/* The helper of nsk_mount_lock_maps(): in the outer user namespace, with
 * CAP_SETUID and CAP_SETGID there, copy its ids one level down. */
static noreturn void lock_maps_helper(pid_t pid, int outer)
{
	char map[4096], path[64];
	int r;

	if (setns(outer, CLONE_NEWUSER) < 0)
		_exit(errno);
	nsk_trace("setns(%d, CLONE_NEWUSER) = 0", outer);
	if ((r = identity_map("/proc/self/uid_map", map, sizeof(map))) < 0)
		_exit(-r);
	snprintf(path, sizeof(path), "/proc/%d/uid_map", (int)pid);
	if ((r = write_map(path, map)) < 0)
		_exit(-r);
	if ((r = identity_map("/proc/self/gid_map", map, sizeof(map))) < 0)
		_exit(-r);
	snprintf(path, sizeof(path), "/proc/%d/gid_map", (int)pid);
	if ((r = write_map(path, map)) < 0)
		_exit(-r);
	_exit(0);
}

int nsk_mount_lock_maps(pid_t pid, int pidfd, struct nsk_err *e)
{
	int inner, outer, status;
	pid_t helper;

	inner = nsk_ns_open_pid(pid, pidfd, NSK_USER, false);
	if (inner < 0)
		return nsk_err_set(e, inner, "cannot open the user namespace of %d", (int)pid);
	outer = nsk_ns_get_parent(inner);
	close(inner);
	if (outer < 0)
		return nsk_err_set(e, outer, "cannot open the parent user namespace of %d",
				   (int)pid);
	/* A child of ours joins it, so that nsclone keeps its own privilege
	 * (a user namespace once joined cannot be left). */
	helper = fork();
	if (helper == 0)
		lock_maps_helper(pid, outer);
	close(outer);
	if (helper < 0)
		return nsk_err_set(e, errno, "cannot fork the id map helper");
	while (waitpid(helper, &status, 0) < 0)
		if (errno != EINTR)
			return nsk_err_set(e, errno, "cannot wait for the id map helper");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return nsk_err_set(e, WIFEXITED(status) ? WEXITSTATUS(status) : ECHILD,
				   "cannot write the id maps of %d in the user namespace that "
				   "locks its mounts",
				   (int)pid);
	return 0;
}
