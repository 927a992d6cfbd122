// SPDX-License-Identifier: GPL-2.0
/* The reader thread, whose queue is registered, is looked up only for EPOLLIN callers. */
#include <linux/fs.h>
#include <linux/poll.h>

struct cmdq_thread {
	wait_queue_head_t wait;
	int done;
};

struct cmdq_dev {
	int nthreads;
};

struct cmdq_thread *cmdq_get_thread(struct cmdq_dev *cd);

static __poll_t cmdq_poll(struct file *file, poll_table *wait)
{
	struct cmdq_dev *cd = file->private_data;
	struct cmdq_thread *thread;
	__poll_t mask = 0;

	if (poll_requested_events(wait) & EPOLLIN) {
		thread = cmdq_get_thread(cd);
		poll_wait(file, &thread->wait, wait); /* expect: PW001 error */
		if (thread->done)
			mask |= EPOLLIN | EPOLLRDNORM;
	}
	return mask;
}

static const struct file_operations cmdq_fops = {
	.poll = cmdq_poll,
};
