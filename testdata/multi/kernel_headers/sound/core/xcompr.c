// SPDX-License-Identifier: GPL-2.0
#include <linux/fs.h>
#include <sound/xcompr.h>
#include <sound/xpcm.h>

struct xcompr_file {
	struct xcompr_stream stream;
};

static long xcompr_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct xcompr_file *data = f->private_data;

	data->stream.runtime->state = XPCM_STATE_RUNNING;
	return 0;
}

static const struct file_operations xcompr_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= xcompr_ioctl,
};
