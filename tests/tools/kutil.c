// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers shared by the MIT krb5 test tools (krbap-client, mit-accept).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kutil.h"

krb5_context kctx;

/*
 * The allowed skew lives only in the profile: put a file with it in front
 * of the caller's KRB5_CONFIG, so everything else still comes from there.
 */
void init_context(long clockskew)
{
	char path[] = "/tmp/krbap-tool.XXXXXX";
	const char *old = getenv("KRB5_CONFIG");
	char *conf = NULL, *list = NULL;
	int fd = -1;

	if (clockskew <= 0)
		goto init;
	fd = mkstemp(path);
	if (fd < 0)
		fatal(0, "mkstemp: %s", strerror(errno));
	if (asprintf(&conf, "[libdefaults]\n\tclockskew = %ld\n", clockskew) < 0 ||
	    asprintf(&list, "%s:%s", path, old ? old : "/etc/krb5.conf") < 0)
		fatal(0, "out of memory");
	if (write(fd, conf, strlen(conf)) != (ssize_t)strlen(conf))
		fatal(0, "%s: %s", path, strerror(errno));
	close(fd);
	setenv("KRB5_CONFIG", list, 1);
init:
	if (krb5_init_context(&kctx))
		fatal(0, "krb5_init_context failed");
	if (fd >= 0) {
		unlink(path);
		if (old)
			setenv("KRB5_CONFIG", old, 1);
		else
			unsetenv("KRB5_CONFIG");
	}
	free(conf);
	free(list);
}

void fatal(krb5_error_code ret, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", prog);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (ret) {
		const char *m = krb5_get_error_message(kctx, ret);

		fprintf(stderr, ": %s", m);
		krb5_free_error_message(kctx, m);
	}
	fputc('\n', stderr);
	exit(2);
}

int parse_enctype(const char *s, krb5_enctype *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*s && !*end && !errno && n > 0 && n < 0x10000) {
		if (!krb5_c_valid_enctype(n))
			return -1;
		*out = n;
		return 0;
	}
	return krb5_string_to_enctype((char *)s, out) ? -1 : 0;
}

const char *enctype_name(krb5_enctype e, char *buf, size_t len)
{
	if (krb5_enctype_to_name(e, FALSE, buf, len))
		snprintf(buf, len, "%d", (int)e);
	return buf;
}

/* RFC 4120 7.5.9; codes MIT does not name in the RFC's terms are omitted. */
static const char *const rfc_names[] = {
	[0] = "KDC_ERR_NONE",
	[1] = "KDC_ERR_NAME_EXP",
	[2] = "KDC_ERR_SERVICE_EXP",
	[3] = "KDC_ERR_BAD_PVNO",
	[4] = "KDC_ERR_C_OLD_MAST_KVNO",
	[5] = "KDC_ERR_S_OLD_MAST_KVNO",
	[6] = "KDC_ERR_C_PRINCIPAL_UNKNOWN",
	[7] = "KDC_ERR_S_PRINCIPAL_UNKNOWN",
	[8] = "KDC_ERR_PRINCIPAL_NOT_UNIQUE",
	[9] = "KDC_ERR_NULL_KEY",
	[10] = "KDC_ERR_CANNOT_POSTDATE",
	[11] = "KDC_ERR_NEVER_VALID",
	[12] = "KDC_ERR_POLICY",
	[13] = "KDC_ERR_BADOPTION",
	[14] = "KDC_ERR_ETYPE_NOSUPP",
	[15] = "KDC_ERR_SUMTYPE_NOSUPP",
	[16] = "KDC_ERR_PADATA_TYPE_NOSUPP",
	[17] = "KDC_ERR_TRTYPE_NOSUPP",
	[18] = "KDC_ERR_CLIENT_REVOKED",
	[19] = "KDC_ERR_SERVICE_REVOKED",
	[20] = "KDC_ERR_TGT_REVOKED",
	[21] = "KDC_ERR_CLIENT_NOTYET",
	[22] = "KDC_ERR_SERVICE_NOTYET",
	[23] = "KDC_ERR_KEY_EXPIRED",
	[24] = "KDC_ERR_PREAUTH_FAILED",
	[25] = "KDC_ERR_PREAUTH_REQUIRED",
	[26] = "KDC_ERR_SERVER_NOMATCH",
	[27] = "KDC_ERR_MUST_USE_USER2USER",
	[28] = "KDC_ERR_PATH_NOT_ACCEPTED",
	[29] = "KDC_ERR_SVC_UNAVAILABLE",
	[31] = "KRB_AP_ERR_BAD_INTEGRITY",
	[32] = "KRB_AP_ERR_TKT_EXPIRED",
	[33] = "KRB_AP_ERR_TKT_NYV",
	[34] = "KRB_AP_ERR_REPEAT",
	[35] = "KRB_AP_ERR_NOT_US",
	[36] = "KRB_AP_ERR_BADMATCH",
	[37] = "KRB_AP_ERR_SKEW",
	[38] = "KRB_AP_ERR_BADADDR",
	[39] = "KRB_AP_ERR_BADVERSION",
	[40] = "KRB_AP_ERR_MSG_TYPE",
	[41] = "KRB_AP_ERR_MODIFIED",
	[42] = "KRB_AP_ERR_BADORDER",
	[44] = "KRB_AP_ERR_BADKEYVER",
	[45] = "KRB_AP_ERR_NOKEY",
	[46] = "KRB_AP_ERR_MUT_FAIL",
	[47] = "KRB_AP_ERR_BADDIRECTION",
	[48] = "KRB_AP_ERR_METHOD",
	[49] = "KRB_AP_ERR_BADSEQ",
	[50] = "KRB_AP_ERR_INAPP_CKSUM",
	[51] = "KRB_AP_PATH_NOT_ACCEPTED",
	[52] = "KRB_ERR_RESPONSE_TOO_BIG",
	[60] = "KRB_ERR_GENERIC",
	[61] = "KRB_ERR_FIELD_TOOLONG",
};

const char *krb_error_name(krb5_error_code ret)
{
	long code = (long)ret - ERROR_TABLE_BASE_krb5;

	if (code < 0 || code >= (long)(sizeof(rfc_names) / sizeof(*rfc_names)))
		return NULL;
	return rfc_names[code];
}

int read_file(const char *path, krb5_data *d)
{
	void *buf;
	size_t len;
	int err;

	err = read_bytes(path, &buf, &len);
	if (err)
		return err;
	d->magic = KV5M_DATA;
	d->data = buf;
	d->length = len;
	return 0;
}

void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}
