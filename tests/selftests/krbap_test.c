// SPDX-License-Identifier: GPL-2.0-only
/*
 * krbap selftests: run as root inside the test VM from the top of the
 * repository (tests/vm/run -- tests/selftests/run).  They load and unload
 * kmod/krbap.ko themselves and drive it through netlink, krbapctl and
 * krbapd.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/krbap.h>
#include <netlink/genl/genl.h>

#include "kselftest_harness.h"
#include "nl.h"

#define NOBODY		65534
#define KRBAPCTL	"tools/krbapctl"
#define KRBAPD		"helper/krbapd"

static const char *module_path(void)
{
	const char *p = getenv("KRBAP_MODULE");

	return p ? p : "kmod/krbap.ko";
}

/* what modprobe would load first: modinfo's depends= list */
static void load_dependencies(void)
{
	static bool done;
	char cmd[512];

	if (done)
		return;
	done = true;
	snprintf(cmd, sizeof(cmd),
		 "for m in $(modinfo -F depends %s | tr , ' '); do "
		 "modprobe -q $m; done", module_path());
	if (system(cmd))
		fprintf(stderr, "# loading dependencies failed\n");
}

/* 0, or -errno; loading a loaded module is not an error here */
static int mod_load(void)
{
	int fd, ret;

	load_dependencies();
	fd = open(module_path(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return ret == -EEXIST ? 0 : ret;
}

static int mod_unload(void)
{
	for (int i = 0; i < 50; i++) {
		if (!syscall(SYS_delete_module, "krbap", O_NONBLOCK))
			return 0;
		if (errno == ENOENT)
			return 0;
		if (errno != EAGAIN && errno != EBUSY)
			return -errno;
		usleep(100 * 1000);
	}
	return -EBUSY;
}

static bool mod_present(void)
{
	struct stat st;

	return !stat("/sys/module/krbap", &st);
}

static bool family_present(void)
{
	struct knl *h;
	int err;

	h = knl_open(&err);
	knl_close(h);
	return h;
}

struct status {
	char version[32];
	unsigned int skew;
	unsigned int allow_rc4;
	int pac_policy;		/* -1 when not reported */
	unsigned int helper;
};

static int status_reply(struct nlattr **tb, void *arg)
{
	struct nlattr *cfg[KRBAP_A_CONFIG_MAX + 1];
	struct status *st = arg;

	memset(st, 0, sizeof(*st));
	st->pac_policy = -1;
	if (tb[KRBAP_A_VERSION])
		snprintf(st->version, sizeof(st->version), "%s",
			 nla_get_string(tb[KRBAP_A_VERSION]));
	if (tb[KRBAP_A_HELPER_PORTID])
		st->helper = nla_get_u32(tb[KRBAP_A_HELPER_PORTID]);
	if (!tb[KRBAP_A_CONFIG] ||
	    nla_parse_nested(cfg, KRBAP_A_CONFIG_MAX, tb[KRBAP_A_CONFIG], NULL))
		return -EBADMSG;
	if (cfg[KRBAP_A_CONFIG_CLOCK_SKEW])
		st->skew = nla_get_u32(cfg[KRBAP_A_CONFIG_CLOCK_SKEW]);
	if (cfg[KRBAP_A_CONFIG_ALLOW_RC4])
		st->allow_rc4 = nla_get_u8(cfg[KRBAP_A_CONFIG_ALLOW_RC4]);
	if (cfg[KRBAP_A_CONFIG_PAC_POLICY])
		st->pac_policy = nla_get_u32(cfg[KRBAP_A_CONFIG_PAC_POLICY]);
	return 0;
}

/* one request on a fresh socket: 0 or the kernel's -errno */
static int call(uint8_t cmd, int (*fill)(struct nl_msg *msg),
		struct status *st)
{
	struct nl_msg *msg;
	struct knl *h;
	int ret;

	h = knl_open(&ret);
	if (!h)
		return ret;
	msg = knl_msg(h, cmd, 0);
	ret = !msg ? -ENOMEM : fill && fill(msg) ? -EMSGSIZE :
	      knl_call(h, msg, st ? status_reply : NULL, st);
	knl_close(h);
	return ret;
}

static int get_status(struct status *st)
{
	return call(KRBAP_CMD_STATUS_GET, NULL, st);
}

static unsigned int skew_value;

static int fill_skew(struct nl_msg *msg)
{
	struct nlattr *nest = nla_nest_start(msg, KRBAP_A_CONFIG);

	if (!nest || nla_put_u32(msg, KRBAP_A_CONFIG_CLOCK_SKEW, skew_value))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

static int set_skew(unsigned int skew)
{
	skew_value = skew;
	return call(KRBAP_CMD_CONFIG_SET, fill_skew, NULL);
}

/* runs a shell command; returns its exit status, output in buf */
static int run(char *buf, size_t len, const char *fmt, ...)
{
	char cmd[512];
	size_t n = 0;
	va_list ap;
	FILE *p;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	while (buf && n + 1 < len && fgets(buf + n, len - n, p))
		n += strlen(buf + n);
	if (buf)
		buf[n] = '\0';
	while (fgetc(p) != EOF)
		;
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static pid_t start_krbapd(const char *log)
{
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);

		dup2(fd, 2);
		execl(KRBAPD, KRBAPD, (char *)NULL);
		_exit(127);
	}
	return pid;
}

/* waits up to 5 s for the helper slot to be taken (or freed) */
static bool wait_helper(bool registered)
{
	struct status st;

	for (int i = 0; i < 100; i++) {
		if (!get_status(&st) && !!st.helper == registered)
			return true;
		usleep(50 * 1000);
	}
	return false;
}

static int stop(pid_t pid, int sig)
{
	int st;

	kill(pid, sig);
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static bool file_has(const char *path, const char *needle)
{
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, needle);
}

/*
 * Tests that load the module many times (each load runs the crypto
 * self-tests) or start many processes: slow under TCG, a longer timeout.
 */
FIXTURE(slow) {};
FIXTURE_SETUP(slow) {}
FIXTURE_TEARDOWN(slow) {}

TEST_F_TIMEOUT(slow, load_unload_ten_times, 300)
{
	ASSERT_EQ(0, mod_unload());
	for (int i = 0; i < 10; i++) {
		ASSERT_EQ(0, mod_load());
		ASSERT_TRUE(mod_present());
		ASSERT_TRUE(family_present());
		ASSERT_EQ(0, mod_unload());
		ASSERT_FALSE(mod_present());
		ASSERT_FALSE(family_present());
	}
}

TEST(module_missing_is_reported)
{
	char out[512];

	ASSERT_EQ(0, mod_unload());
	ASSERT_EQ(2, run(out, sizeof(out), KRBAPCTL " status 2>&1"));
	ASSERT_NE(NULL, strstr(out, "module not loaded"));
}

TEST(family_registered_on_load)
{
	ASSERT_EQ(0, mod_load());
	ASSERT_TRUE(family_present());
}

TEST(status_defaults)
{
	struct status st;
	char ver[32];
	FILE *f;

	ASSERT_EQ(0, mod_load());
	ASSERT_EQ(0, get_status(&st));
	f = fopen("/sys/module/krbap/version", "r");
	ASSERT_NE(NULL, f);
	ASSERT_NE(NULL, fgets(ver, sizeof(ver), f));
	fclose(f);
	ver[strcspn(ver, "\n")] = '\0';
	EXPECT_STREQ(ver, st.version);
	EXPECT_EQ(KRBAP_CLOCK_SKEW_DEFAULT, st.skew);
	EXPECT_EQ(0, st.allow_rc4);
	EXPECT_EQ(0, st.helper);
}

TEST(krbapctl_status)
{
	char out[2048];

	ASSERT_EQ(0, mod_load());
	ASSERT_EQ(0, set_skew(KRBAP_CLOCK_SKEW_DEFAULT));
	ASSERT_EQ(0, run(out, sizeof(out), KRBAPCTL " status"));
	EXPECT_NE(NULL, strstr(out, "generic netlink family krbap"));
	EXPECT_NE(NULL, strstr(out, "clock_skew 300s"));
	ASSERT_EQ(0, run(out, sizeof(out), KRBAPCTL " -j status"));
	EXPECT_NE(NULL, strstr(out, "\"family\":\"krbap\""));
	EXPECT_NE(NULL, strstr(out, "\"clock_skew\":300"));
	EXPECT_NE(NULL, strstr(out, "\"registered\":false"));
	/* the JSON must parse */
	EXPECT_EQ(0, run(NULL, 0, KRBAPCTL " -j status | "
			 "jq -e '.family == \"krbap\"' >/dev/null"));
	EXPECT_EQ(2, run(NULL, 0, KRBAPCTL " status bogus 2>/dev/null"));
	EXPECT_EQ(2, run(NULL, 0, KRBAPCTL " nosuchobject 2>/dev/null"));
}

/* the state krbapctl -j status reports for one enctype, via jq */
static int etype_state(int id, char *state, size_t len)
{
	return run(state, len, KRBAPCTL " -j status | jq -j "
		   "'.enctypes[] | select(.id == %d) | .state'", id);
}

TEST_F_TIMEOUT(slow, enctypes_pass_selftest_and_rc4_is_opt_in, 300)
{
	static const int enabled[] = { 17, 18, 19, 20, 25, 26 };
	char state[64];

	ASSERT_EQ(0, mod_unload());
	ASSERT_EQ(0, mod_load());
	for (size_t i = 0; i < sizeof(enabled) / sizeof(enabled[0]); i++) {
		ASSERT_EQ(0, etype_state(enabled[i], state, sizeof(state)));
		EXPECT_STREQ("enabled", state) {
			TH_LOG("enctype %d", enabled[i]);
		}
	}
	ASSERT_EQ(0, etype_state(23, state, sizeof(state)));
	EXPECT_STREQ("disabled", state);
	ASSERT_EQ(0, run(NULL, 0, KRBAPCTL " config set allow_rc4 on"));
	ASSERT_EQ(0, etype_state(23, state, sizeof(state)));
	EXPECT_STREQ("enabled", state);
	ASSERT_EQ(0, run(NULL, 0, KRBAPCTL " config set allow_rc4 off"));
	ASSERT_EQ(0, etype_state(23, state, sizeof(state)));
	EXPECT_STREQ("disabled", state);
	/* DES and 3DES are not built in at all (RFC 8429) */
	ASSERT_EQ(0, etype_state(16, state, sizeof(state)));
	EXPECT_STREQ("", state);
}

TEST(config_set_and_bounds)
{
	struct status st;

	ASSERT_EQ(0, mod_load());
	ASSERT_EQ(0, set_skew(600));
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(600, st.skew);
	EXPECT_EQ(-ERANGE, set_skew(0));
	EXPECT_EQ(-ERANGE, set_skew(KRBAP_CLOCK_SKEW_MAX + 1));
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(600, st.skew);
	EXPECT_EQ(0, run(NULL, 0, KRBAPCTL " config set clock_skew 120"));
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(120, st.skew);
	EXPECT_EQ(1, run(NULL, 0, KRBAPCTL " config set clock_skew 0 2>/dev/null"));
	EXPECT_EQ(2, run(NULL, 0, KRBAPCTL " config set clock_skew x 2>/dev/null"));
	EXPECT_EQ(2, run(NULL, 0, KRBAPCTL " config set nosuch 1 2>/dev/null"));
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(120, st.skew);
	ASSERT_EQ(0, set_skew(KRBAP_CLOCK_SKEW_DEFAULT));
}

static uint32_t pac_value;

static int fill_pac(struct nl_msg *msg)
{
	struct nlattr *nest = nla_nest_start(msg, KRBAP_A_CONFIG);

	if (!nest || nla_put_u32(msg, KRBAP_A_CONFIG_PAC_POLICY, pac_value))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

/* reject by default; ignore and back; out of range refused, no change */
TEST(config_pac_policy)
{
	struct status st;
	char out[512];

	ASSERT_EQ(0, mod_load());
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(KRBAP_PAC_REJECT, st.pac_policy);
	EXPECT_EQ(0, run(NULL, 0, KRBAPCTL " config set pac_policy ignore"));
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(KRBAP_PAC_IGNORE, st.pac_policy);
	EXPECT_EQ(0, run(out, sizeof(out), KRBAPCTL " config get"));
	EXPECT_NE(NULL, strstr(out, "pac_policy ignore"));
	pac_value = __KRBAP_PAC_POLICY_MAX;
	EXPECT_EQ(-ERANGE, call(KRBAP_CMD_CONFIG_SET, fill_pac, NULL));
	EXPECT_EQ(2, run(NULL, 0, KRBAPCTL " config set pac_policy maybe 2>/dev/null"));
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(KRBAP_PAC_IGNORE, st.pac_policy);
	pac_value = KRBAP_PAC_REJECT;
	EXPECT_EQ(0, call(KRBAP_CMD_CONFIG_SET, fill_pac, NULL));
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(KRBAP_PAC_REJECT, st.pac_policy);
}

TEST(config_set_needs_config)
{
	ASSERT_EQ(0, mod_load());
	EXPECT_EQ(-EINVAL, call(KRBAP_CMD_CONFIG_SET, NULL, NULL));
}

static int fill_unknown(struct nl_msg *msg)
{
	return nla_put_u32(msg, KRBAP_A_MAX + 1, 1);
}

TEST(unknown_attribute_rejected)
{
	ASSERT_EQ(0, mod_load());
	EXPECT_NE(0, call(KRBAP_CMD_CONFIG_SET, fill_unknown, NULL));
	EXPECT_NE(0, call(KRBAP_CMD_STATUS_GET, fill_unknown, NULL));
}

static int fill_key(struct nl_msg *msg)
{
	static const unsigned char key[16] = { 1, 2, 3, 4 };

	return nla_put_string(msg, KRBAP_A_PRINCIPAL, "nfs/x@Y") ||
	       nla_put_u32(msg, KRBAP_A_KVNO, 1) ||
	       nla_put_s32(msg, KRBAP_A_ENCTYPE, 17) ||
	       nla_put(msg, KRBAP_A_KEY, sizeof(key), key);
}

static int drop_to_nobody(void)
{
	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY))
		return -1;
	return 0;
}

TEST(unprivileged_reads_status_but_no_admin_command)
{
	static const struct {
		uint8_t cmd;
		int (*fill)(struct nl_msg *msg);
	} admin[] = {
		{ KRBAP_CMD_CONFIG_SET, fill_skew },
		{ KRBAP_CMD_HELPER_REGISTER, NULL },
		{ KRBAP_CMD_HELPER_UNREGISTER, NULL },
		{ KRBAP_CMD_KEY_ADD, fill_key },
		{ KRBAP_CMD_KEY_DEL, NULL },
		{ KRBAP_CMD_KEY_FLUSH, NULL },
		{ KRBAP_CMD_ACCEPT, NULL },
		{ KRBAP_CMD_RCACHE_RESTORE, NULL },
	};
	struct status st;
	char out[512];

	ASSERT_EQ(0, mod_load());
	ASSERT_EQ(0, drop_to_nobody());
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(KRBAP_CLOCK_SKEW_DEFAULT, st.skew);
	skew_value = 100;
	for (size_t i = 0; i < sizeof(admin) / sizeof(admin[0]); i++) {
		EXPECT_EQ(-EPERM, call(admin[i].cmd, admin[i].fill, NULL)) {
			TH_LOG("command %u", admin[i].cmd);
		}
	}
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(KRBAP_CLOCK_SKEW_DEFAULT, st.skew);
	EXPECT_EQ(1, run(out, sizeof(out),
			 KRBAPCTL " config set clock_skew 100 2>&1"));
	EXPECT_NE(NULL, strstr(out, "permission denied"));
	EXPECT_EQ(0, run(NULL, 0, KRBAPCTL " status >/dev/null"));
}

static const unsigned char secret[16] = {
	0x5e, 0xc7, 0xe7, 0x5e, 0xc7, 0xe7, 0x5e, 0xc7,
	0xe7, 0x5e, 0xc7, 0xe7, 0x5e, 0xc7, 0xe7, 0x11,
};

static int fill_secret_key(struct nl_msg *msg)
{
	return nla_put_string(msg, KRBAP_A_PRINCIPAL, "cifs/secret@Y") ||
	       nla_put_u32(msg, KRBAP_A_KVNO, 9) ||
	       nla_put_s32(msg, KRBAP_A_ENCTYPE, 17) ||
	       nla_put(msg, KRBAP_A_KEY, sizeof(secret), secret);
}

/* fails the reply when any attribute's bytes hold the secret key */
static int scan_reply(struct nlattr **tb, void *arg)
{
	int *seen = arg;

	for (int i = 1; i <= KRBAP_A_MAX; i++)
		if (tb[i] && memmem(nla_data(tb[i]), nla_len(tb[i]), secret,
				    sizeof(secret)))
			(*seen)++;
	(*seen) += 1000;	/* count replies too */
	return 0;
}

static int scan(uint8_t cmd, int flags)
{
	struct nl_msg *msg;
	struct knl *h;
	int seen = 0, ret;

	h = knl_open(&ret);
	if (!h)
		return ret;
	msg = knl_msg(h, cmd, flags);
	ret = msg ? knl_call(h, msg, scan_reply, &seen) : -ENOMEM;
	knl_close(h);
	return ret ? ret : seen;
}

TEST(no_command_returns_key_bytes)
{
	ASSERT_EQ(0, mod_load());
	ASSERT_EQ(0, call(KRBAP_CMD_KEY_ADD, fill_secret_key, NULL));
	/* each returns replies (>= 1000) and never the key (< 1 per 1000) */
	EXPECT_EQ(0, scan(KRBAP_CMD_STATUS_GET, 0) % 1000);
	EXPECT_EQ(0, scan(KRBAP_CMD_STATS_GET, 0) % 1000);
	EXPECT_LE(1000, scan(KRBAP_CMD_KEY_GET, NLM_F_DUMP));
	EXPECT_EQ(0, scan(KRBAP_CMD_KEY_GET, NLM_F_DUMP) % 1000);
	EXPECT_EQ(0, run(NULL, 0, KRBAPCTL " -j key list | grep -qi "
			 "5ec7e75ec7e75ec7e75ec7e75ec7e711 && exit 1 || exit 0"));
	EXPECT_EQ(0, run(NULL, 0, KRBAPCTL " -j key list | grep -q "
			 "cifs/secret@Y"));
	EXPECT_EQ(0, run(NULL, 0, KRBAPCTL " key flush"));
}

/*
 * An unprivileged user with a user namespace of its own: no admin
 * command in the initial network namespace, every one in a network
 * namespace its user namespace owns.
 */
TEST(user_namespace_admin_only_in_its_own_netns)
{
	struct status st;
	pid_t pid;
	int wst;

	ASSERT_EQ(0, mod_load());
	ASSERT_EQ(0, set_skew(KRBAP_CLOCK_SKEW_DEFAULT));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (drop_to_nobody() || unshare(CLONE_NEWUSER))
			_exit(10);
		/* still in the initial network namespace */
		if (set_skew(77) != -EPERM)
			_exit(11);
		if (call(KRBAP_CMD_KEY_ADD, fill_key, NULL) != -EPERM)
			_exit(12);
		if (unshare(CLONE_NEWNET))
			_exit(13);
		if (set_skew(77) || get_status(&st) || st.skew != 77)
			_exit(14);
		if (call(KRBAP_CMD_KEY_ADD, fill_key, NULL))
			_exit(15);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &wst, 0));
	ASSERT_TRUE(WIFEXITED(wst));
	EXPECT_EQ(0, WEXITSTATUS(wst)) {
		TH_LOG("child failed at step %d", WEXITSTATUS(wst));
	}
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(KRBAP_CLOCK_SKEW_DEFAULT, st.skew);
}

TEST(config_is_per_netns)
{
	struct status st;
	pid_t pid;
	int wst;

	ASSERT_EQ(0, mod_load());
	ASSERT_EQ(0, set_skew(700));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (unshare(CLONE_NEWNET) || get_status(&st) ||
		    st.skew != KRBAP_CLOCK_SKEW_DEFAULT || set_skew(42) ||
		    get_status(&st) || st.skew != 42)
			_exit(1);
		_exit(0);
	}
	ASSERT_EQ(pid, waitpid(pid, &wst, 0));
	EXPECT_TRUE(WIFEXITED(wst) && WEXITSTATUS(wst) == 0);
	ASSERT_EQ(0, get_status(&st));
	EXPECT_EQ(700, st.skew);
	ASSERT_EQ(0, set_skew(KRBAP_CLOCK_SKEW_DEFAULT));
}

TEST(krbapd_registers_and_exits_on_sigterm)
{
	const char *log = "/tmp/krbapd-sigterm.log";
	char out[512];
	pid_t pid;

	ASSERT_EQ(0, mod_load());
	ASSERT_TRUE(wait_helper(false));
	pid = start_krbapd(log);
	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_helper(true));
	EXPECT_EQ(0, run(out, sizeof(out), KRBAPCTL " -j status"));
	EXPECT_NE(NULL, strstr(out, "\"registered\":true"));
	/* a second helper in the same namespace is refused */
	EXPECT_EQ(1, run(NULL, 0, KRBAPD " 2>/tmp/krbapd-second.log"));
	EXPECT_TRUE(file_has("/tmp/krbapd-second.log", "another krbapd"));
	EXPECT_EQ(0, stop(pid, SIGTERM));
	EXPECT_TRUE(wait_helper(false));
	EXPECT_TRUE(file_has(log, "registered with the krbap module"));
}

TEST(killed_krbapd_frees_the_slot)
{
	pid_t pid;

	ASSERT_EQ(0, mod_load());
	pid = start_krbapd("/tmp/krbapd-kill.log");
	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_helper(true));
	EXPECT_EQ(128 + SIGKILL, stop(pid, SIGKILL));
	EXPECT_TRUE(wait_helper(false));
}

TEST(unload_while_krbapd_runs)
{
	const char *log = "/tmp/krbapd-unload.log";
	pid_t pid;

	ASSERT_EQ(0, mod_load());
	pid = start_krbapd(log);
	ASSERT_LT(0, pid);
	ASSERT_TRUE(wait_helper(true));
	ASSERT_EQ(0, mod_unload());
	ASSERT_FALSE(mod_present());
	usleep(300 * 1000);
	EXPECT_EQ(0, waitpid(pid, NULL, WNOHANG));
	EXPECT_TRUE(file_has(log, "module unloaded"));
	/* krbapd follows the module back */
	ASSERT_EQ(0, mod_load());
	EXPECT_TRUE(wait_helper(true));
	EXPECT_EQ(0, stop(pid, SIGTERM));
	EXPECT_TRUE(wait_helper(false));
	EXPECT_EQ(0, mod_unload());
}

TEST_HARNESS_MAIN
