// SPDX-License-Identifier: GPL-2.0
/* A frame grabber: the mask is set only under a requested event, then returned early. */
#include <linux/fs.h>
#include <linux/poll.h>

struct fgrab {
	wait_queue_head_t ctrl_wq;
	wait_queue_head_t frame_wq;
	int ctrl_changed;
	int have_frame;
};

static __poll_t fgrab_poll(struct file *file, poll_table *wait)
{
	struct fgrab *fg = file->private_data;
	__poll_t req = poll_requested_events(wait);
	__poll_t res = 0;

	poll_wait(file, &fg->ctrl_wq, wait);
	if ((req & EPOLLPRI) && fg->ctrl_changed)
		res |= EPOLLPRI;

	if (res)
		return res;

	poll_wait(file, &fg->frame_wq, wait); /* expect: PW001 error */
	if (fg->have_frame)
		res |= EPOLLIN | EPOLLRDNORM;
	return res;
}

static const struct file_operations fgrab_fops = {
	.poll = fgrab_poll,
};
