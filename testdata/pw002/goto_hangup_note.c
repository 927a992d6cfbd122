// SPDX-License-Identifier: GPL-2.0
/* A USB instrument: a hang-up mask set before jumping over the registration is a terminal state. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/mutex.h>

struct tmcx {
	struct mutex io_mutex;
	wait_queue_head_t waitq;
	bool zombie;
	int srq_asserted;
};

static __poll_t tmcx_poll(struct file *file, poll_table *wait)
{
	struct tmcx *data = file->private_data;
	__poll_t mask;

	mutex_lock(&data->io_mutex);
	if (data->zombie) {
		mask = EPOLLHUP | EPOLLERR;
		goto no_poll;
	}

	poll_wait(file, &data->waitq, wait); /* expect: PW002 note */
	mask = 0;
	if (data->srq_asserted)
		mask |= EPOLLPRI;
no_poll:
	mutex_unlock(&data->io_mutex);
	return mask;
}

static const struct file_operations tmcx_fops = {
	.poll = tmcx_poll,
};
