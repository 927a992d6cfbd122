// SPDX-License-Identifier: GPL-2.0
/* Drivers that delegate to videobuf2 and v4l2 helpers (modelled, not in the scanned tree). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <media/videobuf2-v4l2.h>
#include <media/v4l2-ctrls.h>

struct camx {
	struct vb2_queue queue;
	struct mutex lock;
};

static __poll_t camx_poll(struct file *file, poll_table *wait)
{
	struct camx *cam = video_drvdata(file);
	__poll_t res;

	mutex_lock(&cam->lock);
	res = vb2_poll(&cam->queue, file, wait);
	mutex_unlock(&cam->lock);
	return res;
}

static const struct v4l2_file_operations camx_fops = {
	.owner = THIS_MODULE,
	.poll = camx_poll,
};

static const struct v4l2_file_operations camx_meta_fops = {
	.owner = THIS_MODULE,
	.poll = vb2_fop_poll,
};

static const struct v4l2_file_operations camx_ctrl_fops = {
	.owner = THIS_MODULE,
	.poll = v4l2_ctrl_poll,
};
