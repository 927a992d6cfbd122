// SPDX-License-Identifier: GPL-2.0
/* A static helper that always returns the same value: its test cannot change (a note). */
#include <linux/fs.h>
#include <linux/poll.h>

struct pulse_dev {
	wait_queue_head_t tick_wait;
	int ticks;
};

static bool pulse_has_irq(struct pulse_dev *pd)
{
	return true;
}

static __poll_t pulse_poll(struct file *file, poll_table *wait)
{
	struct pulse_dev *pd = file->private_data;

	if (!pulse_has_irq(pd))
		return EPOLLERR;
	poll_wait(file, &pd->tick_wait, wait); /* expect: PW002 note */
	return pd->ticks ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations pulse_fops = {
	.poll = pulse_poll,
};
