// SPDX-License-Identifier: GPL-2.0
/* The poll tests the bit by its number (test_bit(BAZ_PAUSED_BIT, ...)); probe sets it by that number,
 * and the ioctl clears it at runtime by its mask, BAZ_PAUSED = (1 << BAZ_PAUSED_BIT): one bit by two
 * names, moved away from the skipping value while the file is open (a warning that names the ioctl). */
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <linux/poll.h>

enum baz_flags {
	BAZ_PAUSED_BIT,
	BAZ_PAUSED = (1 << BAZ_PAUSED_BIT),
};

struct baz_dev {
	unsigned long flags;
	wait_queue_head_t wait;
	int frames;
};

static __poll_t baz_poll(struct file *file, poll_table *wait)
{
	struct baz_dev *baz = file->private_data;

	if (test_bit(BAZ_PAUSED_BIT, &baz->flags))
		return 0;
	poll_wait(file, &baz->wait, wait); /* expect: PW002 warning */
	return baz->frames ? EPOLLIN : 0;
}

static long baz_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct baz_dev *baz = file->private_data;

	baz->flags &= ~BAZ_PAUSED;
	return 0;
}

static irqreturn_t baz_irq(int irq, void *data)
{
	struct baz_dev *baz = data;

	baz->frames++;
	wake_up(&baz->wait);
	return IRQ_HANDLED;
}

static const struct file_operations baz_fops = {
	.poll		= baz_poll,
	.unlocked_ioctl	= baz_ioctl,
};

static int baz_probe(struct platform_device *pdev)
{
	struct baz_dev *baz = platform_get_drvdata(pdev);

	set_bit(BAZ_PAUSED_BIT, &baz->flags);
	init_waitqueue_head(&baz->wait);
	return request_irq(platform_get_irq(pdev, 0), baz_irq, 0, "baz", baz);
}

static struct platform_driver baz_driver = {
	.probe = baz_probe,
};
