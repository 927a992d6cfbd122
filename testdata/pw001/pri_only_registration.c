// SPDX-License-Identifier: GPL-2.0
/* A sensor hub whose event queue is registered only when EPOLLPRI is asked for. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/wait.h>

struct shub_dev {
	wait_queue_head_t data_wait;
	wait_queue_head_t event_wait;
	unsigned int nevents;
	unsigned int fill;
};

static __poll_t shub_poll(struct file *file, poll_table *wait)
{
	struct shub_dev *sd = file->private_data;
	__poll_t req = poll_requested_events(wait);
	__poll_t mask = 0;

	poll_wait(file, &sd->data_wait, wait);
	if (req & EPOLLPRI) {
		poll_wait(file, &sd->event_wait, wait); /* expect: PW001 error */
		if (sd->nevents)
			mask |= EPOLLPRI;
	}
	if (sd->fill)
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static const struct file_operations shub_fops = {
	.owner = THIS_MODULE,
	.poll = shub_poll,
};
