package dev.pollcheck.sim;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One epoll instance as {@code fs/eventpoll.c} runs it, with one task that may sleep in
 * {@code epoll_wait}:
 * <ul>
 * <li>{@code EPOLL_CTL_ADD} and {@code EPOLL_CTL_MOD} add {@code EPOLLERR | EPOLLHUP} to the events
 *     ({@code do_epoll_ctl});</li>
 * <li>{@code ep_item_poll} sets {@code _key} to the item's events and masks the result with them;</li>
 * <li>{@code ep_insert} polls once with {@code _qproc = ep_ptable_queue_proc}: the only call that can
 *     put the item on wait queues; a non-zero result puts the item on the ready list;</li>
 * <li>{@code ep_modify} stores the new events and re-polls with {@code _qproc == NULL};</li>
 * <li>{@code ep_poll_callback} ignores a disabled item (no event bits besides
 *     {@code EP_PRIVATE_BITS}) and a keyed wake-up with no bit in common with the item's events;
 *     otherwise it queues the item as ready and wakes the task in {@code epoll_wait};</li>
 * <li>{@code epoll_wait} ({@code ep_send_events}) re-polls each ready item with {@code _qproc == NULL};
 *     an item reporting nothing leaves the ready list; one reporting events is delivered and then
 *     disabled ({@code EPOLLONESHOT}: events &amp;= {@code EP_PRIVATE_BITS}), dropped ({@code EPOLLET}), or
 *     queued again (level-triggered). With nothing delivered the task sleeps.</li>
 * </ul>
 */
public final class Epoll {

    /** An {@code epitem}. */
    public final class Item {
        private final PollFile file;
        private long events;
        private final List<WaitQueue> queues = new ArrayList<>();

        private Item(PollFile file, long events) {
            this.file = file;
            this.events = events;
        }

        public long events() {
            return events;
        }

        public boolean ready() {
            return readyList.contains(this);
        }

        /** Queues this item's entries were added to (by its {@code EPOLL_CTL_ADD} poll only). */
        public List<WaitQueue> queues() {
            return List.copyOf(queues);
        }

        private boolean callback(long key) {
            if ((events & ~PollBits.EP_PRIVATE_BITS) == 0) {
                return false;
            }
            if (key != 0 && (key & events) == 0) {
                return false;
            }
            readyList.add(this);
            if (waiting) {
                woken = true;
            }
            return true;
        }
    }

    /** One event delivered by {@code epoll_wait}. */
    public record Delivered(Item item, long events) {
    }

    private final Set<Item> readyList = new LinkedHashSet<>();
    private boolean waiting;
    private boolean woken;

    /** {@code EPOLL_CTL_ADD}: one poll with a queueing {@code _qproc}. */
    public Item add(PollFile file, long events) {
        Item item = new Item(file, events | PollBits.ERR | PollBits.HUP);
        PollTable pt = PollTable.init((p, q) -> {
            item.queues.add(q);
            q.add(new WaitQueue.Waiter() {
                @Override
                public boolean wake(long key) {
                    return item.callback(key);
                }

                @Override
                public String owner() {
                    return "epoll item";
                }
            });
        });
        long revents = itemPoll(item, pt);
        if (revents != 0) {
            makeReady(item);
        }
        return item;
    }

    /** {@code EPOLL_CTL_MOD}: new events, re-poll with {@code _qproc == NULL}; returns what that poll reported. */
    public long mod(Item item, long events) {
        long e = events;
        if ((item.events & PollBits.EXCLUSIVE) == 0) {
            e |= PollBits.ERR | PollBits.HUP;
        }
        item.events = e;
        long revents = itemPoll(item, PollTable.init(null));
        if (revents != 0) {
            makeReady(item);
        }
        return revents;
    }

    private void makeReady(Item item) {
        readyList.add(item);
        if (waiting) {
            woken = true;
        }
    }

    /** {@code ep_item_poll}. */
    private static long itemPoll(Item item, PollTable pt) {
        pt.key = item.events;
        return PollFile.vfsPoll(item.file, pt) & item.events;
    }

    /**
     * {@code epoll_wait} with an infinite timeout, entered or resumed: the events delivered, or an empty
     * list when the task sleeps (then {@link #blocked()} says whether something already woke it).
     */
    public List<Delivered> epollWait() {
        woken = false;
        List<Delivered> out = new ArrayList<>();
        if (!readyList.isEmpty()) {
            List<Item> batch = new ArrayList<>(readyList);
            readyList.clear();
            PollTable pt = PollTable.init(null);
            List<Item> requeue = new ArrayList<>();
            for (Item item : batch) {
                long revents = itemPoll(item, pt);
                if (revents == 0) {
                    continue;
                }
                out.add(new Delivered(item, revents));
                if ((item.events & PollBits.ONESHOT) != 0) {
                    item.events &= PollBits.EP_PRIVATE_BITS;
                } else if ((item.events & PollBits.ET) == 0) {
                    requeue.add(item);
                }
            }
            readyList.addAll(requeue);
        }
        waiting = out.isEmpty();
        return out;
    }

    /** A task sleeps in {@code epoll_wait} and nothing has woken it. */
    public boolean blocked() {
        return waiting && !woken;
    }

    /** Whether a wake-up reached the sleeping task (it will run {@link #epollWait()} again). */
    public boolean woken() {
        return woken;
    }
}
