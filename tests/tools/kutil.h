/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the MIT krb5 test tools (krbap-client, mit-accept,
 * gss-client); the krb5-free part is in runcmd.h.
 */
#ifndef KRBAP_TESTS_KUTIL_H
#define KRBAP_TESTS_KUTIL_H

#include <stdbool.h>
#include <stdio.h>
#include <krb5.h>

#include "runcmd.h"

extern krb5_context kctx;

/* kctx, with the allowed clock skew set to clockskew seconds if > 0. */
void init_context(long clockskew);
/* Exit 2 with a message; with a krb5 error when ret is not 0. */
void __attribute__((noreturn, format(printf, 2, 3)))
fatal(krb5_error_code ret, const char *fmt, ...);

/* "aes256-cts-hmac-sha1-96", "aes256-cts", "rc4-hmac" or "18". */
int parse_enctype(const char *s, krb5_enctype *out);
/* MIT's long name ("aes256-cts-hmac-sha1-96"), or the number. */
const char *enctype_name(krb5_enctype e, char *buf, size_t len);
/* RFC 4120 name of a krb5 error ("KRB_AP_ERR_REPEAT"), else NULL. */
const char *krb_error_name(krb5_error_code ret);
/* Whole file into d (malloc'd); 0 or -errno. */
int read_file(const char *path, krb5_data *d);
/* A JSON string literal. */
void json_str(FILE *f, const char *s);

#endif
