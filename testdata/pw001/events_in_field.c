// SPDX-License-Identifier: GPL-2.0
/* The requested events are kept in the per-open struct and tested there: still requested events. */
#include <linux/fs.h>
#include <linux/poll.h>

struct evf_client {
	__poll_t want;
	wait_queue_head_t pri_wait;
	int urgent;
};

static __poll_t evf_poll(struct file *file, poll_table *wait)
{
	struct evf_client *cl = file->private_data;

	cl->want = poll_requested_events(wait);
	if (cl->want & EPOLLPRI)
		poll_wait(file, &cl->pri_wait, wait); /* expect: PW001 error */
	return cl->urgent ? EPOLLPRI : 0;
}

static const struct file_operations evf_fops = {
	.poll = evf_poll,
};
