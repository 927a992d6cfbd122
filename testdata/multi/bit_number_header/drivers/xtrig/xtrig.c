// SPDX-License-Identifier: GPL-2.0
/* The poll tests the mask XTRIG_FL_FREED of a kernel header's enum; the ioctl sets and clears
 * another bit of the same word by its number (set_bit(XTRIG_FL_SOFT_DISABLED_BIT, ...)), which
 * leaves XTRIG_FL_FREED alone: the header defines XTRIG_FL_FREED as (1 << XTRIG_FL_FREED_BIT), so
 * a bit named by another number is another bit. Only remove ors XTRIG_FL_FREED in, and nothing
 * clears it: the skip is terminal (a note that names remove). */
#include <linux/fs.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>
#include <linux/poll.h>
#include <linux/xtrig.h>

static __poll_t xtrig_poll(struct file *file, poll_table *wait)
{
	struct xtrig_file *tf = file->private_data;

	if (tf->flags & XTRIG_FL_FREED)
		return EPOLLERR;
	poll_wait(file, &tf->wait, wait); /* expect: PW002 note */
	return tf->hits ? EPOLLIN : 0;
}

static long xtrig_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct xtrig_file *tf = file->private_data;

	if (arg)
		set_bit(XTRIG_FL_SOFT_DISABLED_BIT, &tf->flags);
	else
		clear_bit(XTRIG_FL_SOFT_DISABLED_BIT, &tf->flags);
	return 0;
}

static irqreturn_t xtrig_irq(int irq, void *data)
{
	struct xtrig_file *tf = data;

	tf->hits++;
	wake_up(&tf->wait);
	return IRQ_HANDLED;
}

static const struct file_operations xtrig_fops = {
	.owner		= THIS_MODULE,
	.poll		= xtrig_poll,
	.unlocked_ioctl	= xtrig_ioctl,
};

static int xtrig_probe(struct platform_device *pdev)
{
	struct xtrig_file *tf = platform_get_drvdata(pdev);

	init_waitqueue_head(&tf->wait);
	return request_irq(platform_get_irq(pdev, 0), xtrig_irq, 0, "xtrig", tf);
}

static void xtrig_remove(struct platform_device *pdev)
{
	struct xtrig_file *tf = platform_get_drvdata(pdev);

	tf->flags |= XTRIG_FL_FREED;
	wake_up(&tf->wait);
}

static struct platform_driver xtrig_driver = {
	.probe	= xtrig_probe,
	.remove	= xtrig_remove,
};
