// SPDX-License-Identifier: GPL-2.0
/* A latch set at runtime when the backend says it cannot poll, and never cleared: once the
 * skipping path is taken it is taken on every call, so no wake-up is lost (a note). */
#include <linux/fs.h>
#include <linux/poll.h>

struct relay_conn {
	unsigned int no_poll;
	int ready;
	wait_queue_head_t waitq;
};

static __poll_t relay_poll(struct file *file, poll_table *wait)
{
	struct relay_conn *rc = file->private_data;

	if (rc->no_poll)
		return EPOLLIN | EPOLLOUT;
	poll_wait(file, &rc->waitq, wait); /* expect: PW002 note */
	return rc->ready ? EPOLLIN : 0;
}

static long relay_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct relay_conn *rc = file->private_data;

	if (relay_backend_call(rc, cmd) == -ENOSYS)
		rc->no_poll = 1;
	return 0;
}

static const struct file_operations relay_fops = {
	.unlocked_ioctl = relay_ioctl,
	.poll = relay_poll,
};
