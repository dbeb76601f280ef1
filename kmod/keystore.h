/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef KRBAP_KEYSTORE_H
#define KRBAP_KEYSTORE_H

#include <linux/types.h>

#include "crypto/krb5.h"

struct krbap_keystore;

/**
 * struct krbap_kentry - one service key, as the accept path sees it
 * @principal: "name/instance@REALM", as MIT unparses it
 * @kvno: key version number
 * @etype: enctype number
 * @generation: tag of the load that added it
 * @ukey: the key prepared for ticket decryption (usage 2)
 * @pac_ukey: the key prepared for PAC server signatures (checksums with
 *	usage 17, KRBAP_PAC_KEY_USAGE)
 *
 * Read-only once published.  krbap_keystore_get() returns a reference
 * that krbap_kentry_put() drops.
 */
struct krbap_kentry {
	const char *principal;
	u32 kvno;
	s32 etype;
	u32 generation;
	struct krbap_ukey ukey;
	struct krbap_ukey pac_ukey;
};

/* why krbap_keystore_get() found nothing */
enum krbap_key_miss {
	KRBAP_KEY_NO_PRINCIPAL = 1,
	KRBAP_KEY_NO_KVNO,
	KRBAP_KEY_NO_ENCTYPE,
};

/* one key in a dump, without its key bytes */
struct krbap_key_info {
	char principal[KRBAP_PRINCIPAL_MAX];
	u32 kvno;
	s32 etype;
	u32 generation;
};

struct krbap_keystore *krbap_keystore_create(void);
void krbap_keystore_destroy(struct krbap_keystore *ks);
int krbap_keystore_add(struct krbap_keystore *ks, const char *principal,
		       u32 kvno, s32 etype, const u8 *key, size_t len,
		       u32 generation);
int krbap_keystore_del(struct krbap_keystore *ks, const char *principal,
		       const u32 *kvno, const s32 *etype);
int krbap_keystore_prune(struct krbap_keystore *ks, u32 keep);
void krbap_keystore_flush(struct krbap_keystore *ks);
unsigned int krbap_keystore_count(struct krbap_keystore *ks);
int krbap_keystore_nth(struct krbap_keystore *ks, unsigned long *pos,
		       struct krbap_key_info *info);

struct krbap_kentry *krbap_keystore_get(struct krbap_keystore *ks,
					const char *principal,
					const u32 *kvno, s32 etype,
					enum krbap_key_miss *miss);
void krbap_kentry_put(struct krbap_kentry *e);
int krbap_keystore_kvnos(struct krbap_keystore *ks, const char *principal,
			 u32 *kvnos, int max);

#endif /* KRBAP_KEYSTORE_H */
