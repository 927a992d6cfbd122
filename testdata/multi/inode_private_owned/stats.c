// SPDX-License-Identifier: GPL-2.0
/* A debugfs file whose poll tests the inode's private data (file_inode(file)->i_private), which
 * debugfs_create_file() sets as it makes the inode, before the file can be opened: no code of the
 * driver writes it, and the owned line of write-apis.txt says the kernel writes it only at setup and
 * clears it only at teardown, so the skip is terminal (a note that names the data line). */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <linux/poll.h>

struct stats_dev {
	wait_queue_head_t wait;
	int samples;
};

static __poll_t stats_poll(struct file *file, poll_table *wait)
{
	struct stats_dev *sd = file_inode(file)->i_private;

	if (!sd)
		return EPOLLERR;
	poll_wait(file, &sd->wait, wait); /* expect: PW002 note */
	return sd->samples ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations stats_fops = {
	.owner	= THIS_MODULE,
	.poll	= stats_poll,
};

static irqreturn_t stats_irq(int irq, void *data)
{
	struct stats_dev *sd = data;

	sd->samples++;
	wake_up(&sd->wait);
	return IRQ_HANDLED;
}

static int stats_probe(struct platform_device *pdev)
{
	struct stats_dev *sd = platform_get_drvdata(pdev);

	init_waitqueue_head(&sd->wait);
	debugfs_create_file("stats", 0444, NULL, sd, &stats_fops);
	return request_irq(platform_get_irq(pdev, 0), stats_irq, 0, "stats", sd);
}

static struct platform_driver stats_driver = {
	.probe = stats_probe,
};
