// SPDX-License-Identifier: GPL-2.0
/* A videobuf2 queue polled only when capture events are requested. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <media/videobuf2-core.h>

struct mcap_dev {
	struct vb2_queue queue;
	wait_queue_head_t ctrl_wait;
	int ctrl_changed;
};

static __poll_t mcap_poll(struct file *file, poll_table *wait)
{
	struct mcap_dev *dev = file->private_data;
	__poll_t req = poll_requested_events(wait);
	__poll_t mask = 0;

	poll_wait(file, &dev->ctrl_wait, wait);
	if (req & (EPOLLIN | EPOLLRDNORM))
		mask = vb2_core_poll(&dev->queue, file, wait); /* expect: PW001 error */
	if (dev->ctrl_changed)
		mask |= EPOLLPRI;
	return mask;
}

static const struct file_operations mcap_fops = {
	.poll = mcap_poll,
};
