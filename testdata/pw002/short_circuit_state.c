// SPDX-License-Identifier: GPL-2.0
/* An interrupt counter that registers only when the IRQ is wired and not overflowed. */
#include <linux/fs.h>
#include <linux/poll.h>

struct icnt {
	wait_queue_head_t wq;
	bool irq_ok;
	bool overflow;
	unsigned long count, last;
};

static __poll_t icnt_poll(struct file *file, poll_table *wait)
{
	struct icnt *ic = file->private_data;

	if (ic->irq_ok && !ic->overflow)
		poll_wait(file, &ic->wq, wait); /* expect: PW002 warning */
	return ic->count != ic->last ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations icnt_fops = {
	.poll = icnt_poll,
};
