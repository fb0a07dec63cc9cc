/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NSK_IDMAP_H
#define NSK_IDMAP_H

#endif
