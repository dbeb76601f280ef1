// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keytabs through MIT libkrb5, so every name an admin uses works: FILE:,
 * WRFILE:, plain paths, KRB5_KTNAME and krb5.conf's default_keytab_name.
 * Key bytes are copied out of libkrb5's entries and wiped when freed.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <krb5.h>

#include "krbapd.h"

struct keytab {
	char *name;	/* as given, or krb5_kt_default_name()'s */
	char *path;	/* the file to watch, NULL when not a file keytab */
};

static krb5_context ctx;
static struct keytab *tabs;
static int ntabs;
static krb5_principal *filter;
static int nfilter;

static char *krb_err(krb5_error_code code)
{
	const char *m = krb5_get_error_message(ctx, code);
	char *s = strdup(m ? m : "unknown error");

	krb5_free_error_message(ctx, m);
	return s;
}

/* "FILE:x", "WRFILE:x" and plain paths name files; relative ones are made
 * absolute so --daemon's chdir("/") does not change what is read */
static int name_path(const char *name, char **abs, char **path)
{
	const char *colon = strchr(name, ':'), *p = NULL, *pfx = "";
	char cwd[PATH_MAX];

	if (!colon || name[0] == '/') {
		p = name;
	} else if (!strncmp(name, "FILE:", 5)) {
		p = name + 5;
		pfx = "FILE:";
	} else if (!strncmp(name, "WRFILE:", 7)) {
		p = name + 7;
		pfx = "WRFILE:";
	}
	*path = NULL;
	if (!p || p[0] == '/' || !p[0]) {
		*abs = strdup(name);
		if (p && p[0])
			*path = strdup(p);
		return *abs && (!p || !p[0] || *path) ? 0 : -ENOMEM;
	}
	if (!getcwd(cwd, sizeof(cwd)))
		return -errno;
	if (asprintf(abs, "%s%s/%s", pfx, cwd, p) < 0)
		return -ENOMEM;
	if (asprintf(path, "%s/%s", cwd, p) < 0)
		return -ENOMEM;
	return 0;
}

static int add_tab(const char *name)
{
	struct keytab *t = realloc(tabs, (ntabs + 1) * sizeof(*tabs));

	if (!t)
		return -ENOMEM;
	tabs = t;
	t = &tabs[ntabs];
	if (name_path(name, &t->name, &t->path))
		return -ENOMEM;
	ntabs++;
	return 0;
}

static int add_filter(const char *name)
{
	krb5_principal *f = realloc(filter, (nfilter + 1) * sizeof(*filter));
	krb5_error_code code;
	char *why;

	if (!f)
		return -ENOMEM;
	filter = f;
	code = krb5_parse_name(ctx, name, &filter[nfilter]);
	if (code) {
		why = krb_err(code);
		log_err("bad --principal \"%s\": %s", name, why);
		free(why);
		return -EINVAL;
	}
	nfilter++;
	return 0;
}

/**
 * keytabs_init() - set up libkrb5 and the keytab and principal lists
 * @names: --keytab arguments; none means the default keytab
 * @nnames: how many
 * @principals: --principal arguments; none loads every principal
 * @nprinc: how many
 *
 * Return: 0 or a negative errno (logged).
 */
int keytabs_init(char **names, int nnames, char **principals, int nprinc)
{
	char def[PATH_MAX + 16];
	krb5_error_code code;
	int i, ret = 0;

	code = krb5_init_context(&ctx);
	if (code) {
		log_err("cannot initialise libkrb5 (krb5.conf?): %s",
			error_message(code));
		return -EINVAL;
	}
	if (!nnames) {
		code = krb5_kt_default_name(ctx, def, sizeof(def));
		if (code) {
			log_err("no default keytab name");
			return -EINVAL;
		}
		ret = add_tab(def);
	}
	for (i = 0; !ret && i < nnames; i++)
		ret = add_tab(names[i]);
	for (i = 0; !ret && i < nprinc; i++)
		ret = add_filter(principals[i]);
	if (ret == -ENOMEM)
		log_err("out of memory");
	return ret;
}

/**
 * keytabs_free() - release everything keytabs_init() made
 */
void keytabs_free(void)
{
	int i;

	for (i = 0; i < ntabs; i++) {
		free(tabs[i].name);
		free(tabs[i].path);
	}
	free(tabs);
	tabs = NULL;
	ntabs = 0;
	for (i = 0; i < nfilter; i++)
		krb5_free_principal(ctx, filter[i]);
	free(filter);
	filter = NULL;
	nfilter = 0;
	if (ctx)
		krb5_free_context(ctx);
	ctx = NULL;
}

/**
 * keytabs_count() - how many keytabs are configured
 *
 * Return: the count.
 */
int keytabs_count(void)
{
	return ntabs;
}

/**
 * keytab_name() - a keytab's name, as libkrb5 takes it
 * @i: index below keytabs_count()
 *
 * Return: the name.
 */
const char *keytab_name(int i)
{
	return tabs[i].name;
}

/**
 * keytab_path() - the file behind a keytab, for watching
 * @i: index below keytabs_count()
 *
 * Return: an absolute path, or NULL when the keytab is not a file.
 */
const char *keytab_path(int i)
{
	return tabs[i].path;
}

static bool wanted(krb5_const_principal p)
{
	int i;

	if (!nfilter)
		return true;
	for (i = 0; i < nfilter; i++)
		if (krb5_principal_compare(ctx, p, filter[i]))
			return true;
	return false;
}

static int put_entry(struct key_list *out, const krb5_keytab_entry *e)
{
	char *name;
	int ret;

	if (!wanted(e->principal))
		return 0;
	if (krb5_unparse_name(ctx, e->principal, &name))
		return -ENOMEM;
	ret = key_list_put(out, name, e->vno, e->key.enctype,
			   e->key.contents, e->key.length);
	krb5_free_unparsed_name(ctx, name);
	return ret;
}

static krb5_error_code read_one(const char *name, struct key_list *out)
{
	krb5_error_code code, end;
	krb5_kt_cursor cur;
	krb5_keytab kt;
	krb5_keytab_entry e;

	code = krb5_kt_resolve(ctx, name, &kt);
	if (code)
		return code;
	code = krb5_kt_start_seq_get(ctx, kt, &cur);
	if (code)
		goto out;
	while (!(code = krb5_kt_next_entry(ctx, kt, &e, &cur))) {
		/* libkrb5 zeroes the key when it frees the entry */
		if (put_entry(out, &e))
			code = ENOMEM;
		krb5_free_keytab_entry_contents(ctx, &e);
		if (code)
			break;
	}
	end = krb5_kt_end_seq_get(ctx, kt, &cur);
	if (code == KRB5_KT_END)
		code = end;
out:
	krb5_kt_close(ctx, kt);
	return code;
}

/**
 * keytabs_read() - read every configured keytab
 * @out: gets the wanted entries; a later entry with the same principal,
 *       kvno and enctype replaces an earlier one
 *
 * A keytab that cannot be read is logged with the reason and skipped.
 *
 * Return: the number of keytabs that could not be read, or a negative
 * errno.
 */
int keytabs_read(struct key_list *out)
{
	krb5_error_code code;
	int i, failed = 0;
	char *why;

	for (i = 0; i < ntabs; i++) {
		code = read_one(tabs[i].name, out);
		if (code == ENOMEM)
			return -ENOMEM;
		if (!code)
			continue;
		why = krb_err(code);
		log_err("cannot read keytab %s: %s", tabs[i].name,
			why ? why : "out of memory");
		free(why);
		failed++;
	}
	return failed;
}

/**
 * etype_name() - the MIT name of an enctype, or its number
 * @etype: RFC 3961 number
 * @buf: space for the result
 * @len: its size
 *
 * Return: @buf.
 */
const char *etype_name(int32_t etype, char *buf, size_t len)
{
	if (krb5_enctype_to_name(etype, FALSE, buf, len))
		snprintf(buf, len, "enctype %d", etype);
	return buf;
}

/**
 * key_list_put() - add or replace an entry
 * @l: the list
 * @principal: copied
 * @kvno: key version
 * @etype: enctype
 * @key: key bytes, copied; NULL for an entry known only by name
 * @keylen: their length
 *
 * Return: 0 or -ENOMEM.
 */
int key_list_put(struct key_list *l, const char *principal, uint32_t kvno,
		 int32_t etype, const uint8_t *key, size_t keylen)
{
	struct key_entry *e = NULL, *v;
	uint8_t *copy = NULL;
	size_t i;

	if (key) {
		copy = malloc(keylen ? keylen : 1);
		if (!copy)
			return -ENOMEM;
		memcpy(copy, key, keylen);
	}
	for (i = 0; i < l->n && !e; i++)
		if (l->v[i].kvno == kvno && l->v[i].etype == etype &&
		    !strcmp(l->v[i].principal, principal))
			e = &l->v[i];
	if (e) {
		if (e->key)
			explicit_bzero(e->key, e->keylen);
		free(e->key);
		e->key = copy;
		e->keylen = keylen;
		return 0;
	}
	if (l->n == l->cap) {
		v = realloc(l->v, (l->cap ? l->cap * 2 : 16) * sizeof(*v));
		if (!v)
			goto err;
		l->v = v;
		l->cap = l->cap ? l->cap * 2 : 16;
	}
	e = &l->v[l->n];
	e->principal = strdup(principal);
	if (!e->principal)
		goto err;
	e->kvno = kvno;
	e->etype = etype;
	e->key = copy;
	e->keylen = keylen;
	l->n++;
	return 0;
err:
	if (copy)
		explicit_bzero(copy, keylen);
	free(copy);
	return -ENOMEM;
}

/**
 * key_list_clear() - wipe and free every entry
 * @l: the list; empty afterwards
 */
void key_list_clear(struct key_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].key)
			explicit_bzero(l->v[i].key, l->v[i].keylen);
		free(l->v[i].key);
		free(l->v[i].principal);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}
