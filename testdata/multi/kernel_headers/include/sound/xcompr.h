#ifndef __SOUND_XCOMPR_H
#define __SOUND_XCOMPR_H
#include <linux/wait.h>
struct xcompr_runtime {
	int state;
	wait_queue_head_t sleep;
};
struct xcompr_stream {
	struct xcompr_runtime *runtime;
};
#endif
