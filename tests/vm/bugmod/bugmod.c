// SPDX-License-Identifier: GPL-2.0-only
/*
 * bugmod: a test-only module that commits one deliberate bug on load, so
 * that make check-debug can prove each checker of the debug kernel fires.
 * Never load it outside a throwaway VM.
 *
 *   bug=leak     four kmalloc()s dropped on the floor (kmemleak)
 *   bug=uaf      a read of freed memory (KASAN)
 *   bug=shift    1 << 40 on an int (UBSAN shift-out-of-bounds)
 *   bug=lockdep  two mutexes taken in both orders (lockdep)
 *   bug=none     nothing: the control run, which must pass
 */

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/mutex.h>
#include <linux/string.h>

static char *bug = "none";
module_param(bug, charp, 0444);
MODULE_PARM_DESC(bug, "leak, uaf, shift, lockdep or none");

static int shift = 40;
module_param(shift, int, 0444);
MODULE_PARM_DESC(shift, "the shift count of bug=shift");

static DEFINE_MUTEX(lock_a);
static DEFINE_MUTEX(lock_b);

static noinline void leak(void)
{
	void *p;
	int i;

	for (i = 0; i < 4; i++) {
		p = kmalloc(1024, GFP_KERNEL);
		if (p)
			memset(p, 0xa5, 1024);
		OPTIMIZER_HIDE_VAR(p);
		p = NULL;
	}
}

static noinline void use_after_free(void)
{
	char *p = kmalloc(64, GFP_KERNEL);

	if (!p)
		return;
	kfree(p);
	OPTIMIZER_HIDE_VAR(p);
	pr_info("bugmod: freed byte reads %d\n", READ_ONCE(p[8]));
}

static noinline void shift_out_of_bounds(void)
{
	int n = shift;

	OPTIMIZER_HIDE_VAR(n);
	pr_info("bugmod: 1 << %d is %d\n", n, 1 << n);
}

/* A then B, later B then A: lockdep reports the cycle though none waits. */
static noinline void lock_inversion(void)
{
	mutex_lock(&lock_a);
	mutex_lock(&lock_b);
	mutex_unlock(&lock_b);
	mutex_unlock(&lock_a);

	mutex_lock(&lock_b);
	mutex_lock(&lock_a);
	mutex_unlock(&lock_a);
	mutex_unlock(&lock_b);
}

static int __init bugmod_init(void)
{
	if (!strcmp(bug, "leak"))
		leak();
	else if (!strcmp(bug, "uaf"))
		use_after_free();
	else if (!strcmp(bug, "shift"))
		shift_out_of_bounds();
	else if (!strcmp(bug, "lockdep"))
		lock_inversion();
	else if (strcmp(bug, "none"))
		return -EINVAL;
	pr_info("bugmod: bug=%s done\n", bug);
	return 0;
}

static void __exit bugmod_exit(void)
{
}

module_init(bugmod_init);
module_exit(bugmod_exit);
MODULE_DESCRIPTION("Deliberate bugs that the debug kernel's checkers must report");
MODULE_LICENSE("GPL");
