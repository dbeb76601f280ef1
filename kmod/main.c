// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbap: the Kerberos AP exchange (RFC 4120 3.2) for in-kernel servers.
 */
#include <linux/module.h>

#include "crypto/krb5.h"
#include "krbap.h"
#include "netlink.h"
#include "netns.h"
#include "rcache.h"

static int __init krbap_init(void)
{
	int ret;

	ret = krbap_crypto_init();
	if (ret)
		return ret;
	ret = krbap_rcache_init();
	if (ret)
		goto err_crypto;
	ret = krbap_netns_init();
	if (ret)
		goto err_rcache;
	ret = krbap_genl_init();
	if (ret)
		goto err_netns;
#ifdef KRBAP_DEBUG_WARN_ON_LOAD
	WARN(1, "krbap: debug build warns on load\n");
#endif
	pr_info("krbap: version %s loaded\n", KRBAP_VERSION);
	return 0;

err_netns:
	krbap_netns_uninit();
err_rcache:
	krbap_rcache_uninit();
err_crypto:
	krbap_crypto_exit();
	return ret;
}

static void __exit krbap_exit(void)
{
	krbap_genl_uninit();
	krbap_netns_uninit();
	krbap_rcache_uninit();
	krbap_crypto_exit();
}

module_init(krbap_init);
module_exit(krbap_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("In-kernel Kerberos AP-REQ acceptor");
MODULE_AUTHOR("The krbap authors");
MODULE_VERSION(KRBAP_VERSION);
