// SPDX-License-Identifier: GPL-2.0
/* An FPGA manager char device taking an interruptible lock before it registers. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/mutex.h>

struct fpgam_dev {
	struct mutex lock;
	wait_queue_head_t cfg_done;
	bool done;
};

static __poll_t fpgam_poll(struct file *file, poll_table *wait)
{
	struct fpgam_dev *fd = file->private_data;
	__poll_t mask = 0;

	if (mutex_lock_interruptible(&fd->lock))
		return EPOLLERR;

	poll_wait(file, &fd->cfg_done, wait); /* expect: PW002 warning */
	if (fd->done)
		mask = EPOLLIN | EPOLLRDNORM;
	mutex_unlock(&fd->lock);
	return mask;
}

static const struct file_operations fpgam_fops = {
	.poll = fpgam_poll,
};
