#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Makes the MIT-made tokens of tests/unit/data/ (see its README):
#
#   temp dir: KDC for KRBAP.TEST on 127.0.0.1:$PORT (krb5kdc -n)
#     user@KRBAP.TEST                  password, kinit -a -r (addresses,
#                                      renewable)
#     nfs/server.krbap.test            aes256-cts-hmac-sha1-96 only
#     cifs/server.krbap.test           aes128-cts-hmac-sha256-128 only
#   mkapreq -> OUT/NAME.{apreq,tkt,auth}
#
# usage: mktokens.sh OUTDIR
set -eu
out=$(cd "${1:?usage: mktokens.sh OUTDIR}" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
port=${PORT:-17088}
kdcpid=
cleanup() {
	[ -n "$kdcpid" ] && kill "$kdcpid" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

cat > "$tmp/krb5.conf" <<EOC
[libdefaults]
	default_realm = KRBAP.TEST
	dns_lookup_kdc = false
	dns_lookup_realm = false
	rdns = false
	extra_addresses = 127.0.0.1
[realms]
	KRBAP.TEST = {
		kdc = 127.0.0.1:$port
	}
EOC
cat > "$tmp/kdc.conf" <<EOC
[kdcdefaults]
	kdc_listen = 127.0.0.1:$port
	kdc_tcp_listen = 127.0.0.1:$port
[realms]
	KRBAP.TEST = {
		database_name = $tmp/principal
		key_stash_file = $tmp/stash
		acl_file = $tmp/kadm5.acl
		max_renewable_life = 7d
		supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha256-128:normal
	}
[logging]
	kdc = FILE:$tmp/kdc.log
EOC
: > "$tmp/kadm5.acl"
export KRB5_CONFIG="$tmp/krb5.conf" KRB5_KDC_PROFILE="$tmp/kdc.conf"
export KRB5CCNAME="FILE:$tmp/cc"

kdb5_util create -s -r KRBAP.TEST -P masterpw >/dev/null 2>&1
kadmin.local -q "addprinc -pw userpw +renewable -maxrenewlife 7d user" >/dev/null 2>&1
kadmin.local -q "addprinc -randkey -e aes256-cts-hmac-sha1-96:normal nfs/server.krbap.test" >/dev/null 2>&1
kadmin.local -q "addprinc -randkey -e aes128-cts-hmac-sha256-128:normal cifs/server.krbap.test" >/dev/null 2>&1
kadmin.local -q "modprinc -maxrenewlife 7d krbtgt/KRBAP.TEST" >/dev/null 2>&1
kadmin.local -q "ktadd -k $tmp/keytab -norandkey nfs/server.krbap.test cifs/server.krbap.test" >/dev/null 2>&1
krb5kdc -n & kdcpid=$!
for i in 1 2 3 4 5 6 7 8 9 10; do
	grep -q "commencing operation" "$tmp/kdc.log" 2>/dev/null && break
	sleep 0.5
done

mk() {
	"$tmp/mkapreq" "$@"
}
cc -Wall -Wextra -Werror -o "$tmp/mkapreq" "$here/mkapreq.c" -lkrb5 -lk5crypto

echo userpw | kinit -r 2d user >/dev/null
mk nfs/server.krbap.test "$tmp/keytab" "$out/nfs-plain"
mk -m -s -q -c krbap cifs/server.krbap.test "$tmp/keytab" "$out/cifs-all"
kdestroy
echo userpw | kinit -a -l 1h user >/dev/null
mk -m -c x nfs/server.krbap.test "$tmp/keytab" "$out/nfs-addr"
ls -l "$out"
