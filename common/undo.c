// SPDX-License-Identifier: GPL-2.0-or-later
/* undo.c - an undo list of side effects outside the process. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "msg.h"
#include "undo.h"

#ifndef UMOUNT_NOFOLLOW
#define UMOUNT_NOFOLLOW 0x8 /* 2.6.34 */
#endif

static int undo_step(const struct nsk_undo_step *s)
{
	int r = 0;

	switch (s->kind) {
	case NSK_UNDO_UMOUNT:
		/* Lazy: a process that entered the pin keeps it, the path is free now. */
		r = umount2(s->path, MNT_DETACH | UMOUNT_NOFOLLOW);
		nsk_trace("undo: umount2(\"%s\", MNT_DETACH) = %d", s->path, r < 0 ? -errno : 0);
		break;
	case NSK_UNDO_UNLINK:
		r = unlink(s->path);
		nsk_trace("undo: unlink(\"%s\") = %d", s->path, r < 0 ? -errno : 0);
		break;
	case NSK_UNDO_RMDIR:
		r = rmdir(s->path);
		nsk_trace("undo: rmdir(\"%s\") = %d", s->path, r < 0 ? -errno : 0);
		break;
	case NSK_UNDO_CALL:
		s->fn(s->arg);
		return 0;
	}
	return r < 0 ? -errno : 0;
}

static int undo_push(struct nsk_undo *undo, const struct nsk_undo_step *step)
{
	struct nsk_undo_step s = *step;

	if (s.kind != NSK_UNDO_CALL && !(s.path = strdup(step->path)))
		goto nomem;
	if (undo->n == undo->cap) {
		size_t cap = undo->cap ? 2 * undo->cap : 8;
		struct nsk_undo_step *v = realloc(undo->steps, cap * sizeof(*v));

		if (!v) {
			free(s.path);
			goto nomem;
		}
		undo->steps = v;
		undo->cap = cap;
	}
	undo->steps[undo->n++] = s;
	return 0;
nomem:
	/* The side effect exists and cannot be recorded: undo it now. */
	undo_step(step);
	return -ENOMEM;
}

int nsk_undo_push(struct nsk_undo *undo, enum nsk_undo_kind kind, const char *path)
{
	struct nsk_undo_step s = {.kind = kind, .path = (char *)path};

	if (kind == NSK_UNDO_CALL)
		return -EINVAL;
	return undo_push(undo, &s);
}

int nsk_undo_push_call(struct nsk_undo *undo, void (*fn)(void *arg), void *arg)
{
	struct nsk_undo_step s = {.kind = NSK_UNDO_CALL, .fn = fn, .arg = arg};

	return undo_push(undo, &s);
}

size_t nsk_undo_mark(const struct nsk_undo *undo)
{
	return undo->n;
}

int nsk_undo_run_to(struct nsk_undo *undo, size_t mark)
{
	int first = 0;

	while (undo->n > mark) {
		struct nsk_undo_step *s = &undo->steps[--undo->n];
		int r = undo_step(s);

		if (r < 0 && !first)
			first = r;
		free(s->path);
	}
	return first;
}

int nsk_undo_run(struct nsk_undo *undo)
{
	int r = nsk_undo_run_to(undo, 0);

	nsk_undo_forget(undo);
	return r;
}

void nsk_undo_forget(struct nsk_undo *undo)
{
	for (size_t i = 0; i < undo->n; i++)
		free(undo->steps[i].path);
	free(undo->steps);
	*undo = (struct nsk_undo)NSK_UNDO_INIT;
}
