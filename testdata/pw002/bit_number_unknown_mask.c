// SPDX-License-Identifier: GPL-2.0
/* The poll tests the mask BAR_GONE, spelt as a number (0x4), not as one bit of a named number: the
 * ioctl's set_bit(BAR_BUSY_BIT, ...) may be BAR_GONE's bit, for all the code says, so it counts as a
 * write of the whole word at runtime, as before (a warning), although only remove ors BAR_GONE in. */
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <linux/poll.h>

#define BAR_BUSY_BIT	1
#define BAR_GONE	0x4

struct bar_dev {
	unsigned long flags;
	wait_queue_head_t wait;
	int frames;
};

static __poll_t bar_poll(struct file *file, poll_table *wait)
{
	struct bar_dev *bar = file->private_data;

	if (bar->flags & BAR_GONE)
		return EPOLLERR;
	poll_wait(file, &bar->wait, wait); /* expect: PW002 warning */
	return bar->frames ? EPOLLIN : 0;
}

static long bar_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct bar_dev *bar = file->private_data;

	if (arg)
		set_bit(BAR_BUSY_BIT, &bar->flags);
	else
		clear_bit(BAR_BUSY_BIT, &bar->flags);
	return 0;
}

static irqreturn_t bar_irq(int irq, void *data)
{
	struct bar_dev *bar = data;

	bar->frames++;
	wake_up(&bar->wait);
	return IRQ_HANDLED;
}

static const struct file_operations bar_fops = {
	.poll		= bar_poll,
	.unlocked_ioctl	= bar_ioctl,
};

static int bar_probe(struct platform_device *pdev)
{
	struct bar_dev *bar = platform_get_drvdata(pdev);

	init_waitqueue_head(&bar->wait);
	return request_irq(platform_get_irq(pdev, 0), bar_irq, 0, "bar", bar);
}

static void bar_remove(struct platform_device *pdev)
{
	struct bar_dev *bar = platform_get_drvdata(pdev);

	bar->flags |= BAR_GONE;
	wake_up(&bar->wait);
}

static struct platform_driver bar_driver = {
	.probe	= bar_probe,
	.remove	= bar_remove,
};
