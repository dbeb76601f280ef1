/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * krbap module-wide definitions.
 */
#ifndef KRBAP_INTERNAL_H
#define KRBAP_INTERNAL_H

#define KRBAP_VERSION	"0.1.0"

#endif /* KRBAP_INTERNAL_H */
