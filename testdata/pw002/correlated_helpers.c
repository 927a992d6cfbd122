// SPDX-License-Identifier: GPL-2.0
/* Two static helpers over one ring: "empty" and "pending" are exact opposites, never both false. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/interrupt.h>

struct uring {
	unsigned int head;
	unsigned int tail;
	wait_queue_head_t rx_wait;
};

static bool uring_empty(struct uring *r)
{
	return r->head == r->tail;
}

static bool uring_pending(struct uring *r)
{
	return r->head != r->tail;
}

static __poll_t uring_poll(struct file *file, poll_table *wait)
{
	struct uring *r = file->private_data;
	__poll_t mask = 0;

	if (uring_empty(r))
		poll_wait(file, &r->rx_wait, wait); /* expect: PW002 warning */
	if (uring_pending(r))
		mask |= EPOLLIN | EPOLLRDNORM;
	return mask;
}

static irqreturn_t uring_irq(int irq, void *data)
{
	struct uring *r = data;

	r->head++;
	wake_up_interruptible(&r->rx_wait);
	return IRQ_HANDLED;
}

static ssize_t uring_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	struct uring *r = file->private_data;

	r->tail++;
	return 0;
}

static int uring_open(struct inode *inode, struct file *file)
{
	struct uring *r = uring_lookup(inode);

	file->private_data = r;
	return request_irq(7, uring_irq, 0, "uring", r);
}

static const struct file_operations uring_fops = {
	.open = uring_open,
	.read = uring_read,
	.poll = uring_poll,
};
