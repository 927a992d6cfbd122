// SPDX-License-Identifier: GPL-2.0
/* vb2_poll also registers the file handle's event queue, which this method cannot name. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <media/videobuf2-v4l2.h>

struct qcap_dev {
	struct vb2_queue queue;
	bool streaming;
};

static __poll_t qcap_poll(struct file *file, poll_table *wait)
{
	struct qcap_dev *qd = video_drvdata(file);

	if (!qd->streaming)
		return 0;
	return vb2_poll(&qd->queue, file, wait); /* expect: PW002 warning */
}

static const struct v4l2_file_operations qcap_fops = {
	.poll = qcap_poll,
};
