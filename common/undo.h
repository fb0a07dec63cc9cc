/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NSK_UNDO_H
#define NSK_UNDO_H

#endif
