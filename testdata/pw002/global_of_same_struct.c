// SPDX-License-Identifier: GPL-2.0
/* As global_of_other_struct.c, but the ioctl clears `the_alarm.armed` of a file-scope struct
 * walarm_dev at runtime: the same struct's member, moved to the skipping value while files are open,
 * and set back by the other ioctl command (a warning that names the ioctl). */
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <linux/poll.h>

struct walarm_dev {
	int armed;
	wait_queue_head_t wait;
	int fired;
};

static struct walarm_dev the_alarm;

static __poll_t walarm_poll(struct file *file, poll_table *wait)
{
	struct walarm_dev *dev = file->private_data;

	if (!dev->armed)
		return 0;
	poll_wait(file, &dev->wait, wait); /* expect: PW002 warning */
	return dev->fired ? EPOLLIN : 0;
}

static long walarm_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	the_alarm.armed = arg ? 1 : 0;
	return 0;
}

static irqreturn_t walarm_irq(int irq, void *data)
{
	struct walarm_dev *dev = data;

	dev->fired++;
	wake_up(&dev->wait);
	return IRQ_HANDLED;
}

static const struct file_operations walarm_fops = {
	.poll		= walarm_poll,
	.unlocked_ioctl	= walarm_ioctl,
};

static int walarm_probe(struct platform_device *pdev)
{
	struct walarm_dev *dev = platform_get_drvdata(pdev);

	dev->armed = 1;
	init_waitqueue_head(&dev->wait);
	return request_irq(platform_get_irq(pdev, 0), walarm_irq, 0, "walarm", dev);
}

static struct platform_driver walarm_driver = {
	.probe = walarm_probe,
};
