// SPDX-License-Identifier: GPL-2.0
/* Two structs share a member name; the interrupt handler writes the other one's, through a cast
 * of its cookie. The poll method's flag is written only by probe (a note). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>

struct tick_port {
	int enabled;
	int count;
	wait_queue_head_t wait;
};

struct tick_timer {
	int enabled;
};

static __poll_t tick_poll(struct file *file, poll_table *wait)
{
	struct tick_port *tp = file->private_data;

	if (!tp->enabled)
		return EPOLLERR;
	poll_wait(file, &tp->wait, wait); /* expect: PW002 note */
	return tp->count ? EPOLLIN : 0;
}

static irqreturn_t tick_irq(int irq, void *cookie)
{
	((struct tick_timer *)cookie)->enabled = 0;
	return IRQ_HANDLED;
}

static int tick_probe(struct platform_device *pdev)
{
	struct tick_port *tp = platform_get_drvdata(pdev);
	struct tick_timer *tt = tp_timer(tp);

	tp->enabled = 1;
	init_waitqueue_head(&tp->wait);
	return devm_request_irq(&pdev->dev, platform_get_irq(pdev, 0), tick_irq, 0, "tick", tt);
}

static const struct file_operations tick_fops = {
	.poll = tick_poll,
};

static struct platform_driver tick_driver = {
	.probe = tick_probe,
};
