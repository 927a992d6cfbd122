// SPDX-License-Identifier: GPL-2.0
/* The current buffer, whose queue is registered, may only be read under the device lock. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/mutex.h>

struct sbuf {
	wait_queue_head_t wait;
	int filled;
};

struct scap_dev {
	struct mutex lock;
	struct sbuf *cur;
};

static __poll_t scap_poll(struct file *file, poll_table *wait)
{
	struct scap_dev *sd = file->private_data;
	__poll_t mask = 0;

	if (!(poll_requested_events(wait) & (EPOLLIN | EPOLLRDNORM)))
		return 0;

	mutex_lock(&sd->lock);
	poll_wait(file, &sd->cur->wait, wait); /* expect: PW001 error */
	if (sd->cur->filled)
		mask = EPOLLIN | EPOLLRDNORM;
	mutex_unlock(&sd->lock);
	return mask;
}

static const struct file_operations scap_fops = {
	.poll = scap_poll,
};
