/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef NSK_PIN_H
#define NSK_PIN_H

#endif
