/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * krbap module-wide definitions.
 */
#ifndef KRBAP_INTERNAL_H
#define KRBAP_INTERNAL_H

#ifndef KRBAP_VERSION
#define KRBAP_VERSION	"unknown"
#endif

#endif /* KRBAP_INTERNAL_H */
