// SPDX-License-Identifier: GPL-2.0
/* The hardware pointer is set in probe and cleared only in remove: a terminal state (a note). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/pci.h>

struct gauge_hw;

struct gauge_dev {
	struct gauge_hw *hw;
	wait_queue_head_t sample_wait;
	int samples;
};

static struct gauge_dev gauge;

static __poll_t gauge_poll(struct file *file, poll_table *wait)
{
	struct gauge_dev *gd = &gauge;

	if (!gd->hw)
		return EPOLLERR;
	poll_wait(file, &gd->sample_wait, wait); /* expect: PW002 note */
	return gd->samples ? EPOLLIN | EPOLLRDNORM : 0;
}

static int gauge_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct gauge_dev *gd = &gauge;

	gd->hw = pci_iomap(pdev, 0, 0);
	init_waitqueue_head(&gd->sample_wait);
	return 0;
}

static void gauge_remove(struct pci_dev *pdev)
{
	struct gauge_dev *gd = &gauge;

	pci_iounmap(pdev, gd->hw);
	gd->hw = NULL;
}

static const struct file_operations gauge_fops = {
	.poll = gauge_poll,
};

static struct pci_driver gauge_driver = {
	.probe = gauge_probe,
	.remove = gauge_remove,
};
