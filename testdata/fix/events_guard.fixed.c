// SPDX-License-Identifier: GPL-2.0
/* An exception queue registered only when EPOLLPRI is requested. */
#include <linux/fs.h>
#include <linux/poll.h>

struct tsens_dev {
	wait_queue_head_t data_wait;
	wait_queue_head_t alarm_wait;
	int samples;
	int alarm;
};

static __poll_t tsens_poll(struct file *file, poll_table *wait)
{
	struct tsens_dev *td = file->private_data;
	__poll_t req = poll_requested_events(wait);
	__poll_t mask = 0;

	poll_wait(file, &td->data_wait, wait);
	poll_wait(file, &td->alarm_wait, wait);

	if (td->samples)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (td->alarm)
		mask |= EPOLLPRI;
	return mask;
}

static const struct file_operations tsens_fops = {
	.poll = tsens_poll,
};
