// SPDX-License-Identifier: GPL-2.0
/* The near miss of xarray_lookup.c: an ioctl stores a queue for a new channel while files may be
 * open, so a waiter that came before its channel had a queue is never woken by &q->wq: a warning
 * that names the ioctl. */
#include <linux/fs.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/xarray.h>

struct foo_queue {
	wait_queue_head_t wq;
	int msgs;
};

struct foo_info {
	struct xarray chans_q;
	struct foo_queue queues[4];
};

struct foo_file {
	struct foo_info *info;
	unsigned int chan_id;
};

static __poll_t foo_poll(struct file *filp, poll_table *wait)
{
	struct foo_file *ff = filp->private_data;
	struct foo_queue *q;

	q = xa_load(&ff->info->chans_q, ff->chan_id);
	if (!q)
		return 0;
	poll_wait(filp, &q->wq, wait); /* expect: PW002 warning */
	return q->msgs ? EPOLLIN : 0;
}

static long foo_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct foo_file *ff = filp->private_data;

	return xa_err(xa_store(&ff->info->chans_q, arg, &ff->info->queues[0], GFP_KERNEL));
}

static const struct file_operations foo_fops = {
	.owner		= THIS_MODULE,
	.poll		= foo_poll,
	.unlocked_ioctl	= foo_ioctl,
};

static int foo_probe(struct platform_device *pdev)
{
	struct foo_info *info = platform_get_drvdata(pdev);
	int i;

	xa_init(&info->chans_q);
	for (i = 0; i < 4; i++)
		xa_insert(&info->chans_q, i + 1, &info->queues[i], GFP_KERNEL);
	return 0;
}

static void foo_remove(struct platform_device *pdev)
{
	struct foo_info *info = platform_get_drvdata(pdev);

	xa_destroy(&info->chans_q);
}

static struct platform_driver foo_driver = {
	.probe	= foo_probe,
	.remove	= foo_remove,
};
