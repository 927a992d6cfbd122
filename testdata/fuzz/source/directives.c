#ifndef _FOO_H
#define _FOO_H
#include <linux/poll.h>
#define MASK(x) ((x) & \
		 (EPOLLIN | /* read */ EPOLLOUT))
#if defined(CONFIG_A) && !defined(CONFIG_OFF) || CONFIG_B > 1
int a; // comment "with quote
#elif IS_ENABLED(CONFIG_X) ? 1 : 0
int b;
#else
static __poll_t hidden_poll(struct file *f, poll_table *w) { poll_wait(f, &q, w); return 0; }
#endif
#undef MASK
#if LINUX_VERSION_CODE < KERNEL_VERSION(4, 19, 0)
char *s = "/* not a comment */";
#endif
#endif /* _FOO_H */
