// SPDX-License-Identifier: GPL-2.0
/* The event queue only for EPOLLPRI, the read queue only when no frame is ready. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <media/v4l2-event.h>

struct vlb_dev {
	wait_queue_head_t read_event;
	int frames;
};

struct vlb_opener {
	struct v4l2_fh fh;
	struct vlb_dev *dev;
};

static __poll_t vlb_poll(struct file *file, struct poll_table_struct *pts)
{
	struct vlb_opener *op = container_of(file->private_data, struct vlb_opener, fh);
	struct vlb_dev *dev = op->dev;
	__poll_t req = poll_requested_events(pts);
	__poll_t ret = 0;

	if (req & POLLPRI) {
		if (!v4l2_event_pending(&op->fh))
			poll_wait(file, &op->fh.wait, pts); /* expect: PW001 error */
		if (v4l2_event_pending(&op->fh)) {
			ret |= POLLPRI;
			if (!(req & (POLLIN | POLLRDNORM)))
				return ret;
		}
	}

	if (!dev->frames) {
		if (ret)
			return ret;
		poll_wait(file, &dev->read_event, pts); /* expect: PW001 error */
	}
	if (dev->frames)
		ret |= POLLIN | POLLRDNORM;
	return ret;
}

static const struct v4l2_file_operations vlb_fops = {
	.poll = vlb_poll,
};
