/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * undo.h - the side effects a tool made outside itself (a mount, a file, a
 * directory, a /run/netns entry), pushed as they happen, undone in reverse
 * order when a later step fails, forgotten when the whole job succeeded.
 *
 *	struct nsk_undo undo = NSK_UNDO_INIT;
 *	if (mkdir(dir, 0755) == 0 && (r = nsk_undo_push(&undo, NSK_UNDO_RMDIR, dir)) < 0)
 *		goto fail;	// the push already removed DIR
 *	...
 *	nsk_undo_forget(&undo);	// success: keep everything
 *	return 0;
 * fail:
 *	nsk_undo_run(&undo);	// failure: remove everything, newest first
 */
#ifndef NSK_UNDO_H
#define NSK_UNDO_H

#include <stddef.h>

enum nsk_undo_kind {
	NSK_UNDO_UMOUNT, /* umount2(path, MNT_DETACH | UMOUNT_NOFOLLOW) */
	NSK_UNDO_UNLINK, /* unlink(path) */
	NSK_UNDO_RMDIR,	 /* rmdir(path) */
	NSK_UNDO_CALL,	 /* fn(arg): anything else (kill a helper, close an fd) */
};

struct nsk_undo_step {
	enum nsk_undo_kind kind;
	char *path;	       /* UMOUNT, UNLINK, RMDIR: a copy */
	void (*fn)(void *arg); /* CALL */
	void *arg;	       /* CALL */
};

struct nsk_undo {
	struct nsk_undo_step *steps;
	size_t n, cap;
};

#define NSK_UNDO_INIT                                                                              \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/*
 * Records that PATH was just mounted on, created or made a directory. Call it
 * right after the side effect. Returns 0, or -ENOMEM: the list could not grow,
 * so the step was undone at once and the caller only has to fail.
 */
int nsk_undo_push(struct nsk_undo *undo, enum nsk_undo_kind kind, const char *path);

/* Records FN(ARG) to be called on failure. Returns 0, or -ENOMEM after
 * calling FN(ARG) at once. */
int nsk_undo_push_call(struct nsk_undo *undo, void (*fn)(void *arg), void *arg);

/* The number of steps recorded so far: a mark for nsk_undo_run_to(). */
size_t nsk_undo_mark(const struct nsk_undo *undo);

/* Undoes the steps recorded after MARK, newest first, and drops them. Each
 * step is tried once; the first error seen is returned as -errno (0 when all
 * went well), and the remaining steps are still tried. */
int nsk_undo_run_to(struct nsk_undo *undo, size_t mark);

/* Undoes every step, newest first, and frees the list. Returns as above. */
int nsk_undo_run(struct nsk_undo *undo);

/* Success: keeps every side effect, frees the list. */
void nsk_undo_forget(struct nsk_undo *undo);

#endif
