// SPDX-License-Identifier: GPL-2.0
/*
 * A video loopback device in the shape of v4l2loopback 0.12.7, written anew: the control
 * event queue is registered only when EPOLLPRI is requested and no event is pending, and the
 * frame queue only when nothing can be read and no priority event was already found.
 */
#include <linux/fs.h>
#include <linux/poll.h>
#include <media/v4l2-event.h>
#include <media/v4l2-fh.h>

enum vloop_role { VLOOP_IDLE, VLOOP_PRODUCER, VLOOP_CONSUMER };

struct vloop_handle {
	struct v4l2_fh fh;
	enum vloop_role role;
	unsigned long frames_seen;
};

struct vloop_dev {
	wait_queue_head_t frame_event;
	unsigned long frames_written;
	int ready_for_capture;
};

static int vloop_frame_available(struct vloop_dev *dev, struct vloop_handle *h)
{
	return dev->ready_for_capture && h->frames_seen < dev->frames_written;
}

static __poll_t vloop_poll(struct file *file, struct poll_table_struct *pts)
{
	struct vloop_handle *h = container_of(file->private_data, struct vloop_handle, fh);
	struct vloop_dev *dev = video_drvdata(file);
	__poll_t want = poll_requested_events(pts);
	__poll_t ret = 0;

	if (want & POLLPRI) {
		if (!v4l2_event_pending(&h->fh))
			poll_wait(file, &h->fh.wait, pts); /* expect: PW001 error */
		if (v4l2_event_pending(&h->fh)) {
			ret |= POLLPRI;
			if (!(want & DEFAULT_POLLMASK))
				return ret;
		}
	}

	switch (h->role) {
	case VLOOP_PRODUCER:
		ret |= POLLOUT | POLLWRNORM;
		break;
	case VLOOP_CONSUMER:
		if (!vloop_frame_available(dev, h)) {
			if (ret)
				return ret;
			poll_wait(file, &dev->frame_event, pts); /* expect: PW001 error */
		}
		if (vloop_frame_available(dev, h))
			ret |= POLLIN | POLLRDNORM;
		if (v4l2_event_pending(&h->fh))
			ret |= POLLPRI;
		break;
	default:
		break;
	}
	return ret;
}

static const struct v4l2_file_operations vloop_fops = {
	.owner = THIS_MODULE,
	.open = vloop_open,
	.release = vloop_close,
	.poll = vloop_poll,
	.unlocked_ioctl = video_ioctl2,
};
