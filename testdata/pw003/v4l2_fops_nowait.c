// SPDX-License-Identifier: GPL-2.0
/* A radio receiver whose RDS poll checks the buffer but never waits. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <media/v4l2-dev.h>

struct fmrx {
	unsigned int rds_wr, rds_rd;
	bool rds_on;
};

static __poll_t fmrx_poll(struct file *file, struct poll_table_struct *pts) /* expect: PW003 warning */
{
	struct fmrx *radio = video_drvdata(file);
	__poll_t res = 0;

	if (radio->rds_on && radio->rds_wr != radio->rds_rd)
		res = EPOLLIN | EPOLLRDNORM;
	return res;
}

static const struct v4l2_file_operations fmrx_fops = {
	.owner = THIS_MODULE,
	.poll = fmrx_poll,
	.unlocked_ioctl = video_ioctl2,
};
