// SPDX-License-Identifier: GPL-2.0
/* The poll tests the mask FOO_STOPPED, which the file defines as BIT(FOO_STOPPED_BIT); the ioctl
 * clears that bit by its number at runtime (clear_bit(FOO_STOPPED_BIT, ...)): one bit by two names,
 * moved away from the skipping value while the file is open (a warning that names the ioctl). */
#include <linux/bits.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <linux/poll.h>

enum {
	FOO_BUSY_BIT,
	FOO_STOPPED_BIT,
};

#define FOO_BUSY	BIT(FOO_BUSY_BIT)
#define FOO_STOPPED	BIT(FOO_STOPPED_BIT)

struct foo_dev {
	unsigned long flags;
	wait_queue_head_t wait;
	int frames;
};

static __poll_t foo_poll(struct file *file, poll_table *wait)
{
	struct foo_dev *foo = file->private_data;

	if (foo->flags & FOO_STOPPED)
		return 0;
	poll_wait(file, &foo->wait, wait); /* expect: PW002 warning */
	return foo->frames ? EPOLLIN : 0;
}

static long foo_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct foo_dev *foo = file->private_data;

	clear_bit(FOO_STOPPED_BIT, &foo->flags);
	return 0;
}

static irqreturn_t foo_irq(int irq, void *data)
{
	struct foo_dev *foo = data;

	foo->frames++;
	wake_up(&foo->wait);
	return IRQ_HANDLED;
}

static const struct file_operations foo_fops = {
	.poll		= foo_poll,
	.unlocked_ioctl	= foo_ioctl,
};

static int foo_probe(struct platform_device *pdev)
{
	struct foo_dev *foo = platform_get_drvdata(pdev);

	set_bit(FOO_STOPPED_BIT, &foo->flags);
	init_waitqueue_head(&foo->wait);
	return request_irq(platform_get_irq(pdev, 0), foo_irq, 0, "foo", foo);
}

static struct platform_driver foo_driver = {
	.probe = foo_probe,
};
