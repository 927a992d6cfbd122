// SPDX-License-Identifier: GPL-2.0
/* An ADC with channel list: the loop is fine, the enabled test inside it is not. */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/list.h>

struct adcx_chan {
	struct list_head node;
	wait_queue_head_t wq;
	bool enabled;
	int samples;
};

struct adcx_dev {
	struct list_head channels;
};

static __poll_t adcx_poll(struct file *file, poll_table *wait)
{
	struct adcx_dev *ad = file->private_data;
	struct adcx_chan *ch;
	__poll_t mask = 0;

	list_for_each_entry(ch, &ad->channels, node) {
		if (ch->enabled)
			poll_wait(file, &ch->wq, wait); /* expect: PW002 warning */
		if (ch->samples)
			mask |= EPOLLIN | EPOLLRDNORM;
	}
	return mask;
}

static const struct file_operations adcx_fops = {
	.poll = adcx_poll,
};
