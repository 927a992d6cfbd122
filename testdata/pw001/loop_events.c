// SPDX-License-Identifier: GPL-2.0
/* A multi-ring accelerator: inside the ring loop, the completion queues are registered only for EPOLLIN. */
#include <linux/fs.h>
#include <linux/poll.h>

#define ACC_NR_RINGS 4

struct acc_ring {
	wait_queue_head_t cq_wait;
	unsigned int head, tail;
};

struct acc_ctx {
	struct acc_ring rings[ACC_NR_RINGS];
	wait_queue_head_t sq_wait;
	unsigned int sq_room;
};

static __poll_t acc_poll(struct file *file, poll_table *wait)
{
	struct acc_ctx *ctx = file->private_data;
	__poll_t req = poll_requested_events(wait);
	__poll_t mask = 0;
	int i;

	poll_wait(file, &ctx->sq_wait, wait);
	for (i = 0; i < ACC_NR_RINGS; i++) {
		struct acc_ring *r = &ctx->rings[i];

		if (req & (EPOLLIN | EPOLLRDNORM))
			poll_wait(file, &r->cq_wait, wait); /* expect: PW001 error */
		if (r->head != r->tail)
			mask |= EPOLLIN | EPOLLRDNORM;
	}
	if (ctx->sq_room)
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

static const struct file_operations acc_fops = {
	.poll = acc_poll,
};
