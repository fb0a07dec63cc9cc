// SPDX-License-Identifier: GPL-2.0-or-later
/* pin.c - bind mounts of nsfs files: pin, pin sets, the shared pin dir, unpin. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compat.h"
#include "msg.h"
#include "pin.h"

#ifndef UMOUNT_NOFOLLOW
#define UMOUNT_NOFOLLOW 0x8 /* 2.6.34 */
#endif

static int fail(struct nsk_pin_error *err, const char *op, const char *path, int r)
{
	if (err) {
		err->op = op;
		err->type = -1;
		snprintf(err->path, sizeof(err->path), "%s", path);
	}
	return r;
}

/* The return value of a system call for the -v trace: 0 or -errno. */
static int rc(int r)
{
	return r < 0 ? -errno : r;
}

int nsk_pin_name_check(const char *name)
{
	if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strchr(name, '/') ||
	    strchr(name, '\n'))
		return -EINVAL;
	if (strlen(name) > NAME_MAX)
		return -ENAMETOOLONG;
	return 0;
}

int nsk_pin_top_lock(const char *top)
{
	int fd = open(top, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX) < 0) {
		int r = -errno;

		close(fd);
		return r;
	}
	return fd;
}

int nsk_pin_top_setup(const char *top, struct nsk_undo *undo, struct nsk_pin_error *err)
{
	struct stat fst, pst;
	int fd, r;

	for (int tries = 0;; tries++) {
		if (mkdir(top, 0755) == 0) {
			nsk_trace("mkdir(\"%s\", 0755) = 0", top);
			r = nsk_undo_push(undo, NSK_UNDO_RMDIR, top);
			if (r < 0)
				return fail(err, "mkdir", top, r);
		} else if (errno != EEXIST) {
			return fail(err, "mkdir", top, -errno);
		}
		fd = nsk_pin_top_lock(top);
		if (fd < 0)
			return fail(err, "lock", top, fd);
		/* A failed add may have removed TOP while we waited for the lock. */
		if (fstat(fd, &fst) == 0 && fst.st_nlink > 0 && stat(top, &pst) == 0 &&
		    fst.st_ino == pst.st_ino)
			break;
		close(fd);
		if (tries == 3)
			return fail(err, "lock", top, -ESTALE);
	}

	/* iproute2's recipe for /run/netns: shared if it is a mount point,
	 * else first a bind mount of itself (EINVAL: not a mount point). No
	 * MS_REC: the private mounts of mount-namespace pins stay private. */
	r = rc(mount("", top, "none", MS_SHARED, NULL));
	nsk_trace("mount(\"\", \"%s\", \"none\", MS_SHARED, NULL) = %d", top, r);
	if (r == -EINVAL) {
		r = rc(mount(top, top, "none", MS_BIND | MS_REC, NULL));
		nsk_trace("mount(\"%s\", \"%s\", \"none\", MS_BIND|MS_REC, NULL) = %d", top, top,
			  r);
		if (r == 0)
			r = nsk_undo_push(undo, NSK_UNDO_UMOUNT, top);
		if (r == 0) {
			r = rc(mount("", top, "none", MS_SHARED, NULL));
			nsk_trace("mount(\"\", \"%s\", \"none\", MS_SHARED, NULL) = %d", top, r);
		}
	}
	if (r < 0) {
		close(fd);
		return fail(err, "share", top, r);
	}
	return fd;
}

bool nsk_pin_is_own_mntns(const struct nsk_ns *ns)
{
	struct stat st;

	return ns->type == NSK_MNT && stat("/proc/self/ns/mnt", &st) == 0 && st.st_ino == ns->ino &&
	       st.st_dev == ns->dev;
}

/* Mounts the namespace file NSFD on PATH. */
static int bind_ns(int nsfd, const char *path)
{
	char src[64];
	int tfd, r;

	/* 5.2: clone the nsfs file straight from the fd, no /proc needed. */
	tfd = open_tree(nsfd, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH);
	if (tfd >= 0) {
		nsk_trace("open_tree(%d, \"\", OPEN_TREE_CLONE|AT_EMPTY_PATH) = %d", nsfd, tfd);
		r = rc(move_mount(tfd, "", AT_FDCWD, path, MOVE_MOUNT_F_EMPTY_PATH));
		nsk_trace("move_mount(%d, \"\", AT_FDCWD, \"%s\", MOVE_MOUNT_F_EMPTY_PATH) = %d",
			  tfd, path, r);
		close(tfd);
		return r;
	}
	if (errno != ENOSYS)
		return -errno;
	snprintf(src, sizeof(src), "/proc/self/fd/%d", nsfd);
	r = rc(mount(src, path, "none", MS_BIND, NULL));
	nsk_trace("mount(\"%s\", \"%s\", \"none\", MS_BIND, NULL) = %d", src, path, r);
	return r;
}

static int pin_fd(int nsfd, const struct nsk_ns *ns, const char *path, unsigned int flags,
		  struct nsk_undo *undo, struct nsk_pin_error *err);

int nsk_pin_fd(int nsfd, const char *path, unsigned int flags, struct nsk_undo *undo,
	       struct nsk_pin_error *err)
{
	struct nsk_ns ns;
	int r;

	r = nsk_ns_identify(nsfd, &ns);
	if (r < 0)
		return fail(err, "open", path, r);
	r = pin_fd(nsfd, &ns, path, flags, undo, err);
	if (r < 0 && err)
		err->type = ns.type;
	return r;
}

static int pin_fd(int nsfd, const struct nsk_ns *ns, const char *path, unsigned int flags,
		  struct nsk_undo *undo, struct nsk_pin_error *err)
{
	struct stat st;
	int fd, r;

	/* The kernel would refuse it last (EINVAL): refuse it before any file
	 * or private bind exists, so that nothing has to be undone. */
	if (nsk_pin_is_own_mntns(ns))
		return fail(err, "mount", path, -EINVAL);

	fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0444);
	if (fd >= 0) {
		close(fd);
		nsk_trace("open(\"%s\", O_CREAT|O_EXCL, 0444) = 0", path);
		r = nsk_undo_push(undo, NSK_UNDO_UNLINK, path);
		if (r < 0)
			return fail(err, "create", path, r);
	} else if (errno == EEXIST && (flags & NSK_PIN_EXISTING)) {
		if (lstat(path, &st) < 0)
			return fail(err, "create", path, -errno);
		if (!S_ISREG(st.st_mode) || nsk_is_pin(path))
			return fail(err, "create", path, -EEXIST);
	} else {
		return fail(err, "create", path, -errno);
	}

	if (ns->type == NSK_MNT) {
		/* A mount namespace may not be pinned on a mount that propagates
		 * (the shared pin directory): give the file a private mount. */
		r = rc(mount(path, path, "none", MS_BIND, NULL));
		nsk_trace("mount(\"%s\", \"%s\", \"none\", MS_BIND, NULL) = %d", path, path, r);
		if (r == 0)
			r = nsk_undo_push(undo, NSK_UNDO_UMOUNT, path);
		if (r == 0) {
			r = rc(mount("none", path, "none", MS_PRIVATE, NULL));
			nsk_trace("mount(\"none\", \"%s\", \"none\", MS_PRIVATE, NULL) = %d", path,
				  r);
		}
		if (r < 0)
			return fail(err, "mount", path, r);
	}
	r = bind_ns(nsfd, path);
	if (r == 0)
		r = nsk_undo_push(undo, NSK_UNDO_UMOUNT, path);
	if (r < 0)
		return fail(err, "mount", path, r);
	return 0;
}

int nsk_pin_path(const char *nspath, const char *path, unsigned int flags, struct nsk_undo *undo,
		 struct nsk_pin_error *err)
{
	int fd = nsk_ns_open(nspath);
	int r;

	if (fd < 0)
		return fail(err, "open", nspath, fd);
	r = nsk_pin_fd(fd, path, flags, undo, err);
	close(fd);
	return r;
}

int nsk_pin_set(const char *dir, const int fds[NSK_NTYPES], unsigned int flags,
		struct nsk_undo *undo, struct nsk_pin_error *err)
{
	char path[4096];
	int r, fd;

	if (mkdir(dir, 0755) == 0) {
		nsk_trace("mkdir(\"%s\", 0755) = 0", dir);
		r = nsk_undo_push(undo, NSK_UNDO_RMDIR, dir);
		if (r < 0)
			return fail(err, "mkdir", dir, r);
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, NSK_PIN_MARKER) >=
		    sizeof(path))
			return fail(err, "create", dir, -ENAMETOOLONG);
		fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0444);
		if (fd < 0)
			return fail(err, "create", path, -errno);
		close(fd);
		r = nsk_undo_push(undo, NSK_UNDO_UNLINK, path);
		if (r < 0)
			return fail(err, "create", path, r);
	} else if (errno != EEXIST) {
		return fail(err, "mkdir", dir, -errno);
	} else {
		struct stat st;

		/* A DIR that is a symlink would lead the pins out of the pin
		 * directory, where del (which never follows one) cannot reach
		 * them: -ELOOP, as O_NOFOLLOW says it. */
		if (lstat(dir, &st) < 0)
			return fail(err, "mkdir", dir, -errno);
		if (!S_ISDIR(st.st_mode))
			return fail(err, "mkdir", dir, S_ISLNK(st.st_mode) ? -ELOOP : -ENOTDIR);
	}
	for (int t = 0; t < NSK_NTYPES; t++) {
		if (fds[t] < 0)
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, nsk_types[t].name) >=
		    sizeof(path))
			return fail(err, "create", dir, -ENAMETOOLONG);
		r = nsk_pin_fd(fds[t], path, flags, undo, err);
		if (r < 0)
			return r;
	}
	return 0;
}

/* A path for NAME in DIRFD that umount2() can take: through /proc/self/fd, so
 * that no symlink in the caller's path can lead out of the directory. */
static void at_path(char *buf, size_t len, int dirfd, const char *name)
{
	if (dirfd == AT_FDCWD)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "/proc/self/fd/%d/%s", dirfd, name);
}

/* PATH as the -v trace shows it: the directory's own path, not
 * /proc/self/fd/N, so that the reader sees which pin goes. */
static void shown_path(char *buf, size_t len, int dirfd, const char *name)
{
	char link[64];
	ssize_t n = 0;

	if (dirfd != AT_FDCWD) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
		n = readlink(link, buf, len - 1);
		if (n < 0)
			n = 0;
		buf[n++] = '/';
	}
	snprintf(buf + n, len - n, "%s", name);
}

int nsk_unpinat(int dirfd, const char *name, bool keep_file, struct nsk_ns *was)
{
	char path[4096 + 64], shown[4096 + 64] = "";
	struct nsk_ns ns;
	struct stat st;
	int fd, r;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return -errno;
	if (!S_ISREG(st.st_mode))
		return -EINVAL;
	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	r = nsk_ns_identify(fd, &ns);
	close(fd);
	if (r < 0)
		return -EINVAL;
	if (was)
		*was = ns;

	at_path(path, sizeof(path), dirfd, name);
	if (nsk_verbose)
		shown_path(shown, sizeof(shown), dirfd, name);
	/* The nsfs mount, then for a mount namespace the private bind below it.
	 * Lazily: a process that entered the namespace through the pin keeps it. */
	r = rc(umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW));
	nsk_trace("umount2(\"%s\", MNT_DETACH|UMOUNT_NOFOLLOW) = %d", shown, r);
	if (r < 0)
		return r;
	if (ns.type == NSK_MNT) {
		r = rc(umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW));
		nsk_trace("umount2(\"%s\", MNT_DETACH|UMOUNT_NOFOLLOW) = %d", shown, r);
	}
	if (keep_file)
		return 0;
	r = rc(unlinkat(dirfd, name, 0));
	nsk_trace("unlink(\"%s\") = %d", shown, r);
	return r;
}

int nsk_unpin_set(const char *dir, unsigned int *types, struct nsk_ns was[NSK_NTYPES])
{
	unsigned int mask = 0;
	bool removed = false;
	int dfd, r, first = 0;

	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	for (int t = 0; t < NSK_NTYPES; t++) {
		r = nsk_unpinat(dfd, nsk_types[t].name, false, was ? &was[t] : NULL);
		if (r == 0)
			mask |= NSK_TYPE_BIT(t);
		else if (r != -ENOENT && r != -EINVAL && !first)
			first = r;
	}
	if (types)
		*types = mask;
	if (!first && faccessat(dfd, NSK_PIN_MARKER, F_OK, AT_SYMLINK_NOFOLLOW) == 0 &&
	    unlinkat(dfd, NSK_PIN_MARKER, 0) == 0) {
		/* nsk_pin_set() made DIR: remove it, unless something else is in it
		 * (then it stays, marked, for a later del). */
		r = rc(rmdir(dir));
		nsk_trace("rmdir(\"%s\") = %d", dir, r);
		if (r == 0) {
			removed = true;
		} else {
			int fd = openat(dfd, NSK_PIN_MARKER,
					O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0444);

			if (fd >= 0)
				close(fd);
			if (r != -ENOTEMPTY && r != -EEXIST)
				first = r;
		}
	}
	close(dfd);
	if (!first && !mask && !removed)
		return -ENOENT;
	return first;
}

bool nsk_is_pin(const char *path)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	bool pin;

	if (fd < 0)
		return false;
	pin = nsk_fd_is_nsfs(fd);
	close(fd);
	return pin;
}

const char *nsk_pin_hint(int err, enum nsk_type type, int nsfd)
{
	struct nsk_ns ns;

	switch (err < 0 ? -err : err) {
	case EINVAL:
		if (type != NSK_MNT)
			return "the pin file must be on a mount that can hold a bind mount";
		if (nsfd >= 0 && nsk_ns_identify(nsfd, &ns) == 0 && nsk_pin_is_own_mntns(&ns))
			return "a mount namespace cannot be pinned inside itself (the pin would "
			       "hold its own mount tree); run the pin from the parent mount "
			       "namespace, e.g. from a shell outside it";
		return "a mount namespace can be pinned only from an older (parent) mount "
		       "namespace; run the pin from the mount namespace it was made from";
	case EPERM:
	case EACCES:
		return "pinning needs CAP_SYS_ADMIN in the user namespace that owns the current "
		       "mount namespace (run as root, or inside nsunshare -U -r -m)";
	case EEXIST:
		return "a file or pin is already there: remove it with nspin del, or pick "
		       "another name";
	case EROFS:
		return "the pin directory is on a read-only file system; set NSPIN_DIR";
	}
	return NULL;
}
