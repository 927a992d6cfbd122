// SPDX-License-Identifier: GPL-2.0
/* A scope-based interruptible lock: when it cannot be taken, the registration is skipped. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/cleanup.h>
#include <linux/mutex.h>

struct sgl_dev {
	struct mutex lock;
	wait_queue_head_t irq_wait;
	unsigned int irq_count, seen;
};

static __poll_t sgl_poll(struct file *file, poll_table *wait)
{
	struct sgl_dev *sd = file->private_data;
	__poll_t mask = 0;

	scoped_cond_guard(mutex_intr, return EPOLLERR, &sd->lock) {
		poll_wait(file, &sd->irq_wait, wait); /* expect: PW002 warning */
		if (sd->irq_count != sd->seen)
			mask = EPOLLIN | EPOLLRDNORM;
	}
	return mask;
}

static __poll_t sgl_status_poll(struct file *file, poll_table *wait)
{
	struct sgl_dev *sd = file->private_data;
	__poll_t mask = 0;

	scoped_guard(mutex, &sd->lock) {
		poll_wait(file, &sd->irq_wait, wait);
		if (sd->irq_count != sd->seen)
			mask = EPOLLIN | EPOLLRDNORM;
	}
	return mask;
}

static const struct file_operations sgl_fops = {
	.poll = sgl_poll,
};

static const struct file_operations sgl_status_fops = {
	.poll = sgl_status_poll,
};
