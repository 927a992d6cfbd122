#ifndef __LINUX_XTRIG_H
#define __LINUX_XTRIG_H
#include <linux/wait.h>
/* A trigger file's flags, named by their numbers for the bit operations and by their masks for the
 * tests, as include/linux/trace_events.h names a trace_event_file's. */
enum {
	XTRIG_FL_ENABLED_BIT,
	XTRIG_FL_SOFT_DISABLED_BIT,
	XTRIG_FL_FREED_BIT,
};

enum {
	XTRIG_FL_ENABLED		= (1 << XTRIG_FL_ENABLED_BIT),
	XTRIG_FL_SOFT_DISABLED	= (1 << XTRIG_FL_SOFT_DISABLED_BIT),
	XTRIG_FL_FREED		= (1 << XTRIG_FL_FREED_BIT),
};

struct xtrig_file {
	unsigned long flags;
	wait_queue_head_t wait;
	u64 hits;
};
#endif
