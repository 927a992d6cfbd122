// SPDX-License-Identifier: GPL-2.0
/* The queue is chosen by state, but the registration itself always happens. */
#include <linux/fs.h>
#include <linux/poll.h>

struct swq_dev {
	wait_queue_head_t wq_main;
	wait_queue_head_t wq_alt;
	bool use_alt;
	int ready;
};

static __poll_t swq_poll(struct file *file, poll_table *wait)
{
	struct swq_dev *sd = file->private_data;
	wait_queue_head_t *q = sd->use_alt ? &sd->wq_alt : &sd->wq_main;

	poll_wait(file, q, wait);
	return sd->ready ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations swq_fops = {
	.poll = swq_poll,
};
