// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmod/crypto against published vectors, through the OpenSSL shim:
 * RFC 3961 A.1 (n-fold), RFC 3962 appendix B (CTS), RFC 6803 section 10,
 * RFC 8009 appendix A, and MIT krb5's t_decrypt.c known answers for the
 * enctypes whose RFCs have no encryption vectors (aes-sha1, rc4-hmac).
 */
#include <linux/kernel.h>
#include <crypto/skcipher.h>
#include "tap.h"
#include "crypto_test.h"

struct nfold_vec { unsigned int bits; const char *in, *out; };

static const struct nfold_vec nfolds[] = {
	{ 64, "012345", "be072631276b1955" },
	{ 56, "password", "78a07b6caf85fa" },
	{ 64, "Rough Consensus, and Running Code", "bb6ed30870b7f0e0" },
	{ 168, "password", "59e4a8ca7c0385c3c37b3f6d2000247cb6e6bd5b3e" },
	{ 192, "MASSACHVSETTS INSTITVTE OF TECHNOLOGY",
	  "db3b0d8f0b061e603282b308a50841229ad798fab9540c1b" },
	{ 168, "Q", "518a54a215a8452a518a54a215a8452a518a54a215" },
	{ 168, "ba", "fb25d531ae8974499f52fd92ea9857c4ba24cf297e" },
	{ 64, "kerberos", "6b65726265726f73" },
	{ 128, "kerberos", "6b65726265726f737b9b5b2b93132b93" },
	{ 168, "kerberos", "8372c236344e5f1550cd0747e15d62ca7a5a3bcea4" },
	{ 256, "kerberos", "6b65726265726f737b9b5b2b93132b935c9bdcdad95c9899"
			   "c4cae4dee6d6cae4" },
};

static void test_nfold(void)
{
	unsigned char out[32], *want;
	size_t i, wl;

	for (i = 0; i < ARRAY_SIZE(nfolds); i++) {
		want = hex(nfolds[i].out, &wl);
		krbap_nfold((const u8 *)nfolds[i].in, strlen(nfolds[i].in),
			    out, nfolds[i].bits / 8);
		ok_mem(out, want, wl, "RFC 3961 A.1 %u-fold(\"%s\")",
		       nfolds[i].bits, nfolds[i].in);
		free(want);
	}
}

static const char *const cts_pt =
	"4920776f756c64206c696b652074686520" "47656e6572616c2047617527732043"
	"6869636b656e2c20706c656173652c20" "616e6420776f6e746f6e20736f75702e";

static const struct { size_t len; const char *ct; } cts_vecs[] = {
	{ 17, "c6353568f2bf8cb4d8a580362da7ff7f97" },
	{ 31, "fc00783e0efdb2c1d445d4c8eff7ed2297687268d6ecccc0c07b25e25ecfe5" },
	{ 32, "39312523a78662d5be7fcbcc98ebf5a897687268d6ecccc0c07b25e25ecfe584" },
	{ 47, "97687268d6ecccc0c07b25e25ecfe584b3fffd940c16a18c1b5549d2f838029e"
	      "39312523a78662d5be7fcbcc98ebf5" },
	{ 48, "97687268d6ecccc0c07b25e25ecfe5849dad8bbb96c4cdc03bc103e1a194bbd8"
	      "39312523a78662d5be7fcbcc98ebf5a8" },
	{ 64, "97687268d6ecccc0c07b25e25ecfe58439312523a78662d5be7fcbcc98ebf5a8"
	      "4807efe836ee89a526730dbc2f7bc8409dad8bbb96c4cdc03bc103e1a194bbd8" },
};

static void test_cts(void)
{
	struct crypto_sync_skcipher *tfm = crypto_alloc_sync_skcipher(
						"cts(cbc(aes))", 0, 0);
	unsigned char *pt, *want, buf[64];
	size_t i, pl, wl;

	pt = hex(cts_pt, &pl);
	crypto_sync_skcipher_setkey(tfm, (const u8 *)"chicken teriyaki", 16);
	for (i = 0; i < ARRAY_SIZE(cts_vecs); i++) {
		size_t n = cts_vecs[i].len;
		int e1, e2;

		want = hex(cts_vecs[i].ct, &wl);
		memcpy(buf, pt, n);
		e1 = krbap_cts_crypt(tfm, buf, n, true);
		ok(!e1 && wl == n && !memcmp(buf, want, n),
		   "RFC 3962 B CTS encrypt, %zu bytes", n);
		e2 = krbap_cts_crypt(tfm, buf, n, false);
		ok(!e2 && !memcmp(buf, pt, n),
		   "RFC 3962 B CTS decrypt, %zu bytes", n);
		free(want);
	}
	ok(krbap_cts_crypt(tfm, buf, 15, true) == -EINVAL,
	   "CTS refuses less than a block");
	free(pt);
	crypto_free_sync_skcipher(tfm);
}

struct kdf_vec { s32 etype; const char *key; u8 kind; const char *out; };

static const struct kdf_vec kdfs[] = {
	{ 25, "57d0297298ffd9d35de5a47fb4bde24b", KRBAP_KIND_KC,
	  "d155775a209d05f02b38d42a389e5a56" },
	{ 25, "57d0297298ffd9d35de5a47fb4bde24b", KRBAP_KIND_KE,
	  "64df83f85a532f17577d8c37035796ab" },
	{ 25, "57d0297298ffd9d35de5a47fb4bde24b", KRBAP_KIND_KI,
	  "3e4fbdf30fb8259c425cb6c96f1f4635" },
	{ 26, "b9d6828b2056b7be656d88a123b1fac68214ac2b727ecf5f69afe0c4df2a6d2c",
	  KRBAP_KIND_KC,
	  "e467f9a9552bc7d3155a6220af9c19220eeed4ff78b0d1e6a1544991461a9e50" },
	{ 26, "b9d6828b2056b7be656d88a123b1fac68214ac2b727ecf5f69afe0c4df2a6d2c",
	  KRBAP_KIND_KE,
	  "412aefc362a7285fc3966c6a5181e7605ae675235b6d549fbfc9ab6630a4c604" },
	{ 26, "b9d6828b2056b7be656d88a123b1fac68214ac2b727ecf5f69afe0c4df2a6d2c",
	  KRBAP_KIND_KI,
	  "fa624fa0e523993fa388aefdc67e67ebcd8c08e8a0246b1d73b0d1dd9fc582b0" },
	{ 19, "3705d96080c17728a0e800eab6e0d23c", KRBAP_KIND_KC,
	  "b31a018a48f54776f403e9a396325dc3" },
	{ 19, "3705d96080c17728a0e800eab6e0d23c", KRBAP_KIND_KE,
	  "9b197dd1e8c5609d6e67c3e37c62c72e" },
	{ 19, "3705d96080c17728a0e800eab6e0d23c", KRBAP_KIND_KI,
	  "9fda0e56ab2d85e1569a688696c26a6c" },
	{ 20, "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  KRBAP_KIND_KC, "ef5718be86cc84963d8bbb5031e9f5c4ba41f28faf69e73d" },
	{ 20, "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  KRBAP_KIND_KE,
	  "56ab22bee63d82d7bc5227f6773f8ea7a5eb1c825160c38312980c442e5c7e49" },
	{ 20, "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  KRBAP_KIND_KI, "69b16514e3cd8e56b82010d5c73012b622c4d00ffc23ed1f" },
};

static void test_kdf(void)
{
	unsigned char out[32], *want;
	struct krbap_key key;
	size_t i, wl;

	for (i = 0; i < ARRAY_SIZE(kdfs); i++) {
		const struct kdf_vec *v = &kdfs[i];
		int err;

		want = hex(v->out, &wl);
		err = test_key(&key, v->etype, v->key);
		if (!err)
			err = krbap_derive_key(&key, 2, v->kind, out, wl);
		ok(!err && !memcmp(out, want, wl),
		   "RFC %s key derivation: %s, usage 2, kind %02x",
		   v->etype >= 25 ? "6803" : "8009", key.et->name, v->kind);
		free(want);
	}
}

struct cksum_vec { s32 etype; u32 usage; const char *key, *data, *cksum; };

static const struct cksum_vec cksums[] = {
	{ 25, 7, "1dc46a8d763f4f93742bcba3387576c3", "6162636465666768696a6b",
	  "1178e6c5c47a8c1ae0c4b9c7d4eb7b6b" },
	{ 25, 8, "5027bc231d0f3a9d23333f1ca6fdbe7c",
	  "4142434445464748494a4b4c4d4e4f505152535455565758595a",
	  "d1b34f7004a731f23a0c00bf6c3f753a" },
	{ 26, 9, "b61c86cc4e5d2757545ad423399fb7031ecab913cbb900bd7a3c6dd8bf92015b",
	  "313233343536373839", "87a12cfd2b96214810f01c826e7744b1" },
	{ 26, 10, "32164c5b434d1d1538e4cfd9be8040fe8c4ac7acc4b93d3314d2133668147a05",
	  "21402324255e262a282921402324255e262a282921402324255e262a2829",
	  "3fa0b42355e52b189187294aa252ab64" },
	{ 19, 2, "3705d96080c17728a0e800eab6e0d23c",
	  "000102030405060708090a0b0c0d0e0f1011121314",
	  "d78367186643d67b411cba9139fc1dee" },
	{ 20, 2, "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b7182460c52",
	  "000102030405060708090a0b0c0d0e0f1011121314",
	  "45ee791567eefca37f4ac1e0222de80d43c3bfa06699672a" },
};

static void test_cksums(void)
{
	unsigned char out[KRBAP_MAX_CKSUM], *data, *want;
	struct krbap_ukey uk;
	struct krbap_key key;
	size_t i, dl, wl;

	for (i = 0; i < ARRAY_SIZE(cksums); i++) {
		const struct cksum_vec *v = &cksums[i];
		int err;

		data = hex(v->data, &dl);
		want = hex(v->cksum, &wl);
		memset(&uk, 0, sizeof(uk));
		err = test_key(&key, v->etype, v->key);
		if (!err)
			err = krbap_ukey_init(&uk, &key, v->usage,
					      KRBAP_KU_CHECKSUM);
		if (!err)
			err = krbap_checksum_make(&uk, data, dl, out,
						  sizeof(out));
		ok(!err && wl == key.et->cksumlen && !memcmp(out, want, wl),
		   "RFC %s checksum: %s, usage %u",
		   v->etype >= 25 ? "6803" : "8009", key.et->name, v->usage);
		ok(!krbap_checksum_verify(&uk, data, dl, want, wl),
		   "  ... and it verifies");
		krbap_ukey_destroy(&uk);
		free(data);
		free(want);
	}
}

struct enc_vec {
	const char *src;
	s32 etype;
	u32 usage;
	const char *key, *conf, *pt, *ct;
};

#define K128_8009 "3705d96080c17728a0e800eab6e0d23c"
#define K256_8009 "6d404d37faf79f9df0d33568d320669800eb4836472ea8a026d16b71" \
		  "82460c52"
#define P0	""
#define P1	"31"
#define P9	"3920627974657373 73"
#define P13	"31332062797465732062797465"
#define P30	"3330206279746573206279746573206279746573206279746573206279" \
		"74"
#define P6	"000102030405"
#define P16	"000102030405060708090a0b0c0d0e0f"
#define P21	"000102030405060708090a0b0c0d0e0f1011121314"

static const struct enc_vec encs[] = {
	{ "RFC 8009", 19, 2, K128_8009, "7e5895eaf2672435bad817f545a37148", P0,
	  "ef85fb890bb8472f4dab20394dca781dad877eda39d50c870c0d5a0a8e48c718" },
	{ "RFC 8009", 19, 2, K128_8009, "7bca285e2fd4130fb55b1a5c83bc5b24", P6,
	  "84d7f30754ed987bab0bf3506beb09cfb55402cef7e6877ce99e247e52d16ed4"
	  "421dfdf8976c" },
	{ "RFC 8009", 19, 2, K128_8009, "56ab21713ff62c0a1457200f6fa9948f", P16,
	  "3517d640f50ddc8ad3628722b3569d2ae07493fa8263254080ea65c1008e8fc2"
	  "95fb4852e7d83e1e7c48c37eebe6b0d3" },
	{ "RFC 8009", 19, 2, K128_8009, "a7a4e29a4728ce10664fb64e49ad3fac", P21,
	  "720f73b18d9859cd6ccb4346115cd336c70f58edc0c4437c5573544c31c813bc"
	  "e1e6d072c186b39a413c2f92ca9b8334a287ffcbfc" },
	{ "RFC 8009", 20, 2, K256_8009, "f764e9fa15c276478b2c7d0c4e5f58e4", P0,
	  "41f53fa5bfe7026d91faf9be959195a058707273a96a40f0a01960621ac61274"
	  "8b9bbfbe7eb4ce3c" },
	{ "RFC 8009", 20, 2, K256_8009, "b80d3251c1f6471494256ffe712d0b9a", P6,
	  "4ed7b37c2bcac8f74f23c1cf07e62bc7b75fb3f637b9f559c7f664f69eab7b60"
	  "92237526ea0d1f61cb20d69d10f2" },
	{ "RFC 8009", 20, 2, K256_8009, "53bf8a0d105265d4e276428624ce5e63", P16,
	  "bc47ffec7998eb91e8115cf8d19dac4bbbe2e163e87dd37f49beca92027764f6"
	  "8cf51f14d798c2273f35df574d1f932e40c4ff255b36a266" },
	{ "RFC 8009", 20, 2, K256_8009, "763e65367e864f02f55153c7e3b58af1", P21,
	  "40013e2df58e8751957d2878bcd2d6fe101ccfd556cb1eae79db3c3ee86429f2"
	  "b2a602ac86fef6ecb647d6295fae077a1feb517508d2c16b4192e01f62" },
	{ "RFC 6803", 25, 0, "1dc46a8d763f4f93742bcba3387576c3",
	  "b69822a19a6b09c0ebc8557d1f1b6c0a", P0,
	  "c466f1871069921edb7c6fde244a52db0ba10edc197bdb8006658ca3ccce6eb8" },
	{ "RFC 6803", 25, 1, "5027bc231d0f3a9d23333f1ca6fdbe7c",
	  "6f2fc3c2a166fd8898967a83de9596d9", P1,
	  "842d21fd950311c0dd464a3f4be8d6da88a56d559c9b47d3f9a85067af661559b8" },
	{ "RFC 6803", 25, 2, "a1bb61e805f9ba6dde8fdbddc05cdea0",
	  "a5b4a71e077aeef93c8763c18fdb1f10", P9,
	  "619ff072e36286ff0a28deb3a352ec0d0edf5c5160d663c901758ccf9d1ed33d"
	  "71db8f23aabf8348a0" },
	{ "RFC 6803", 25, 3, "2ca27a5faf5532244506434e1cef6676",
	  "19fee40d810c524b5b22f01874c693da", P13,
	  "b8eca3167ae6315512e59f98a7c500205e5f63ff3bb389af1c41a21d640d8615"
	  "c9ed3fbeb05ab6acb67689b5ea" },
	{ "RFC 6803", 25, 4, "7824f8c16f83ff354c6bf7515b973f43",
	  "ca7a7ab4be192dabd603506db19c39e2", P30,
	  "a26a3905a4ffd5816b7b1e27380d08090c8ec1f304496e1abdcd2bdcd1dffc66"
	  "0989e117a713ddbb57a4146c1587cba4356665591d2240282f5842b105a5" },
	{ "RFC 6803", 26, 0,
	  "b61c86cc4e5d2757545ad423399fb7031ecab913cbb900bd7a3c6dd8bf92015b",
	  "3cbbd2b45917941067f96599bb98926c", P0,
	  "03886d03310b47a6d8f06d7b94d1dd837ecce315ef652aff620859d94a259266" },
	{ "RFC 6803", 26, 1,
	  "1b97fe0a190e2021eb30753e1b6e1e77b0754b1d684610355864104963463833",
	  "def487fcebe6de6346d4da4521bba2d2", P1,
	  "2c9c1570133c99bf6a34bc1b0212002fd194338749db4135497a347cfcd9d18a12" },
	{ "RFC 6803", 26, 2,
	  "32164c5b434d1d1538e4cfd9be8040fe8c4ac7acc4b93d3314d2133668147a05",
	  "ad4ff904d34e555384b14100fc465f88", P9,
	  "9c6de75f812de7ed0d28b2963557a115640998275b0af5152709913ff52a2a9c"
	  "8e63b872f92e64c839" },
	{ "RFC 6803", 26, 3,
	  "b038b132cd8e06612267fab7170066d88aeccba0b744bfc60dc89bca182d0715",
	  "cf9bca6df1144e0c0af9b8f34c90d514", P13,
	  "eeec85a9813cdc536772ab9b42defc5706f726e975dde05a87eb5406ea324ca1"
	  "85c9986b42aabe794b84821bee" },
	{ "RFC 6803", 26, 4,
	  "ccfcd349bf4c6677e86e4b02b8eab924a546ac731cf9bf6989b996e7d6bfbba7",
	  "644def38da35007275878d216855e228", P30,
	  "0e44680985855f2d1f1812529ca83bfd8e349de6fd9ada0baaa048d68e265feb"
	  "f34ad1255a344999ad37146887a6c6845731ac7f46376a0504cd06571474" },
	{ "MIT t_decrypt", 17, 0, "5a5c0f0ba54f3828b2195e66ca24a289", NULL, P0,
	  "49ff8e11c173d9583a3254fbe7b1f1df36c538e8416784a1672e6676" },
	{ "MIT t_decrypt", 17, 1, "98450e3f3baa13f5c99beb936981b06f", NULL, P1,
	  "f86742f537b35dc2174a4dbaa920faf9042090b065e1ebb1cad9a65394" },
	{ "MIT t_decrypt", 17, 2, "9062430c8cda3388922e6d6a509f5b7a", NULL, P9,
	  "68fb9679601f45c78857b2bf820fd6e53eca8d42fd4b1d7024a09205abb7cd2e"
	  "c26c355d2f" },
	{ "MIT t_decrypt", 17, 3, "033ee6502c54fd23e27791e987983827", NULL, P13,
	  "ec366d0327a933bf49330e650e49bc6b974637fe80bf532fe51795b4809718e6"
	  "194724db948d1fd637" },
	{ "MIT t_decrypt", 17, 4, "dceeb70b3de76562e689226c76429148", NULL, P30,
	  "c96081032d5d8eeb7e32b4089f789d0faa481dea74c0f97cbf3146ddfcf8e800"
	  "156ecb532fc203e30ff600b63b350939fece510f02d7ff1e7bac" },
	{ "MIT t_decrypt", 18, 0,
	  "17f275f2954f2ed1f90c377ba7f4d6a369aa0136e0bf0c927ad6133c693759a9",
	  NULL, P0,
	  "e5094c55ee7b38262e2b044280b069379a95bf95bd8376fb3281b435" },
	{ "MIT t_decrypt", 18, 1,
	  "b9477e1ff0329c0050e20ce6c72d2dff27e8fe541ab0954429a9cb5b4f7b1e2a",
	  NULL, P1,
	  "406150b97aeb76d43b36b62cc1ecdfbe6f40e95755e0beb5c27825f3a4" },
	{ "MIT t_decrypt", 18, 2,
	  "b1ae4cd8462aff1677053cc9279aac30b796fb81ce21474dd3ddbcfea4ec76d7",
	  NULL, P9,
	  "09957aa25fcaf88f7b39e4406e633012d5fea21853f6478da7065caef41fd454"
	  "a40824eec5" },
	{ "MIT t_decrypt", 18, 3,
	  "e5a72be9b7926c1225bafef9c1872e7ba4cdb2b17893d84abd90acdd8764d966",
	  NULL, P13,
	  "d8f1aafeec84587cc3e700a774e56651a6d693e174ec4473b5e6d96f80297a65"
	  "3fb818ad893e719f96" },
	{ "MIT t_decrypt", 18, 4,
	  "f1c795e9248a09338d82c3f8d5b567040b0110736845041347235b1404231398",
	  NULL, P30,
	  "d1137a4d634cfece924dbc3bf6790648bd5cff7de0e7b99460211d0daef3d79a"
	  "295c688858f3b34b9cbd6eebae81daf6b734d4d498b6714f1c1d" },
	{ "MIT t_decrypt", 23, 0, "f81fec39255f5784e850c4377c88bd85", NULL, P0,
	  "02c1eb155861441 22ec717763dd348bf00434ddc6585954c" },
	{ "MIT t_decrypt", 23, 1, "67d1300d281223867f9647ff48721273", NULL, P1,
	  "6156e0cc04e0a0874f9fda008f498a7adbbc80b70b14dddbc0" },
	{ "MIT t_decrypt", 23, 2, "3e40ab6093695281b3ac1a9304224d98", NULL, P9,
	  "0f9ad121d99d4a09448e4f1f718c4f5cbe6096262c66f29df232a87c9f98755d"
	  "55" },
	{ "MIT t_decrypt", 23, 3, "4ba2fbf0379faed87a254d3b353d5a7e", NULL, P13,
	  "612c57568b17a70352bae8cf26fb9459a6f3353cd35fd439db3107cbec765d32"
	  "6dfc04c1dd" },
	{ "MIT t_decrypt", 23, 4, "68f263db3fce15d031c9eab02d67107a", NULL, P30,
	  "95f9047c3ad75891c2e9b04b16566dc8b6eb9ce4231afb2542ef87a7b5a0f260"
	  "a99f0460508de0cecc632d07c354124e46c5d2234eb8" },
};

static void test_enc(const struct enc_vec *v)
{
	unsigned char *pt, *ct, *conf = NULL, *buf;
	size_t pl, cl, fl, off = 0, len = 0;
	struct krbap_ukey uk = { 0 };
	struct krbap_key key;
	int err;

	pt = hex(v->pt, &pl);
	ct = hex(v->ct, &cl);
	buf = calloc(1, cl + 64);
	err = test_key(&key, v->etype, v->key);
	if (!err)
		err = krbap_ukey_init(&uk, &key, v->usage, KRBAP_KU_ENCRYPT);
	if (!err && v->conf) {
		conf = hex(v->conf, &fl);
		err = krbap_encrypt_conf(&uk, conf, pt, pl, buf, cl);
		ok(!err && krbap_ciphertext_len(key.et, pl) == cl &&
		   !memcmp(buf, ct, cl), "%s encrypt: %s, usage %u, %zu bytes",
		   v->src, key.et->name, v->usage, pl);
	}
	memcpy(buf, ct, cl);
	if (!err)
		err = krbap_decrypt(&uk, buf, cl, &off, &len);
	ok(!err && len == pl && !memcmp(buf + off, pt, pl),
	   "%s decrypt: %s, usage %u, %zu bytes", v->src,
	   krbap_enctype_lookup(v->etype)->name, v->usage, pl);
	krbap_ukey_destroy(&uk);
	free(pt);
	free(ct);
	free(conf);
	free(buf);
}

static void test_prf(void)
{
	static const struct { s32 etype; const char *key, *out; } prfs[] = {
		{ 19, K128_8009, "9d188616f63852fe86915bb840b4a886"
				 "ff3e6bb0f819b49b893393d393854295" },
		{ 20, K256_8009, "9801f69a368c2bf675e59521e177d9a07f67efe1cfde8d3c"
				 "8d6f6a0256e3b17db3c1b62ad1b8553360d17367eb1514d2" },
	};
	unsigned char out[48], *want;
	struct krbap_key key;
	size_t i, wl;

	for (i = 0; i < ARRAY_SIZE(prfs); i++) {
		int err;

		want = hex(prfs[i].out, &wl);
		err = test_key(&key, prfs[i].etype, prfs[i].key);
		if (!err)
			err = krbap_prf(&key, (const u8 *)"test", 4, out, wl);
		ok(!err && !memcmp(out, want, wl), "RFC 8009 PRF: %s",
		   key.et->name);
		free(want);
	}
	test_key(&key, 17, "5a5c0f0ba54f3828b2195e66ca24a289");
	ok(krbap_prf(&key, (const u8 *)"test", 4, out, 16) == -EOPNOTSUPP,
	   "PRF not offered for aes128-cts-hmac-sha1-96");
}

static void test_init(void)
{
	const s32 *ids;
	unsigned int n, i, enabled = 0;

	ok(krbap_enctype_find(18) == NULL, "nothing usable before init");
	ok(krbap_crypto_init() == 0, "krbap_crypto_init");
	n = krbap_crypto_etypes(&ids);
	for (i = 0; i < n; i++) {
		enum krbap_etype_state s = krbap_crypto_etype_state(ids[i]);

		ok(s == KRBAP_ETYPE_ENABLED, "self-test passed: %s (%d)",
		   krbap_enctype_lookup(ids[i])->name, ids[i]);
		enabled += s == KRBAP_ETYPE_ENABLED;
	}
	ok(n == 7 && enabled == 7, "7 enctypes built in and enabled");
	ok(krbap_crypto_etype_state(16) == KRBAP_ETYPE_UNAVAILABLE &&
	   !krbap_enctype_find(16) && !krbap_enctype_find(1),
	   "des3 and des are not there");
	ok(krbap_enctype_by_cksumtype(KRBAP_CKSUMTYPE_HMAC_MD5_ARCFOUR) ==
	   krbap_enctype_find(23), "cksumtype -138 maps to rc4-hmac");
}

static bool zero_keys(const struct krbap_ukey *uk)
{
	return shim_skcipher_key_zero(uk->enc) && shim_shash_key_zero(uk->mac) &&
	       (!uk->cksum || shim_shash_key_zero(uk->cksum));
}

static bool same_ct(const struct krbap_ukey *a, const struct krbap_ukey *b)
{
	static const u8 conf[16] = "confounder......", pt[] = "plaintext";
	u8 ca[64], cb[64];

	if (!(a->flags & KRBAP_KU_ENCRYPT))
		return !krbap_checksum_make(a, pt, sizeof(pt), ca, sizeof(ca)) &&
		       !krbap_checksum_make(b, pt, sizeof(pt), cb, sizeof(cb)) &&
		       !memcmp(ca, cb, a->et->cksumlen);
	return !krbap_encrypt_conf(a, conf, pt, sizeof(pt), ca, sizeof(ca)) &&
	       !krbap_encrypt_conf(b, conf, pt, sizeof(pt), cb, sizeof(cb)) &&
	       !memcmp(ca, cb, krbap_ciphertext_len(a->et, sizeof(pt)));
}

/*
 * krbap_ukey_get/put: a pooled ukey keeps no key and rekeys correctly
 * (encrypts, or checksums for KRBAP_KU_CHECKSUM, as a fresh ukey does)
 */
static void test_pool_etype(s32 etype, unsigned int flags)
{
	struct krbap_ukey uk, fresh, zeroed = { 0 };
	struct crypto_sync_skcipher *enc;
	struct crypto_shash *mac, *cksum;
	struct krbap_key key;
	const char *name;

	krbap_random_key(etype, &key);
	name = key.et->name;
	if (krbap_ukey_get(&uk, &key, 11, flags) ||
	    krbap_ukey_init(&fresh, &key, 11, flags)) {
		ok(0, "pool %s %u: ukeys prepared", name, flags);
		return;
	}
	ok(same_ct(&uk, &fresh), "pool %s %u: a first get encrypts as init",
	   name, flags);
	enc = uk.enc;
	mac = uk.mac;
	cksum = uk.cksum;
	krbap_ukey_put(&uk);
	ok(!memcmp(&uk, &zeroed, sizeof(uk)), "pool %s %u: put zeroes the ukey",
	   name, flags);
	ok(shim_skcipher_key_zero(enc) && shim_shash_key_zero(mac) &&
	   (!cksum || shim_shash_key_zero(cksum)),
	   "pool %s %u: every pooled transform is keyed with zeros", name,
	   flags);
	ok(!krbap_ukey_get(&uk, &key, 11, flags) && uk.enc == enc &&
	   uk.mac == mac && uk.cksum == cksum && same_ct(&uk, &fresh) &&
	   !zero_keys(&uk), "pool %s %u: the next get reuses and rekeys it",
	   name, flags);
	krbap_ukey_put(&uk);
	krbap_ukey_destroy(&fresh);
	krbap_key_destroy(&key);
}

static void test_pool(void)
{
	static const s32 pooled[] = { 17, 18, 19, 20, 25, 26 };
	struct krbap_ukey many[40], uk;
	struct krbap_key key;
	size_t i;
	bool good = true;

	for (i = 0; i < ARRAY_SIZE(pooled); i++) {
		test_pool_etype(pooled[i], KRBAP_KU_ENCRYPT);
		test_pool_etype(pooled[i], KRBAP_KU_CHECKSUM);
	}
	krbap_random_key(23, &key);
	ok(!krbap_ukey_get(&uk, &key, 11, KRBAP_KU_ENCRYPT) && !uk.enc,
	   "pool: rc4-hmac ukeys are allocated, not pooled");
	krbap_ukey_put(&uk);
	krbap_random_key(18, &key);
	for (i = 0; i < ARRAY_SIZE(many); i++)
		good &= !krbap_ukey_get(&many[i], &key, 12, KRBAP_KU_ENCRYPT);
	for (i = 0; i < ARRAY_SIZE(many); i++)
		krbap_ukey_put(&many[i]);
	ok(good, "pool: 40 ukeys out at once, all put back (the rest freed)");
	krbap_key_destroy(&key);
}

int main(void)
{
	size_t i;

	test_init();
	test_nfold();
	test_cts();
	test_kdf();
	test_cksums();
	for (i = 0; i < ARRAY_SIZE(encs); i++)
		test_enc(&encs[i]);
	test_prf();
	test_pool();
	krbap_crypto_exit();
	return tap_done();
}
