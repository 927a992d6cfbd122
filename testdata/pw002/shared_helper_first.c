// SPDX-License-Identifier: GPL-2.0
/*
 * One ring helper shared by two poll methods: for the config ring the guard is set in probe, for
 * the data ring by an ioctl. The worst context (the data ring) decides, in whatever order.
 */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/platform_device.h>

struct sring {
	wait_queue_head_t wait;
	int avail;
};

struct sdev {
	struct sring cfg_ring;
	struct sring data_ring;
	bool cfg_mapped;
	bool data_started;
};

static __poll_t sring_poll(struct file *file, poll_table *wait, struct sring *r, bool usable)
{
	if (!usable)
		return EPOLLERR;
	poll_wait(file, &r->wait, wait); /* expect: PW002 warning */
	return r->avail ? EPOLLIN | EPOLLRDNORM : 0;
}

static __poll_t scfg_poll(struct file *file, poll_table *wait)
{
	struct sdev *sd = file->private_data;

	return sring_poll(file, wait, &sd->cfg_ring, sd->cfg_mapped);
}

static __poll_t sdata_poll(struct file *file, poll_table *wait)
{
	struct sdev *sd = file->private_data;

	return sring_poll(file, wait, &sd->data_ring, sd->data_started);
}

static long sdata_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct sdev *sd = file->private_data;

	sd->data_started = true;
	return 0;
}

static int sdev_probe(struct platform_device *pdev)
{
	struct sdev *sd = platform_get_drvdata(pdev);

	sd->cfg_mapped = true;
	return 0;
}

static const struct file_operations scfg_fops = {
	.poll = scfg_poll,
};

static const struct file_operations sdata_fops = {
	.unlocked_ioctl = sdata_ioctl,
	.poll = sdata_poll,
};

static struct platform_driver sdev_driver = {
	.probe = sdev_probe,
};
