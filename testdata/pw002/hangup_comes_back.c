// SPDX-License-Identifier: GPL-2.0
/* A gadget function reports a hang-up while the host has it disabled, but set_alt brings the
 * interface back while the file stays open: a waiter added during the hang-up never registered the
 * queue that the completion handler wakes (a warning). The chip's HUP bit, in contrast, is only
 * ever or-ed in: once set it stays, so that skip is terminal (a note). */
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/usb/composite.h>

#define PRN_CHIP_HUP	0x1
#define PRN_CHIP_INIT	0x2

struct prn_dev {
	int interface;
	unsigned int chip_status;
	wait_queue_head_t rx_wait;
	wait_queue_head_t ctl_wait;
	struct usb_function function;
	int rx_ready;
};

static __poll_t prn_poll(struct file *fd, poll_table *wait)
{
	struct prn_dev *dev = fd->private_data;

	if (dev->interface < 0)
		return EPOLLERR | EPOLLHUP;
	poll_wait(fd, &dev->rx_wait, wait); /* expect: PW002 warning */
	return dev->rx_ready ? EPOLLIN : 0;
}

static __poll_t prn_ctl_poll(struct file *fd, poll_table *wait)
{
	struct prn_dev *dev = fd->private_data;

	if (dev->chip_status & PRN_CHIP_HUP)
		return EPOLLERR | EPOLLHUP;
	poll_wait(fd, &dev->ctl_wait, wait); /* expect: PW002 note */
	return 0;
}

static long prn_ioctl(struct file *fd, unsigned int cmd, unsigned long arg)
{
	struct prn_dev *dev = fd->private_data;

	if (prn_load_firmware(dev))
		dev->chip_status |= PRN_CHIP_HUP;
	else
		dev->chip_status |= PRN_CHIP_INIT;
	return 0;
}

static void prn_disable(struct usb_function *f)
{
	struct prn_dev *dev = container_of(f, struct prn_dev, function);

	dev->interface = -1;
}

static int prn_set_alt(struct usb_function *f, unsigned int intf, unsigned int alt)
{
	struct prn_dev *dev = container_of(f, struct prn_dev, function);

	dev->interface = intf;
	return 0;
}

static void prn_rx_complete(struct usb_ep *ep, struct usb_request *req)
{
	struct prn_dev *dev = ep->driver_data;

	dev->rx_ready = 1;
	wake_up_interruptible(&dev->rx_wait);
}

static int prn_bind(struct usb_configuration *c, struct usb_function *f)
{
	struct prn_dev *dev = container_of(f, struct prn_dev, function);

	dev->function.disable = prn_disable;
	dev->function.set_alt = prn_set_alt;
	prn_queue_rx(dev, prn_rx_complete);
	return 0;
}

static const struct file_operations prn_fops = {
	.unlocked_ioctl = prn_ioctl,
	.poll = prn_poll,
};

static const struct file_operations prn_ctl_fops = {
	.poll = prn_ctl_poll,
};
