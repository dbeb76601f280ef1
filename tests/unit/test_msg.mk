# SPDX-License-Identifier: GPL-2.0-only
# Checks msg.c against MIT krb5's own codec (libkrb5's decode_krb5_*).
TESTS		+= test_msg
test_msg_SRCS	:= kmod/der.c kmod/msg.c tests/unit/test_msg.c
test_msg_LDLIBS	:= -lkrb5
