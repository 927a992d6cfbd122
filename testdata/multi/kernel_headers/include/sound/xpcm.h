#ifndef __SOUND_XPCM_H
#define __SOUND_XPCM_H
#include <linux/wait.h>
#define XPCM_STATE_OPEN		0
#define XPCM_STATE_RUNNING	1
#define XPCM_STATE_DISCONNECTED	2
struct xpcm_runtime {
	int state;
	wait_queue_head_t sleep;
	int avail;
};
struct xpcm_substream {
	struct xpcm_runtime *runtime;
};
#endif
