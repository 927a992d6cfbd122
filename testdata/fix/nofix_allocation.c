// SPDX-License-Identifier: GPL-2.0
/* The event ring, holding the queue, is allocated on the first EPOLLPRI poll. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>

struct evr_ring {
	wait_queue_head_t wait;
	int count;
};

struct evr_file {
	struct evr_ring *ring;
};

static __poll_t evr_poll(struct file *file, poll_table *wait)
{
	struct evr_file *ef = file->private_data;
	struct evr_ring *ring;

	if (!(poll_requested_events(wait) & EPOLLPRI))
		return 0;

	ring = kzalloc(sizeof(*ring), GFP_KERNEL);
	if (!ring)
		return EPOLLERR;
	ef->ring = ring;
	poll_wait(file, &ring->wait, wait); /* expect: PW001 error */
	return ring->count ? EPOLLPRI : 0;
}

static const struct file_operations evr_fops = {
	.poll = evr_poll,
};
