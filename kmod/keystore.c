// SPDX-License-Identifier: GPL-2.0-only
/*
 * The keystore: each namespace's service keys, looked up by principal,
 * kvno and enctype on every login.  Readers walk a hash table under RCU
 * and take a reference on the entry they use; writers serialise on a
 * mutex, unlink, wait for a grace period and drop the table's reference.
 * Key bytes live only in the prepared transforms, which the crypto API
 * wipes when the last reference goes.
 */
#include <linux/jhash.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "keystore.h"
#include "pac.h"

#define KS_BITS		10
#define KS_BUCKETS	BIT(KS_BITS)
/* a namespace's keys, at most: each one holds crypto transforms */
#define KS_MAX_KEYS	65536

struct entry {
	struct hlist_node node;
	struct list_head dead;		/* unlinked, waiting for readers */
	refcount_t ref;
	u32 hash;
	struct krbap_kentry pub;
	char name[];
};

struct krbap_keystore {
	struct mutex lock;		/* writers */
	unsigned int count;
	struct hlist_head buckets[KS_BUCKETS];
};

static u32 name_hash(const char *principal)
{
	return jhash(principal, strlen(principal), 0);
}

static struct hlist_head *bucket(struct krbap_keystore *ks, u32 hash)
{
	return &ks->buckets[hash & (KS_BUCKETS - 1)];
}

/**
 * krbap_keystore_create() - an empty keystore
 *
 * Context: process context.
 * Return: the keystore or NULL.
 */
struct krbap_keystore *krbap_keystore_create(void)
{
	struct krbap_keystore *ks = kzalloc(sizeof(*ks), GFP_KERNEL);

	if (ks)
		mutex_init(&ks->lock);
	return ks;
}

/**
 * krbap_kentry_put() - drop a reference from krbap_keystore_get()
 * @e: the entry, or NULL
 *
 * Context: process context (the last reference frees transforms).
 */
void krbap_kentry_put(struct krbap_kentry *e)
{
	struct entry *ent;

	if (!e)
		return;
	ent = container_of(e, struct entry, pub);
	if (refcount_dec_and_test(&ent->ref)) {
		krbap_ukey_destroy(&ent->pub.ukey);
		krbap_ukey_destroy(&ent->pub.pac_ukey);
		kfree(ent);
	}
}

/* caller holds ks->lock; the entry goes on @dead for release_dead() */
static void unlink_entry(struct krbap_keystore *ks, struct entry *e,
			 struct list_head *dead)
{
	hlist_del_rcu(&e->node);
	ks->count--;
	list_add(&e->dead, dead);
}

/* after a grace period no reader can find them: drop the table's refs */
static void release_dead(struct list_head *dead)
{
	struct entry *e, *tmp;

	if (list_empty(dead))
		return;
	synchronize_rcu();
	list_for_each_entry_safe(e, tmp, dead, dead)
		krbap_kentry_put(&e->pub);
}

static bool same_slot(const struct entry *e, u32 hash, const char *principal,
		      u32 kvno, s32 etype)
{
	return e->hash == hash && e->pub.kvno == kvno &&
	       e->pub.etype == etype && !strcmp(e->name, principal);
}

static struct entry *entry_new(const char *principal, u32 kvno, s32 etype,
			       const u8 *raw, size_t len, u32 generation)
{
	size_t nlen = strlen(principal) + 1;
	struct krbap_key key;
	struct entry *e;
	int ret;

	ret = krbap_key_init(&key, etype, raw, len);
	if (ret)
		return ERR_PTR(ret);
	e = kzalloc(sizeof(*e) + nlen, GFP_KERNEL_ACCOUNT);
	if (!e) {
		ret = -ENOMEM;
		goto out;
	}
	ret = krbap_ukey_init(&e->pub.ukey, &key, 2, KRBAP_KU_ENCRYPT);
	if (ret) {
		kfree(e);
		goto out;
	}
	ret = krbap_ukey_init(&e->pub.pac_ukey, &key, KRBAP_PAC_KEY_USAGE,
			      KRBAP_KU_CHECKSUM);
	if (ret) {
		krbap_ukey_destroy(&e->pub.ukey);
		kfree(e);
		goto out;
	}
	memcpy(e->name, principal, nlen);
	refcount_set(&e->ref, 1);
	e->hash = name_hash(principal);
	e->pub.principal = e->name;
	e->pub.kvno = kvno;
	e->pub.etype = etype;
	e->pub.generation = generation;
out:
	krbap_key_destroy(&key);
	return ret ? ERR_PTR(ret) : e;
}

/**
 * krbap_keystore_add() - add a key, or replace the one in its slot
 * @ks: keystore
 * @principal: unparsed principal name, NUL-terminated
 * @kvno: key version
 * @etype: enctype; it must be one that passed its self-test
 * @key: key bytes; copied into the prepared key, the caller wipes its own
 * @len: their length, exactly the enctype's key size
 * @generation: the loader's tag for this key
 *
 * The new key is visible to readers before the one it replaces is gone,
 * so a login never finds the slot empty.
 *
 * Context: process context; may sleep.
 * Return: 0, -ENOENT for an enctype that cannot be used, -EINVAL for a
 * wrong key length, -ENOSPC when the namespace holds KS_MAX_KEYS keys,
 * -ENOMEM.
 */
int krbap_keystore_add(struct krbap_keystore *ks, const char *principal,
		       u32 kvno, s32 etype, const u8 *key, size_t len,
		       u32 generation)
{
	struct entry *e = entry_new(principal, kvno, etype, key, len,
				    generation);
	struct hlist_head *head;
	struct entry *old;
	LIST_HEAD(dead);

	if (IS_ERR(e))
		return PTR_ERR(e);
	head = bucket(ks, e->hash);
	mutex_lock(&ks->lock);
	hlist_for_each_entry(old, head, node) {
		if (same_slot(old, e->hash, principal, kvno, etype)) {
			hlist_replace_rcu(&old->node, &e->node);
			list_add(&old->dead, &dead);
			goto out;
		}
	}
	if (ks->count >= KS_MAX_KEYS) {
		mutex_unlock(&ks->lock);
		krbap_kentry_put(&e->pub);
		return -ENOSPC;
	}
	hlist_add_head_rcu(&e->node, head);
	ks->count++;
out:
	mutex_unlock(&ks->lock);
	release_dead(&dead);
	return 0;
}

/**
 * krbap_keystore_del() - delete a principal's keys
 * @ks: keystore
 * @principal: unparsed principal name
 * @kvno: only this kvno, or NULL for all
 * @etype: only this enctype, or NULL for all
 *
 * Context: process context; may sleep.
 * Return: 0 when at least one key went, else -ENOENT.
 */
int krbap_keystore_del(struct krbap_keystore *ks, const char *principal,
		       const u32 *kvno, const s32 *etype)
{
	u32 hash = name_hash(principal);
	struct hlist_node *tmp;
	struct entry *e;
	LIST_HEAD(dead);
	int n = 0;

	mutex_lock(&ks->lock);
	hlist_for_each_entry_safe(e, tmp, bucket(ks, hash), node) {
		if (e->hash != hash || strcmp(e->name, principal) ||
		    (kvno && e->pub.kvno != *kvno) ||
		    (etype && e->pub.etype != *etype))
			continue;
		unlink_entry(ks, e, &dead);
		n++;
	}
	mutex_unlock(&ks->lock);
	release_dead(&dead);
	return n ? 0 : -ENOENT;
}

/* deletes every entry for which @drop is true; returns how many */
static int delete_if(struct krbap_keystore *ks,
		     bool (*drop)(const struct entry *e, u32 arg), u32 arg)
{
	struct hlist_node *tmp;
	struct entry *e;
	LIST_HEAD(dead);
	unsigned int i;
	int n = 0;

	mutex_lock(&ks->lock);
	for (i = 0; i < KS_BUCKETS; i++) {
		hlist_for_each_entry_safe(e, tmp, &ks->buckets[i], node) {
			if (drop(e, arg)) {
				unlink_entry(ks, e, &dead);
				n++;
			}
		}
	}
	mutex_unlock(&ks->lock);
	release_dead(&dead);
	return n;
}

static bool other_generation(const struct entry *e, u32 keep)
{
	return e->pub.generation != keep;
}

static bool any_entry(const struct entry *e, u32 unused)
{
	return true;
}

/**
 * krbap_keystore_prune() - delete every key not of one generation
 * @ks: keystore
 * @keep: the generation to keep
 *
 * Context: process context; may sleep.
 * Return: the number of keys deleted.
 */
int krbap_keystore_prune(struct krbap_keystore *ks, u32 keep)
{
	return delete_if(ks, other_generation, keep);
}

/**
 * krbap_keystore_flush() - delete every key
 * @ks: keystore
 *
 * Context: process context; may sleep.
 */
void krbap_keystore_flush(struct krbap_keystore *ks)
{
	delete_if(ks, any_entry, 0);
}

/**
 * krbap_keystore_destroy() - flush and free; waits for readers to finish
 * @ks: keystore, or NULL
 *
 * Context: process context; may sleep.
 */
void krbap_keystore_destroy(struct krbap_keystore *ks)
{
	if (!ks)
		return;
	krbap_keystore_flush(ks);
	kfree(ks);
}

/**
 * krbap_keystore_count() - how many keys are held
 * @ks: keystore
 *
 * Return: the number of keys.
 */
unsigned int krbap_keystore_count(struct krbap_keystore *ks)
{
	return READ_ONCE(ks->count);
}

/**
 * krbap_keystore_nth() - the key at a dump position, without its bytes
 * @ks: keystore
 * @pos: cursor, 0 to start; advanced past the key returned
 * @info: filled in
 *
 * Keys added or deleted during a dump may be missed or seen twice, as
 * with any netlink dump.
 *
 * Context: process context.
 * Return: 0, or -ENOENT past the last key.
 */
int krbap_keystore_nth(struct krbap_keystore *ks, unsigned long *pos,
		       struct krbap_key_info *info)
{
	unsigned long b = *pos >> 32, idx = *pos & U32_MAX, i;
	struct entry *e;

	rcu_read_lock();
	for (; b < KS_BUCKETS; b++, idx = 0) {
		i = 0;
		hlist_for_each_entry_rcu(e, &ks->buckets[b], node) {
			if (i++ < idx)
				continue;
			strscpy(info->principal, e->name,
				sizeof(info->principal));
			info->kvno = e->pub.kvno;
			info->etype = e->pub.etype;
			info->generation = e->pub.generation;
			*pos = (b << 32) | i;
			rcu_read_unlock();
			return 0;
		}
	}
	rcu_read_unlock();
	*pos = (unsigned long)KS_BUCKETS << 32;
	return -ENOENT;
}

static bool better(const struct entry *e, const struct entry *best)
{
	return !best || e->pub.kvno > best->pub.kvno;
}

/**
 * krbap_keystore_get() - find the key that decrypts a ticket
 * @ks: keystore
 * @principal: the ticket's server principal, unparsed
 * @kvno: the ticket's kvno, or NULL when it names none (the highest wins)
 * @etype: the ticket's enctype
 * @miss: on failure, what was missing
 *
 * Context: any context; the reference must be dropped in process context.
 * Return: a referenced entry, or NULL.
 */
struct krbap_kentry *krbap_keystore_get(struct krbap_keystore *ks,
					const char *principal,
					const u32 *kvno, s32 etype,
					enum krbap_key_miss *miss)
{
	u32 hash = name_hash(principal);
	struct entry *e, *best = NULL;
	enum krbap_key_miss why = KRBAP_KEY_NO_PRINCIPAL;

	rcu_read_lock();
	hlist_for_each_entry_rcu(e, bucket(ks, hash), node) {
		if (e->hash != hash || strcmp(e->name, principal))
			continue;
		if (kvno && e->pub.kvno != *kvno) {
			why = max(why, KRBAP_KEY_NO_KVNO);
			continue;
		}
		why = KRBAP_KEY_NO_ENCTYPE;
		if (e->pub.etype == etype && better(e, best))
			best = e;
	}
	if (best && !refcount_inc_not_zero(&best->ref))
		best = NULL;
	rcu_read_unlock();
	if (!best)
		*miss = why;
	return best ? &best->pub : NULL;
}

/**
 * krbap_keystore_kvnos() - the kvnos held for a principal
 * @ks: keystore
 * @principal: unparsed principal name
 * @kvnos: filled with up to @max distinct kvnos
 * @max: room in @kvnos
 *
 * For telling an operator which kvnos exist when a ticket's is missing.
 *
 * Context: any context.
 * Return: the number of kvnos stored.
 */
int krbap_keystore_kvnos(struct krbap_keystore *ks, const char *principal,
			 u32 *kvnos, int max)
{
	u32 hash = name_hash(principal);
	struct entry *e;
	int n = 0, i;

	rcu_read_lock();
	hlist_for_each_entry_rcu(e, bucket(ks, hash), node) {
		if (e->hash != hash || strcmp(e->name, principal))
			continue;
		for (i = 0; i < n && kvnos[i] != e->pub.kvno; i++)
			;
		if (i == n && n < max)
			kvnos[n++] = e->pub.kvno;
	}
	rcu_read_unlock();
	return n;
}
