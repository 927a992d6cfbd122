// SPDX-License-Identifier: GPL-2.0
/* A link whose states are enumerators of a kernel header (include/linux/xlink.h), spelt in lower
 * case: `link->state != xlink_gone` compares the state with a constant, not with a variable that
 * nothing writes. Only the driver's remove moves the state to xlink_gone, so the skip is terminal
 * (a note that names remove). */
#include <linux/fs.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/xlink.h>

static __poll_t xlink_poll(struct file *file, poll_table *wait)
{
	struct xlink *link = file->private_data;

	if (link->state != xlink_gone)
		poll_wait(file, &link->wait, wait); /* expect: PW002 note */
	return link->rx ? EPOLLIN : 0;
}

static long xlink_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct xlink *link = file->private_data;

	if (link->state == xlink_up)
		link->rx = 0;
	return 0;
}

static const struct file_operations xlink_fops = {
	.owner		= THIS_MODULE,
	.poll		= xlink_poll,
	.unlocked_ioctl	= xlink_ioctl,
};

static void xlink_remove(struct platform_device *pdev)
{
	struct xlink *link = platform_get_drvdata(pdev);

	link->state = xlink_gone;
	wake_up(&link->wait);
}

static struct platform_driver xlink_driver = {
	.remove = xlink_remove,
};
