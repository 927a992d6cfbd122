// SPDX-License-Identifier: GPL-2.0
/* Always ready: a constant mask needs no wait queue. */
#include <linux/fs.h>
#include <linux/poll.h>

static __poll_t nullsink_poll(struct file *file, poll_table *wait)
{
	return EPOLLOUT | EPOLLWRNORM;
}

static __poll_t zerosrc_poll(struct file *file, poll_table *wait)
{
	__poll_t mask = DEFAULT_POLLMASK;

	return mask;
}

static const struct file_operations nullsink_fops = {
	.poll = nullsink_poll,
};

static const struct file_operations zerosrc_fops = {
	.poll = zerosrc_poll,
};
