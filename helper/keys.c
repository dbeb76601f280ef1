// SPDX-License-Identifier: GPL-2.0-only
/*
 * The keys krbapd keeps in the kernel, and their retirement.
 *
 * Each load pushes every keytab key with a new generation tag before
 * anything is removed, so no login finds the kernel without keys.  A key
 * that has left the keytab is deleted only after the retention period, so
 * tickets issued under the old kvno stay good until they expire.  Keys
 * found in the kernel at start (a previous krbapd's) are tracked by name
 * and get the same retention.  Retired keys' bytes are kept (and wiped
 * when dropped) so they can be pushed again if the module is reloaded.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "krbapd.h"
#include "nl.h"

struct tracked {
	struct key_entry k;	/* k.key NULL: known from the kernel only */
	int64_t retire_at;	/* ms (now_ms()); 0 while in the keytab */
	bool in_kernel;
	bool skipped;		/* the kernel refused it */
	bool seen;		/* in the keytab at this load */
};

static struct tracked *tab;
static size_t ntab, captab;
static int64_t retention_ms;
static uint32_t generation;
static size_t nloaded, nskipped;	/* of the current load */

/**
 * now_ms() - a clock for deadlines that counts suspend and never jumps
 *
 * Return: milliseconds since boot.
 */
int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/**
 * keys_init() - set the retention of keys that left the keytab
 * @retention: seconds
 */
void keys_init(unsigned int retention)
{
	retention_ms = (int64_t)retention * 1000;
}

static void wipe_key(struct key_entry *k)
{
	if (k->key)
		explicit_bzero(k->key, k->keylen);
	free(k->key);
	k->key = NULL;
	k->keylen = 0;
}

static void drop(size_t i)
{
	wipe_key(&tab[i].k);
	free(tab[i].k.principal);
	tab[i] = tab[--ntab];
}

static struct tracked *find(const struct key_entry *k)
{
	size_t i;

	for (i = 0; i < ntab; i++)
		if (tab[i].k.kvno == k->kvno && tab[i].k.etype == k->etype &&
		    !strcmp(tab[i].k.principal, k->principal))
			return &tab[i];
	return NULL;
}

static struct tracked *track(const struct key_entry *k)
{
	struct tracked *t = find(k), *v;

	if (t)
		return t;
	if (ntab == captab) {
		v = realloc(tab, (captab ? captab * 2 : 16) * sizeof(*v));
		if (!v)
			return NULL;
		tab = v;
		captab = captab ? captab * 2 : 16;
	}
	t = &tab[ntab];
	memset(t, 0, sizeof(*t));
	t->k.principal = strdup(k->principal);
	if (!t->k.principal)
		return NULL;
	t->k.kvno = k->kvno;
	t->k.etype = k->etype;
	ntab++;
	return t;
}

static void log_key(int prio, const char *what, const struct key_entry *k,
		    const char *tail)
{
	char et[64];

	log_msg(prio, "%s %s kvno %u %s%s", what, k->principal, k->kvno,
		etype_name(k->etype, et, sizeof(et)), tail);
}

/**
 * keys_adopt() - learn the keys the kernel holds already
 *
 * Called after attaching; keys a previous krbapd loaded are tracked so
 * that they retire (rather than vanish or linger) if the keytab no longer
 * has them.  The next generation tag is above every tag seen.
 *
 * Return: 0 or a negative errno.
 */
int keys_adopt(void)
{
	struct key_list dump = { 0 };
	uint32_t max_gen = 0;
	struct tracked *t;
	size_t i;
	int ret;

	ret = kernel_key_dump(&dump, &max_gen);
	if (ret) {
		log_err("cannot list the kernel's keys: %s", knl_strerror(ret));
		key_list_clear(&dump);
		return ret;
	}
	for (i = 0; i < dump.n; i++) {
		t = track(&dump.v[i]);
		if (!t) {
			key_list_clear(&dump);
			return -ENOMEM;
		}
		t->in_kernel = true;
	}
	if (max_gen > generation)
		generation = max_gen;
	log_debug("the kernel holds %zu keys, generation up to %u", dump.n,
		  max_gen);
	key_list_clear(&dump);
	return 0;
}

/* 0 pushed, 1 skipped (the kernel cannot use it), else a negative errno */
static int push(struct tracked *t, struct key_entry *k)
{
	const char *why;
	char tail[320];
	int ret;

	ret = kernel_key_add(k, generation);
	if (ret == -ENOENT || ret == -EINVAL) {
		why = kernel_extack();
		snprintf(tail, sizeof(tail), ": %s", *why ? why :
			 ret == -ENOENT ? "enctype not supported or disabled" :
			 "refused by the kernel");
		if (!t->skipped)
			log_key(LOG_INFO, "skipped", k, tail);
		t->skipped = true;
		t->in_kernel = false;
		return 1;
	}
	if (ret) {
		log_key(LOG_ERR, "cannot add", k, "");
		log_err("KEY_ADD: %s", knl_strerror(ret));
		return ret;
	}
	return 0;
}

static const char *change(const struct tracked *t, const struct key_entry *k)
{
	if (t->skipped || !t->k.key)
		return "added";
	if (t->retire_at)
		return "back in the keytab, kept:";
	if (t->k.keylen != k->keylen ||
	    memcmp(t->k.key, k->key, k->keylen))
		return "replaced";
	return NULL;
}

static int load_fresh(struct key_list *fresh)
{
	struct key_entry *k;
	struct tracked *t;
	const char *what;
	char tail[32];
	size_t i;
	int ret;

	for (i = 0; i < ntab; i++)
		tab[i].seen = false;
	for (i = 0; i < fresh->n; i++) {
		k = &fresh->v[i];
		t = track(k);
		if (!t)
			return -ENOMEM;
		t->seen = true;
		ret = push(t, k);
		if (ret < 0)
			return ret;
		if (ret) {
			nskipped++;
			continue;
		}
		nloaded++;
		what = change(t, k);
		snprintf(tail, sizeof(tail), " (generation %u)", generation);
		if (what)
			log_key(LOG_INFO, what, k, tail);
		else
			log_key(LOG_DEBUG, "unchanged", k, tail);
		wipe_key(&t->k);
		t->k.key = k->key;	/* the table owns the bytes now */
		t->k.keylen = k->keylen;
		k->key = NULL;
		t->in_kernel = true;
		t->skipped = false;
		t->retire_at = 0;
	}
	return 0;
}

/* entries not in the keytab now: re-push after a module reload, start
 * their retention when the keytabs were read completely */
static int handle_unseen(bool complete)
{
	size_t i = ntab;
	char tail[80];
	int ret;

	while (i--) {
		struct tracked *t = &tab[i];

		if (t->seen)
			continue;
		if (t->skipped || (!t->in_kernel && !t->k.key)) {
			if (complete || !t->skipped)
				drop(i);
			continue;
		}
		if (!t->in_kernel) {
			ret = push(t, &t->k);
			if (ret < 0)
				return ret;
			if (ret)
				continue;
			t->in_kernel = true;
			log_key(LOG_INFO, "restored", &t->k,
				" after a module reload");
		}
		if (!complete || t->retire_at)
			continue;
		t->retire_at = now_ms() + retention_ms;
		snprintf(tail, sizeof(tail),
			 ": no longer in the keytab, deleted in %lld s",
			 (long long)(retention_ms / 1000));
		log_key(LOG_INFO, "retiring", &t->k, tail);
	}
	return 0;
}

static size_t retiring(void)
{
	size_t i, n = 0;

	for (i = 0; i < ntab; i++)
		n += tab[i].retire_at != 0;
	return n;
}

/**
 * keys_sync() - load the keytabs into the kernel
 * @once: only add keys (krbapd --once); nothing is retired
 *
 * Every key of the keytabs is pushed with a new generation tag.  Keys
 * the kernel refuses (enctype not built in or disabled) are skipped with
 * one log line.  Only when every keytab was read do keys that left them
 * start their retention.
 *
 * Return: 0; 1 when a keytab could not be read; a negative errno when
 * the kernel failed.
 */
int keys_sync(bool once)
{
	struct key_list fresh = { 0 };
	int failed, ret;

	failed = keytabs_read(&fresh);
	if (failed < 0) {
		key_list_clear(&fresh);
		log_err("out of memory reading the keytabs");
		return failed;
	}
	if (++generation == 0)
		generation = 1;
	nloaded = nskipped = 0;
	ret = load_fresh(&fresh);
	key_list_clear(&fresh);
	if (!ret && !once)
		ret = handle_unseen(!failed);
	if (ret)
		return ret;
	if (failed && !once)
		log_warn("keytab unreadable: keeping every key already loaded");
	log_info("generation %u: %zu keys loaded, %zu skipped, %zu retiring",
		 generation, nloaded, nskipped, retiring());
	return failed ? 1 : 0;
}

/**
 * keys_kernel_gone() - the module went away, and every key with it
 *
 * Keys whose bytes krbapd has are pushed again by the next keys_sync().
 */
void keys_kernel_gone(void)
{
	size_t i = ntab;

	while (i--) {
		tab[i].in_kernel = false;
		if (!tab[i].k.key)
			drop(i);
	}
}

/**
 * keys_next_expiry() - when the next retiring key is due
 *
 * Return: a now_ms() time, or -1 when no key is retiring.
 */
int64_t keys_next_expiry(void)
{
	int64_t next = -1;
	size_t i;

	for (i = 0; i < ntab; i++)
		if (tab[i].retire_at && (next < 0 || tab[i].retire_at < next))
			next = tab[i].retire_at;
	return next;
}

/**
 * keys_expire() - delete the keys whose retention has passed
 */
void keys_expire(void)
{
	int64_t now = now_ms();
	size_t i = ntab;
	int ret;

	while (i--) {
		if (!tab[i].retire_at || tab[i].retire_at > now)
			continue;
		ret = tab[i].in_kernel ? kernel_key_del(&tab[i].k) : 0;
		if (ret && ret != -ENOENT && ret != -ENOTCONN) {
			log_key(LOG_ERR, "cannot delete", &tab[i].k, "");
			log_err("KEY_DEL: %s; trying again in 60 s",
				knl_strerror(ret));
			tab[i].retire_at = now + 60000;
			continue;
		}
		log_key(LOG_INFO, "retired", &tab[i].k, "");
		drop(i);
	}
}

/**
 * keys_free() - forget every key, wiping the bytes
 */
void keys_free(void)
{
	while (ntab)
		drop(ntab - 1);
	free(tab);
	tab = NULL;
	captab = 0;
}
