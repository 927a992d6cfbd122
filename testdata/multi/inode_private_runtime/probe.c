// SPDX-License-Identifier: GPL-2.0
/* As ../inode_private_owned/stats.c, but the driver itself attaches and detaches the inode's private
 * data in its ioctl: the driver's own writes are found, so the kernel's owned line is not used, and
 * the attach moves i_private away from NULL while the file is open (a warning that names the ioctl). */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <linux/poll.h>

struct probe_dev {
	wait_queue_head_t wait;
	int samples;
};

static struct probe_dev the_probe;

static __poll_t probe_poll(struct file *file, poll_table *wait)
{
	struct probe_dev *pd = file_inode(file)->i_private;

	if (!pd)
		return EPOLLERR;
	poll_wait(file, &pd->wait, wait); /* expect: PW002 warning */
	return pd->samples ? EPOLLIN | EPOLLRDNORM : 0;
}

static long probe_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (arg)
		file_inode(file)->i_private = &the_probe;
	else
		file_inode(file)->i_private = NULL;
	return 0;
}

static const struct file_operations probe_fops = {
	.owner		= THIS_MODULE,
	.poll		= probe_poll,
	.unlocked_ioctl	= probe_ioctl,
};

static irqreturn_t probe_irq(int irq, void *data)
{
	struct probe_dev *pd = data;

	pd->samples++;
	wake_up(&pd->wait);
	return IRQ_HANDLED;
}

static int probe_probe(struct platform_device *pdev)
{
	init_waitqueue_head(&the_probe.wait);
	debugfs_create_file("probe", 0444, NULL, NULL, &probe_fops);
	return request_irq(platform_get_irq(pdev, 0), probe_irq, 0, "probe", &the_probe);
}

static struct platform_driver probe_driver = {
	.probe = probe_probe,
};
