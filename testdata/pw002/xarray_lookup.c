// SPDX-License-Identifier: GPL-2.0
/* A queue looked up by channel in an xarray, in the style of drivers/firmware/arm_scmi/raw_mode.c:
 * xa_load() returns NULL when the xarray holds no queue for the key, so `!q` tests the xarray's
 * contents. Only probe fills it and only remove empties it: the skip is terminal (a note that names
 * remove, not "no writer of xa_load()"). */
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
	poll_wait(filp, &q->wq, wait); /* expect: PW002 note */
	return q->msgs ? EPOLLIN : 0;
}

static const struct file_operations foo_fops = {
	.owner	= THIS_MODULE,
	.poll	= foo_poll,
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
