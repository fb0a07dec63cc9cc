/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pin.h - keeping a namespace alive with no process in it: a bind mount of its
 * nsfs file on a file (a "pin"), sets of pins in a directory (DIR/TYPE), the
 * shared pin directory ($NSPIN_DIR, /run/netns), and removing pins again.
 *
 * Every side effect is pushed on the caller's undo list as it happens; on a
 * failure the functions return -errno and leave what they did on that list, so
 * the caller runs nsk_undo_run() once for the whole job (all or nothing).
 *
 * Used by nspin (add/del), nsunshare and nsclone (=PIN, --pin DIR). A pin of a
 * mount namespace can be made only from an older mount namespace than the one
 * pinned: nsunshare pins from a helper left in the parent namespaces, nsclone
 * from the parent, which opens /proc/CHILD/ns/TYPE and passes the fd here.
 */
#ifndef NSK_PIN_H
#define NSK_PIN_H

#include <stdbool.h>

#include "nsfs.h"
#include "nstype.h"
#include "undo.h"

/* The file in a pin directory that says "nsk_pin_set() created this
 * directory": nsk_unpin_set() removes the directory only when it is there. */
#define NSK_PIN_MARKER ".nspin"

/* The directory that iproute2 uses for named network namespaces. */
#define NSK_NETNS_DIR "/run/netns"

/* nsk_pin_fd() flags */
enum {
	/* Bind over a pin file that already exists (an empty regular file, as
	 * `touch F; unshare --net=F` expects); it is not created, so it is
	 * neither recorded for undo nor removed later. Without this flag an
	 * existing file is -EEXIST, as with `ip netns add`. */
	NSK_PIN_EXISTING = 1u << 0,
};

/* Where a pin operation failed, for the caller's one message. */
struct nsk_pin_error {
	const char *op; /* "mkdir", "lock", "share", "open", "create", "mount" */
	int type;	/* the type of the namespace being pinned, or -1 */
	char path[4096];
};

/*
 * Checks a pin name (NAME of `nspin add NAME`, /run/netns/NAME): not empty,
 * not "." or "..", no '/', no newline, at most NAME_MAX bytes.
 * Returns 0 or -EINVAL (-ENAMETOOLONG when too long).
 */
int nsk_pin_name_check(const char *name);

/* Opens TOP and takes flock(LOCK_EX) on it, so that adds and dels of pins
 * under it queue up. Returns the fd (close it to unlock) or -errno. */
int nsk_pin_top_lock(const char *top);

/*
 * Makes TOP ($NSPIN_DIR, /run/netns) ready to hold pins, as iproute2 does with
 * /run/netns: created (0755) when missing, made a bind mount on itself when it
 * is not a mount point, and MS_SHARED, so that pins added later appear in mount
 * namespaces made after this. Done under flock(TOP), which stays held until
 * the returned fd is closed so that concurrent adds and dels queue up.
 * Returns the lock fd, or -errno (ERR says which step).
 */
int nsk_pin_top_setup(const char *top, struct nsk_undo *undo, struct nsk_pin_error *err);

/*
 * Pins the namespace NSFD at PATH: the file is created O_CREAT|O_EXCL
 * (recorded for undo), then the nsfs file is bind-mounted on it
 * (open_tree(OPEN_TREE_CLONE) + move_mount(), 5.2; mount(MS_BIND) of
 * /proc/self/fd/N before). A mount namespace first gets a private bind of the
 * pin file onto itself, so that the pin never sits on a mount that propagates
 * (the kernel refuses that). Returns 0 or -errno:
 * -EEXIST PATH exists; -EINVAL the kernel refused (see nsk_pin_hint());
 * -EPERM no CAP_SYS_ADMIN over the current mount namespace.
 */
int nsk_pin_fd(int nsfd, const char *path, unsigned int flags, struct nsk_undo *undo,
	       struct nsk_pin_error *err);

/* nsk_pin_fd() on the namespace file NSPATH (/proc/PID/ns/TYPE, a pin). */
int nsk_pin_path(const char *nspath, const char *path, unsigned int flags, struct nsk_undo *undo,
		 struct nsk_pin_error *err);

/*
 * Pins FDS[t] (each >= 0; -1 to skip) at DIR/TYPE. DIR is created when missing,
 * with NSK_PIN_MARKER in it so that nsk_unpin_set() removes it again; a DIR
 * that existed stays; a DIR that is a symlink is refused (-ELOOP), never followed.
 * Returns 0 or -errno.
 */
int nsk_pin_set(const char *dir, const int fds[NSK_NTYPES], unsigned int flags,
		struct nsk_undo *undo, struct nsk_pin_error *err);

/*
 * Removes the pin NAME in the directory DIRFD (AT_FDCWD: a path): detaches the
 * nsfs mount and, for a mount namespace, the private bind below it, then
 * unlinks the file unless KEEP_FILE. A symlink is never followed: a pin is a
 * file. *WAS (may be NULL) receives the namespace that was pinned.
 * Returns 0 or -errno: -EINVAL NAME is not a pin (no nsfs mount on it).
 */
int nsk_unpinat(int dirfd, const char *name, bool keep_file, struct nsk_ns *was);

/*
 * Removes every DIR/TYPE pin, then the marker and DIR itself when
 * nsk_pin_set() created it and nothing else is in it. DIR is opened without
 * following a symlink. *TYPES (may be NULL) receives the set of types
 * unpinned, WAS[t] (may be NULL) what each pinned. Returns 0, -ENOENT when
 * there was nothing to remove, or -errno.
 */
int nsk_unpin_set(const char *dir, unsigned int *types, struct nsk_ns was[NSK_NTYPES]);

/* Returns true when NS is the caller's own mount namespace, which the kernel
 * never lets it pin (EINVAL). */
bool nsk_pin_is_own_mntns(const struct nsk_ns *ns);

/* Returns true when PATH (not followed) is a pin: an nsfs file mounted there. */
bool nsk_is_pin(const char *path);

/*
 * The hint for a failed pin of namespace NSFD (type TYPE), or NULL:
 * EINVAL on a mount namespace says why (its own mount namespace, or an older
 * one) and what to do; EPERM which capability is missing.
 */
const char *nsk_pin_hint(int err, enum nsk_type type, int nsfd);

#endif
