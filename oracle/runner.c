/* Scenario runner of the real-kernel oracle: runs in the QEMU guest, built with gcc -static.
 *
 * Reads the scenario file written by dev.pollcheck.oracle.Scenarios (tab-separated lines):
 *   case <id> <driver> <function> <scenario> <api> <predicted> <variant>
 *   op   <primitive and its arguments, space-separated>    run now, in order
 *   bg   <primitive ...>                                    run by a child during the final wait
 *   final <api> <slot> <events> <timeout ms> <want>
 *   end
 * and runs the cases of one variant (argv[2]), each in its own process so that every fd it opened
 * is closed afterwards. For each case it prints one line on the console:
 *   ORACLE case=<id> observed=lost|woke|error ms=<wait time> detail=<why, no spaces>
 * lost: the final wait timed out although poll(fd, want, 0) afterwards says the fd is ready;
 * woke: the wait returned the wanted event. The primitives are generic device operations; which
 * ones a driver's setup and triggers use is data (the tables under oracle/drivers), not code. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/input.h>
#include <linux/media.h>
#include <linux/uhid.h>
#include <linux/uinput.h>
#include <linux/videodev2.h>

#define MAXLINES 64
#define TRIGGER_DELAY_MS 150

static int slot[128];
static int epfd = -1;
static char failure[256];

static int fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(failure, sizeof failure, fmt, ap);
	va_end(ap);
	for (char *p = failure; *p; p++)
		if (*p == ' ')
			*p = '_';
	return -1;
}

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static void sleep_ms(int ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&t, &t) && errno == EINTR)
		;
}

static const struct { const char *name; unsigned bit; } evnames[] = {
	{ "IN", POLLIN }, { "PRI", POLLPRI }, { "OUT", POLLOUT }, { "ERR", POLLERR },
	{ "HUP", POLLHUP }, { "NVAL", POLLNVAL }, { "RDNORM", POLLRDNORM }, { "RDBAND", POLLRDBAND },
	{ "WRNORM", POLLWRNORM }, { "WRBAND", POLLWRBAND }, { "MSG", POLLMSG }, { "RDHUP", 0x2000 },
};

/* "IN|PRI" -> bits; -1 on an unknown name */
static long events(const char *s)
{
	long bits = 0;
	char buf[128], *save, *tok;
	snprintf(buf, sizeof buf, "%s", s);
	for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		size_t i;
		if (!strcmp(tok, "0"))
			continue;
		for (i = 0; i < sizeof evnames / sizeof evnames[0]; i++)
			if (!strcmp(tok, evnames[i].name))
				break;
		if (i == sizeof evnames / sizeof evnames[0])
			return -1;
		bits |= evnames[i].bit;
	}
	return bits;
}

static int *slotp(const char *s)
{
	return s && s[0] && !s[1] ? &slot[(unsigned char)s[0] & 127] : NULL;
}

static int fd_of(const char *s)
{
	int *p = slotp(s);
	return p && *p >= 0 ? *p : -1;
}

/* Read a one-line sysfs attribute. */
static int read_attr(const char *path, char *buf, size_t n)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(buf, n, f))
		buf[0] = 0;
	fclose(f);
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

/* v4l:PREFIX -> /dev/videoN whose name starts with PREFIX; input:NAME -> /dev/input/eventN. */
static int resolve(const char *spec, char *path, size_t n)
{
	const char *pat, *dev;
	size_t skip;
	if (!strncmp(spec, "v4l:", 4)) {
		pat = "/sys/class/video4linux/*/name"; dev = "/dev/"; skip = 4;
	} else if (!strncmp(spec, "input:", 6)) {
		pat = "/sys/class/input/event*/device/name"; dev = "/dev/input/"; skip = 6;
	} else {
		snprintf(path, n, "%s", spec);
		return 0;
	}
	for (int tries = 0; tries < 40; tries++) {
		glob_t g;
		if (glob(pat, 0, NULL, &g) == 0) {
			for (size_t i = 0; i < g.gl_pathc; i++) {
				char name[128];
				if (read_attr(g.gl_pathv[i], name, sizeof name) == 0 &&
				    !strncmp(name, spec + skip, strlen(spec + skip))) {
					/* .../class/<dir>/<node>/[device/]name: the node is the 5th element */
					char node[64];
					sscanf(g.gl_pathv[i], "/sys/class/%*[^/]/%63[^/]", node);
					snprintf(path, n, "%s%s", dev, node);
					globfree(&g);
					if (access(path, F_OK) == 0)
						return 0;
					goto again;
				}
			}
			globfree(&g);
		}
again:
		sleep_ms(50);
	}
	return fail("no_device_%s", spec);
}

static int xioctl(int fd, unsigned long req, void *arg, const char *what)
{
	int r;
	do
		r = ioctl(fd, req, arg);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return fail("%s:%s", what, strerror(errno));
	return r;
}

static int emit(int fd, int type, int code, int value)
{
	struct input_event ev[2];
	memset(ev, 0, sizeof ev);
	ev[0].type = type; ev[0].code = code; ev[0].value = value;
	ev[1].type = EV_SYN; ev[1].code = SYN_REPORT;
	if (write(fd, ev, sizeof ev) != (ssize_t)sizeof ev)
		return fail("input_write:%s", strerror(errno));
	return 0;
}

/* One primitive; a[0] is its name. */
static int run_op(char **a, int n)
{
	const char *op = a[0];
	int fd = n > 1 ? fd_of(a[1]) : -1;
	if (!strcmp(op, "open") && n == 3) {
		char path[256];
		int *p = slotp(a[1]);
		if (!p || resolve(a[2], path, sizeof path))
			return p ? -1 : fail("bad_slot_%s", a[1]);
		*p = open(path, O_RDWR | O_NONBLOCK);
		return *p < 0 ? fail("open_%s:%s", path, strerror(errno)) : 0;
	}
	if (!strcmp(op, "sleep") && n == 2) {
		sleep_ms(atoi(a[1]));
		return 0;
	}
	if (!strcmp(op, "pty") && n == 3) {
		int *m = slotp(a[1]), *s = slotp(a[2]);
		if (!m || !s)
			return fail("bad_slot");
		*m = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
		if (*m < 0 || grantpt(*m) || unlockpt(*m))
			return fail("ptmx:%s", strerror(errno));
		*s = open(ptsname(*m), O_RDWR | O_NOCTTY | O_NONBLOCK);
		return *s < 0 ? fail("pts:%s", strerror(errno)) : 0;
	}
	if (!strcmp(op, "uinput") && n == 3) {
		int *p = slotp(a[1]);
		struct uinput_setup us;
		if (!p)
			return fail("bad_slot");
		*p = open("/dev/uinput", O_RDWR | O_NONBLOCK);
		if (*p < 0)
			return fail("open_uinput:%s", strerror(errno));
		memset(&us, 0, sizeof us);
		us.id.bustype = BUS_VIRTUAL;
		snprintf(us.name, sizeof us.name, "%s", a[2]);
		if (xioctl(*p, UI_SET_EVBIT, (void *)(long)EV_KEY, "UI_SET_EVBIT") < 0 ||
		    xioctl(*p, UI_SET_KEYBIT, (void *)(long)KEY_A, "UI_SET_KEYBIT") < 0 ||
		    xioctl(*p, UI_SET_EVBIT, (void *)(long)EV_LED, "UI_SET_EVBIT") < 0 ||
		    xioctl(*p, UI_SET_LEDBIT, (void *)(long)LED_CAPSL, "UI_SET_LEDBIT") < 0 ||
		    xioctl(*p, UI_DEV_SETUP, &us, "UI_DEV_SETUP") < 0 ||
		    xioctl(*p, UI_DEV_CREATE, NULL, "UI_DEV_CREATE") < 0)
			return -1;
		return 0;
	}
	if (fd < 0)
		return fail("%s:no_fd_in_slot_%s", op, n > 1 ? a[1] : "?");

	if (!strcmp(op, "sfmt_out") && n == 4) {
		struct v4l2_format f;
		memset(&f, 0, sizeof f);
		f.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
		f.fmt.pix.width = atoi(a[2]);
		f.fmt.pix.height = atoi(a[3]);
		f.fmt.pix.pixelformat = V4L2_PIX_FMT_YUYV;
		f.fmt.pix.field = V4L2_FIELD_NONE;
		return xioctl(fd, VIDIOC_S_FMT, &f, "VIDIOC_S_FMT");
	}
	if (!strcmp(op, "write") && n == 3) {
		static char buf[1 << 16];
		size_t len = (size_t)atoi(a[2]);
		if (len > sizeof buf)
			len = sizeof buf;
		memset(buf, 0x80, len);
		if (write(fd, buf, len) < 0)
			return fail("write:%s", strerror(errno));
		return 0;
	}
	if (!strcmp(op, "drain") && n == 2) {
		static char buf[1 << 16];
		for (int i = 0; i < 64; i++) {
			ssize_t r = read(fd, buf, sizeof buf);
			if (r < 0 && errno == EAGAIN)
				return 0;
			if (r <= 0)
				return fail("drain:%s", r ? strerror(errno) : "eof");
		}
		return fail("drain:never_empty");
	}
	if (!strcmp(op, "streamon") && n == 3) {
		int type = !strcmp(a[2], "output") ? V4L2_BUF_TYPE_VIDEO_OUTPUT : V4L2_BUF_TYPE_VIDEO_CAPTURE;
		return xioctl(fd, VIDIOC_STREAMON, &type, "VIDIOC_STREAMON");
	}
	if (!strcmp(op, "subscribe") && n == 3) {
		struct v4l2_event_subscription s;
		memset(&s, 0, sizeof s);
		s.type = V4L2_EVENT_CTRL;
		s.id = strtoul(a[2], NULL, 0);
		return xioctl(fd, VIDIOC_SUBSCRIBE_EVENT, &s, "VIDIOC_SUBSCRIBE_EVENT");
	}
	if (!strcmp(op, "toggle") && n == 3) {
		struct v4l2_control c = { .id = strtoul(a[2], NULL, 0) };
		if (xioctl(fd, VIDIOC_G_CTRL, &c, "VIDIOC_G_CTRL") < 0)
			return -1;
		c.value = !c.value;
		return xioctl(fd, VIDIOC_S_CTRL, &c, "VIDIOC_S_CTRL");
	}
	if (!strcmp(op, "dqevent") && n == 2) {
		struct v4l2_event e;
		return xioctl(fd, VIDIOC_DQEVENT, &e, "VIDIOC_DQEVENT");
	}
	if (!strcmp(op, "reqbufs") && n == 3) {
		struct v4l2_requestbuffers r;
		memset(&r, 0, sizeof r);
		r.count = atoi(a[2]);
		r.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		r.memory = V4L2_MEMORY_MMAP;
		return xioctl(fd, VIDIOC_REQBUFS, &r, "VIDIOC_REQBUFS");
	}
	if (!strcmp(op, "mediareq") && n == 3) {
		int r = -1, *p = slotp(a[2]);
		if (!p || xioctl(fd, MEDIA_IOC_REQUEST_ALLOC, &r, "MEDIA_IOC_REQUEST_ALLOC") < 0)
			return -1;
		*p = r;
		return 0;
	}
	if (!strcmp(op, "qbuf_req") && n == 4) {
		struct v4l2_buffer b;
		int r = fd_of(a[2]);
		memset(&b, 0, sizeof b);
		b.index = atoi(a[3]);
		b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
		b.memory = V4L2_MEMORY_MMAP;
		b.flags = V4L2_BUF_FLAG_REQUEST_FD;
		b.request_fd = r;
		return xioctl(fd, VIDIOC_QBUF, &b, "VIDIOC_QBUF");
	}
	if (!strcmp(op, "queue_req") && n == 2)
		return xioctl(fd, MEDIA_REQUEST_IOC_QUEUE, NULL, "MEDIA_REQUEST_IOC_QUEUE");
	if (!strcmp(op, "key") && n == 2)
		return emit(fd, EV_KEY, KEY_A, 1);
	if (!strcmp(op, "led") && n == 2)
		return emit(fd, EV_LED, LED_CAPSL, 1);
	if (!strcmp(op, "uhid_create") && n == 3) {
		/* a one-report keyboard: enough for hid-generic to bind and start it */
		static const unsigned char rd[] = {
			0x05, 0x01, 0x09, 0x06, 0xa1, 0x01, 0x05, 0x07, 0x19, 0xe0, 0x29, 0xe7,
			0x15, 0x00, 0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0xc0,
		};
		struct uhid_event ev;
		memset(&ev, 0, sizeof ev);
		ev.type = UHID_CREATE2;
		snprintf((char *)ev.u.create2.name, sizeof ev.u.create2.name, "%s", a[2]);
		ev.u.create2.rd_size = sizeof rd;
		ev.u.create2.bus = BUS_VIRTUAL;
		memcpy(ev.u.create2.rd_data, rd, sizeof rd);
		return write(fd, &ev, sizeof ev) == (ssize_t)sizeof ev ? 0 : fail("UHID_CREATE2:%s", strerror(errno));
	}
	if (!strcmp(op, "text") && n == 2)
		return write(fd, "x\n", 2) == 2 ? 0 : fail("text:%s", strerror(errno));
	if (!strcmp(op, "epoll_add") && n == 3) {
		struct epoll_event ev = { .events = events(a[2]), .data.fd = fd };
		if (epfd < 0)
			epfd = epoll_create1(0);
		return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) ? fail("EPOLL_CTL_ADD:%s", strerror(errno)) : 0;
	}
	if (!strcmp(op, "epoll_mod") && n == 3) {
		struct epoll_event ev = { .events = events(a[2]), .data.fd = fd };
		return epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev) ? fail("EPOLL_CTL_MOD:%s", strerror(errno)) : 0;
	}
	if (!strcmp(op, "epoll_wait") && n == 3) {
		/* an intermediate epoll_wait of the witness: it must report these events */
		struct epoll_event ev;
		long want = events(a[2]);
		int r = epoll_wait(epfd, &ev, 1, 1000);
		if (r != 1 || !(ev.events & want))
			return fail("intermediate_epoll_wait:%d:0x%x", r, r == 1 ? ev.events : 0);
		return 0;
	}
	return fail("unknown_op_%s/%d", op, n);
}

static int split(char *s, char **a, int max)
{
	int n = 0;
	char *save, *tok;
	for (tok = strtok_r(s, " ", &save); tok && n < max; tok = strtok_r(NULL, " ", &save))
		a[n++] = tok;
	return n;
}

/* select sets: "r", "w", "e" letters */
/* woke: the wait returned the wanted event before its timeout. poll() and select() pass over the
 * fds once more when the timeout expires and then report an fd that became ready while nothing
 * woke them: a return at the deadline is a sleeper that slept through the wake-up, not a wake-up. */
static int final_wait(const char *api, int fd, const char *ev, int timeout, long want, int *woke)
{
	long deadline = now_ms() + timeout;
	*woke = 0;
	for (;;) {
		int left = (int)(deadline - now_ms()), r;
		if (left <= 0)
			return 0;
#define WOKE() do { *woke = now_ms() < deadline; return 0; } while (0)
		if (!strcmp(api, "epoll")) {
			struct epoll_event e;
			r = epoll_wait(epfd, &e, 1, left);
			if (r > 0 && (e.events & want))
				WOKE();
			if (r > 0)
				sleep_ms(5); /* level-triggered, other bits: do not spin */
		} else if (!strcmp(api, "poll")) {
			struct pollfd p = { .fd = fd, .events = (short)events(ev) };
			r = poll(&p, 1, left);
			if (r > 0 && (p.revents & want))
				WOKE();
			if (r > 0)
				sleep_ms(5);
		} else {
			fd_set rs, ws, es;
			struct timeval tv = { left / 1000, (left % 1000) * 1000 };
			FD_ZERO(&rs); FD_ZERO(&ws); FD_ZERO(&es);
			if (strchr(ev, 'r')) FD_SET(fd, &rs);
			if (strchr(ev, 'w')) FD_SET(fd, &ws);
			if (strchr(ev, 'e')) FD_SET(fd, &es);
			r = select(fd + 1, &rs, &ws, &es, &tv);
			if (r > 0)
				WOKE();
		}
		if (r < 0 && errno != EINTR)
			return fail("%s:%s", api, strerror(errno));
	}
}

static void run_case(const char *id, char lines[][512], int nl, const char *fin)
{
	char buf[512], *a[16], *bg[MAXLINES][16];
	int nbg[MAXLINES], nb = 0, n, woke = 0, status = 0;
	long t0, t1, want;
	pid_t child = -1;
	const char *observed = "error";

	for (int i = 0; i < 128; i++)
		slot[i] = -1;
	for (int i = 0; i < nl; i++) {
		if (!strncmp(lines[i], "bg\t", 3)) {
			nbg[nb] = split(lines[i] + 3, bg[nb], 16);
			nb++;
			continue;
		}
		snprintf(buf, sizeof buf, "%s", lines[i] + 3);
		n = split(buf, a, 16);
		if (n == 0 || run_op(a, n) < 0)
			goto out;
	}
	snprintf(buf, sizeof buf, "%s", fin);
	n = split(buf, a, 16);
	if (n != 5) { /* api slot events timeout want */
		fail("bad_final");
		goto out;
	}
	want = events(a[4]);
	if (want <= 0 || fd_of(a[1]) < 0) {
		fail("bad_final_want_or_slot");
		goto out;
	}
	fflush(stdout);
	child = fork();
	if (child == 0) {
		sleep_ms(TRIGGER_DELAY_MS);
		for (int i = 0; i < nb; i++)
			if (run_op(bg[i], nbg[i]) < 0) {
				printf("ORACLE-TRIGGER case=%s failed=%s\n", id, failure);
				fflush(stdout);
				_exit(1);
			}
		_exit(0);
	}
	t0 = now_ms();
	if (final_wait(a[0], fd_of(a[1]), a[2], atoi(a[3]), want, &woke) < 0)
		goto out;
	t1 = now_ms();
	waitpid(child, &status, 0);
	child = -1;
	if (woke) {
		observed = "woke";
	} else if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fail("trigger_failed");
	} else {
		struct pollfd p = { .fd = fd_of(a[1]), .events = (short)want };
		if (poll(&p, 1, 0) == 1 && (p.revents & want))
			observed = "lost";
		else
			fail("timed_out_and_not_ready:revents=0x%x", p.revents);
	}
	printf("ORACLE case=%s observed=%s ms=%ld detail=%s\n", id, observed, t1 - t0,
	       strcmp(observed, "error") ? "-" : failure);
	fflush(stdout);
	return;
out:
	if (child > 0)
		waitpid(child, NULL, 0);
	printf("ORACLE case=%s observed=error ms=- detail=%s\n", id, failure);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	static char lines[MAXLINES][512];
	char line[512], id[128] = "", variant[64] = "", fin[512] = "";
	int nl = 0, in = 0;
	FILE *f;
	if (argc != 3 || !(f = fopen(argv[1], "r"))) {
		fprintf(stderr, "usage: runner SCENARIOS VARIANT\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		if (!strncmp(line, "case\t", 5)) {
			char *a[9], *save, *tok;
			int n = 0;
			for (tok = strtok_r(line, "\t", &save); tok && n < 9; tok = strtok_r(NULL, "\t", &save))
				a[n++] = tok;
			if (n < 8)
				continue;
			snprintf(id, sizeof id, "%s", a[1]);
			snprintf(variant, sizeof variant, "%s", a[7]);
			nl = 0; in = 1; fin[0] = 0;
		} else if (in && (!strncmp(line, "op\t", 3) || !strncmp(line, "bg\t", 3)) && nl < MAXLINES) {
			snprintf(lines[nl++], sizeof lines[0], "%s", line);
		} else if (in && !strncmp(line, "final\t", 6)) {
			snprintf(fin, sizeof fin, "%s", line + 6);
			for (char *p = fin; *p; p++)
				if (*p == '\t')
					*p = ' ';
		} else if (in && !strcmp(line, "end")) {
			in = 0;
			if (strcmp(variant, argv[2]))
				continue;
			pid_t pid = fork();
			if (pid == 0) {
				alarm(20);
				run_case(id, lines, nl, fin);
				_exit(0);
			}
			int st;
			waitpid(pid, &st, 0);
			if (!WIFEXITED(st))
				printf("ORACLE case=%s observed=error ms=- detail=runner_died\n", id);
		}
	}
	return 0;
}
