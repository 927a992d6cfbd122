// SPDX-License-Identifier: GPL-2.0
/* A driver that wraps poll_wait in a local macro, under a state test. */
#include <linux/fs.h>
#include <linux/poll.h>

#define LED_POLL_WAIT(q) poll_wait(file, (q), wait)

struct ledtrig_dev {
	wait_queue_head_t blink_wq;
	wait_queue_head_t cfg_wq;
	bool blinking;
	int changed;
};

static __poll_t ledtrig_poll(struct file *file, poll_table *wait)
{
	struct ledtrig_dev *ld = file->private_data;

	LED_POLL_WAIT(&ld->cfg_wq);
	if (ld->blinking)
		LED_POLL_WAIT(&ld->blink_wq); /* expect: PW002 warning */
	return ld->changed ? EPOLLPRI : 0;
}

static const struct file_operations ledtrig_fops = {
	.poll = ledtrig_poll,
};
