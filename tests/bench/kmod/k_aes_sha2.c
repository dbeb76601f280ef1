// SPDX-License-Identifier: GPL-2.0-only
/* krbap's own source, compiled into the bench module unchanged */
#include "../../../kmod/crypto/aes_sha2.c"
