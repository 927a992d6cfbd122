// SPDX-License-Identifier: GPL-2.0
/* Callers that do not ask for EPOLLIN leave before the frame queue is registered. */
#include <linux/fs.h>
#include <linux/poll.h>

struct fgrab_dev {
	wait_queue_head_t frame_wq;
	int frames_ready;
};

static __poll_t fgrab_poll(struct file *file, poll_table *wait)
{
	struct fgrab_dev *fg = file->private_data;
	__poll_t events = poll_requested_events(wait);

	if (!(events & (EPOLLIN | EPOLLRDNORM)))
		return 0;

	poll_wait(file, &fg->frame_wq, wait); /* expect: PW001 error */
	if (fg->frames_ready > 0)
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

static const struct file_operations fgrab_fops = {
	.poll = fgrab_poll,
};
