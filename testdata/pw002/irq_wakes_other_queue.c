// SPDX-License-Identifier: GPL-2.0
/* A done list filled by the interrupt handler, which wakes the reader's queue, not the one poll skips. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/interrupt.h>
#include <linux/list.h>

struct dma_buf_ent {
	struct list_head node;
};

struct xfer_dev {
	struct list_head done;
	wait_queue_head_t done_wait;
	wait_queue_head_t read_wait;
	int irq;
};

static __poll_t xfer_poll(struct file *file, poll_table *wait)
{
	struct xfer_dev *xd = file->private_data;

	if (!list_empty(&xd->done))
		return EPOLLIN | EPOLLRDNORM;
	poll_wait(file, &xd->done_wait, wait); /* expect: PW002 warning */
	return 0;
}

static irqreturn_t xfer_irq(int irq, void *data)
{
	struct xfer_dev *xd = data;
	struct dma_buf_ent *b = xfer_pop_hw(xd);

	list_add_tail(&b->node, &xd->done);
	wake_up_interruptible(&xd->read_wait);
	return IRQ_HANDLED;
}

static ssize_t xfer_read(struct file *file, char __user *buf, size_t len, loff_t *off)
{
	struct xfer_dev *xd = file->private_data;
	struct dma_buf_ent *b = list_first_entry(&xd->done, struct dma_buf_ent, node);

	list_del(&b->node);
	return 0;
}

static int xfer_open(struct inode *inode, struct file *file)
{
	struct xfer_dev *xd = xfer_lookup(inode);

	file->private_data = xd;
	return request_irq(xd->irq, xfer_irq, 0, "xfer", xd);
}

static const struct file_operations xfer_fops = {
	.open = xfer_open,
	.read = xfer_read,
	.poll = xfer_poll,
};
