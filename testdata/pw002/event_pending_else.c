// SPDX-License-Identifier: GPL-2.0
/* A V4L2 sub-device node that waits for events only when none is pending. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <media/v4l2-event.h>
#include <media/v4l2-fh.h>

static __poll_t subnode_poll(struct file *file, poll_table *wait)
{
	struct v4l2_fh *fh = file->private_data;
	__poll_t mask = 0;

	if (v4l2_event_pending(fh))
		mask = EPOLLPRI;
	else
		poll_wait(file, &fh->wait, wait); /* expect: PW002 warning */
	return mask;
}

static const struct v4l2_file_operations subnode_fops = {
	.owner = THIS_MODULE,
	.poll = subnode_poll,
};
