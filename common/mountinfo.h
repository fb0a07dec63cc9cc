/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NSK_MOUNTINFO_H
#define NSK_MOUNTINFO_H

#endif
