/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * krbapd: the krbap helper daemon.  Prototypes grouped by file.
 */
#ifndef KRBAPD_H
#define KRBAPD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <syslog.h>
#include <time.h>

/* one service key: from a keytab (key set) or from the kernel (key NULL) */
struct key_entry {
	char *principal;
	uint32_t kvno;
	int32_t etype;
	uint8_t *key;
	size_t keylen;
};

struct key_list {
	struct key_entry *v;
	size_t n, cap;
};

/* log.c */
void log_init(const char *ident, bool use_syslog, bool debug);
void log_msg(int prio, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
#define log_err(...)	log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)	log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...)	log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...)	log_msg(LOG_DEBUG, __VA_ARGS__)

/* keytab.c */
int keytabs_init(char **names, int nnames, char **principals, int nprinc);
void keytabs_free(void);
int keytabs_count(void);
const char *keytab_name(int i);
const char *keytab_path(int i);
int keytabs_read(struct key_list *out);
const char *etype_name(int32_t etype, char *buf, size_t len);
int key_list_put(struct key_list *l, const char *principal, uint32_t kvno,
		 int32_t etype, const uint8_t *key, size_t keylen);
void key_list_clear(struct key_list *l);

/* keys.c */
void keys_init(unsigned int retention);
int keys_adopt(void);
int keys_sync(bool once);
void keys_kernel_gone(void);
int64_t keys_next_expiry(void);
void keys_expire(void);
void keys_free(void);
int64_t now_ms(void);

/* ktwatch.c */
int ktwatch_open(void);
int ktwatch_fd(void);
void ktwatch_arm(void);
bool ktwatch_read(void);
void ktwatch_close(void);

/* persist.c */
int persist_init(const char *dir, unsigned int fsync_ms);
int persist_restore(void);
void persist_entry(const uint8_t *digest, int64_t expires);
int64_t persist_deadline(void);
void persist_tick(void);
void persist_close(void);

/* netlink.c */
enum family_event {
	FAMILY_NONE,
	FAMILY_APPEARED,
	FAMILY_VANISHED,
};

int watch_open(void);
int watch_fd(void);
enum family_event watch_read(void);
void watch_close(void);
typedef void (*kernel_rcache_fn)(const uint8_t *digest, int64_t expires);

int kernel_attach(bool reg, kernel_rcache_fn fn);
void kernel_detach(void);
bool kernel_attached(void);
int kernel_events_fd(void);
void kernel_events_read(void);
int kernel_rcache_restore(const uint8_t *digests, const int64_t *expires,
			  size_t n, bool done);
int kernel_key_add(const struct key_entry *k, uint32_t generation);
int kernel_key_del(const struct key_entry *k);
int kernel_key_dump(struct key_list *out, uint32_t *max_generation);
const char *kernel_extack(void);

#endif /* KRBAPD_H */
