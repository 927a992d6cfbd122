// SPDX-License-Identifier: GPL-2.0
/* The poll method tests a local error code that is set under a check of the device: the check is
 * what decides the skip. The device's info is set when the device is created and cleared only when
 * it goes away (a note); the suspended flag is toggled by an ioctl on the open file (a warning). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/slab.h>

struct irqd_info;

struct irqd_dev {
	struct irqd_info *info;
	int suspended;
	struct mutex info_lock;
	wait_queue_head_t wait;
	wait_queue_head_t ctl_wait;
	atomic_t event;
};

struct irqd_listener {
	struct irqd_dev *dev;
	int event_count;
};

static __poll_t irqd_poll(struct file *filep, poll_table *wait)
{
	struct irqd_listener *listener = filep->private_data;
	struct irqd_dev *idev = listener->dev;
	__poll_t ret = 0;

	mutex_lock(&idev->info_lock);
	if (!idev->info)
		ret = -EIO;
	mutex_unlock(&idev->info_lock);

	if (ret)
		return ret;

	poll_wait(filep, &idev->wait, wait); /* expect: PW002 note */
	if (listener->event_count != atomic_read(&idev->event))
		return EPOLLIN | EPOLLRDNORM;
	return 0;
}

static __poll_t irqd_ctl_poll(struct file *filep, poll_table *wait)
{
	struct irqd_listener *listener = filep->private_data;
	struct irqd_dev *idev = listener->dev;
	int busy = 0;

	if (idev->suspended)
		busy = 1;
	if (busy)
		return 0;
	poll_wait(filep, &idev->ctl_wait, wait); /* expect: PW002 warning */
	return EPOLLOUT;
}

struct irqd_dev *irqd_register(struct irqd_info *info)
{
	struct irqd_dev *idev = kzalloc(sizeof(*idev), GFP_KERNEL);

	if (!idev)
		return NULL;
	idev->info = info;
	mutex_init(&idev->info_lock);
	init_waitqueue_head(&idev->wait);
	init_waitqueue_head(&idev->ctl_wait);
	return idev;
}
EXPORT_SYMBOL_GPL(irqd_register);

void irqd_unregister(struct irqd_dev *idev)
{
	mutex_lock(&idev->info_lock);
	idev->info = NULL;
	mutex_unlock(&idev->info_lock);
	wake_up_interruptible(&idev->wait);
}
EXPORT_SYMBOL_GPL(irqd_unregister);

static long irqd_ioctl(struct file *filep, unsigned int cmd, unsigned long arg)
{
	struct irqd_listener *listener = filep->private_data;

	listener->dev->suspended = !listener->dev->suspended;
	return 0;
}

static const struct file_operations irqd_fops = {
	.owner		= THIS_MODULE,
	.poll		= irqd_poll,
	.unlocked_ioctl	= irqd_ioctl,
};

static const struct file_operations irqd_ctl_fops = {
	.owner		= THIS_MODULE,
	.poll		= irqd_ctl_poll,
	.unlocked_ioctl	= irqd_ioctl,
};
