// SPDX-License-Identifier: GPL-2.0
/* A capture device that bails out before registering when reading was not asked for. */
#include <linux/fs.h>
#include <linux/poll.h>

struct grab_dev {
	wait_queue_head_t frame_wq;
	int frames_ready;
};

static __poll_t grab_poll(struct file *file, poll_table *wait)
{
	struct grab_dev *gd = file->private_data;
	__poll_t events = poll_requested_events(wait);

	if (!(events & (EPOLLIN | EPOLLRDNORM)))
		return 0;

	poll_wait(file, &gd->frame_wq, wait); /* expect: PW001 error */
	if (gd->frames_ready > 0)
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

static const struct file_operations grab_fops = {
	.poll = grab_poll,
};
