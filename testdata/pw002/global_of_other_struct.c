// SPDX-License-Identifier: GPL-2.0
/* The poll tests `dev->armed` of a struct alarm_dev, written only in probe. The ioctl writes
 * `alarm_defaults.armed` at runtime, and the file declares alarm_defaults as a struct alarm_config:
 * another struct's member of the same name (a note that names probe). Its write of
 * `the_alarm.armed`, a file-scope struct alarm_dev, is the one that counts in
 * global_of_same_struct.c. */
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <linux/poll.h>

struct alarm_dev {
	int armed;
	wait_queue_head_t wait;
	int fired;
};

struct alarm_config {
	int armed;
	int period;
};

static struct alarm_config alarm_defaults;

static __poll_t alarm_poll(struct file *file, poll_table *wait)
{
	struct alarm_dev *dev = file->private_data;

	if (!dev->armed)
		return 0;
	poll_wait(file, &dev->wait, wait); /* expect: PW002 note */
	return dev->fired ? EPOLLIN : 0;
}

static long alarm_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	alarm_defaults.armed = 1;
	alarm_defaults.period = arg;
	return 0;
}

static irqreturn_t alarm_irq(int irq, void *data)
{
	struct alarm_dev *dev = data;

	dev->fired++;
	wake_up(&dev->wait);
	return IRQ_HANDLED;
}

static const struct file_operations alarm_fops = {
	.poll		= alarm_poll,
	.unlocked_ioctl	= alarm_ioctl,
};

static int alarm_probe(struct platform_device *pdev)
{
	struct alarm_dev *dev = platform_get_drvdata(pdev);

	dev->armed = 1;
	init_waitqueue_head(&dev->wait);
	return request_irq(platform_get_irq(pdev, 0), alarm_irq, 0, "alarm", dev);
}

static struct platform_driver alarm_driver = {
	.probe = alarm_probe,
};
