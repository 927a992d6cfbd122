// SPDX-License-Identifier: GPL-2.0
/* The poll tests `dev->enabled` of a struct meter_dev, written only in probe. The ioctl writes
 * `info->caps.enabled` at runtime, where caps is a member of struct meter_info declared with an
 * anonymous struct type of its own: that object is no struct meter_dev, so its `enabled` is another
 * member of the same name (a note that names probe). */
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <linux/poll.h>

struct meter_dev {
	int enabled;
	wait_queue_head_t wait;
	int samples;
};

struct meter_info {
	union {
		struct {
			u32 enabled;
			u32 rate;
		} caps;
		u64 raw;
	};
};

static __poll_t meter_poll(struct file *file, poll_table *wait)
{
	struct meter_dev *dev = file->private_data;

	if (!dev->enabled)
		return 0;
	poll_wait(file, &dev->wait, wait); /* expect: PW002 note */
	return dev->samples ? EPOLLIN : 0;
}

static long meter_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct meter_info *info = (struct meter_info *)arg;

	info->caps.enabled = 1;
	info->caps.rate = 100;
	return 0;
}

static irqreturn_t meter_irq(int irq, void *data)
{
	struct meter_dev *dev = data;

	dev->samples++;
	wake_up(&dev->wait);
	return IRQ_HANDLED;
}

static const struct file_operations meter_fops = {
	.poll		= meter_poll,
	.unlocked_ioctl	= meter_ioctl,
};

static int meter_probe(struct platform_device *pdev)
{
	struct meter_dev *dev = platform_get_drvdata(pdev);

	dev->enabled = device_property_read_bool(&pdev->dev, "enabled");
	init_waitqueue_head(&dev->wait);
	return request_irq(platform_get_irq(pdev, 0), meter_irq, 0, "meter", dev);
}

static struct platform_driver meter_driver = {
	.probe = meter_probe,
};
