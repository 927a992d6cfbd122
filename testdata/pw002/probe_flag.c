// SPDX-License-Identifier: GPL-2.0
/* A capability bit set once in probe: the skip cannot change while a file is open (a note). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/platform_device.h>

#define ECHO_HAS_EVENTS 0x1

struct echo_dev {
	unsigned long caps;
	wait_queue_head_t event_wait;
	int events;
};

static __poll_t echo_poll(struct file *file, poll_table *wait)
{
	struct echo_dev *dev = file->private_data;

	if (!(dev->caps & ECHO_HAS_EVENTS))
		return 0;
	poll_wait(file, &dev->event_wait, wait); /* expect: PW002 note */
	return dev->events ? EPOLLPRI : 0;
}

static int echo_probe(struct platform_device *pdev)
{
	struct echo_dev *dev = platform_get_drvdata(pdev);

	if (of_property_read_bool(pdev->dev.of_node, "has-events"))
		dev->caps |= ECHO_HAS_EVENTS;
	init_waitqueue_head(&dev->event_wait);
	return 0;
}

static const struct file_operations echo_fops = {
	.poll = echo_poll,
};

static struct platform_driver echo_driver = {
	.probe = echo_probe,
};
