#ifndef __LINUX_XLINK_H
#define __LINUX_XLINK_H
#include <linux/wait.h>
/* The link states, spelt in lower case as some subsystems do. */
enum xlink_state {
	xlink_up,
#ifdef CONFIG_XLINK_SUSPEND
	xlink_suspended,	/* comment, then a value */
#endif
	xlink_gone = 7,
};
struct xlink {
	enum xlink_state state;
	wait_queue_head_t wait;
	int rx;
};
#endif
