/* One interrupt handler, two kinds of message: each branch changes its own state and wakes its own queue. */
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/poll.h>

struct dsp_client {
	wait_queue_head_t resp_wq;
	wait_queue_head_t notif_wq;
	int nresp;
	int nnotif;
};

static __poll_t dsp_poll(struct file *file, poll_table *wait)
{
	struct dsp_client *cl = file->private_data;
	__poll_t req = poll_requested_events(wait);
	__poll_t mask = 0;

	poll_wait(file, &cl->resp_wq, wait);
	if (req & EPOLLPRI)
		poll_wait(file, &cl->notif_wq, wait); /* expect: PW001 error */
	if (cl->nresp)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (cl->nnotif)
		mask |= EPOLLPRI;
	return mask;
}

static irqreturn_t dsp_irq(int irq, void *data)
{
	struct dsp_client *cl = data;

	if (dsp_is_notification(cl)) {
		cl->nnotif++;
		wake_up_interruptible(&cl->notif_wq);
	} else {
		cl->nresp++;
		wake_up_interruptible(&cl->resp_wq);
	}
	return IRQ_HANDLED;
}

static const struct file_operations dsp_fops = {
	.owner = THIS_MODULE,
	.poll = dsp_poll,
};

static int dsp_probe(struct platform_device *pdev)
{
	struct dsp_client *cl = platform_get_drvdata(pdev);

	return request_irq(platform_get_irq(pdev, 0), dsp_irq, 0, "dsp", cl);
}
