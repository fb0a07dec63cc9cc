/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NSK_OUTPUT_H
#define NSK_OUTPUT_H

#endif
