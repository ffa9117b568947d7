package dev.strand.jcstress.channels;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LLL_Result;

/**
 * Bounded multi-consumer channels, the consumer role: its release never loses the wake-up of a
 * consumer parked waiting for it. The consumers of a bounded multi-consumer channel take the
 * single consumer's role in turn; a consumer blocked on an empty channel keeps it, and the
 * others park until it is released.
 *
 * <p>The actors of {@link MultiConsumerWakeupTest} over a bounded channel only: consumer 1
 * receives with a short timeout, so it holds the role, parked on the empty channel, long enough
 * for consumer 2 to park waiting for the role; consumer 1 then times out, releases the role and
 * sends one message. Consumer 2 must take the role and the message without waiting out its
 * patience, whenever it registered relative to the release. Outcome: flavour, consumer 1,
 * consumer 2.
 *
 * <p>{@link Broken} runs the same actors over {@link WakeOnlyForMessagesRoleChannel}, a role
 * channel whose release wakes a waiting consumer only when a message is left in the buffer (a
 * plausible saving: why wake a consumer for nothing?). Consumer 1 releases the role on an empty
 * buffer, so consumer 2 stays parked waiting for the role; the send then wakes only a consumer
 * waiting in the channel, and nobody holds the role to wait there.
 */
@JCStressTest
@Outcome(id = ".*, timed out, received in time", expect = ACCEPTABLE,
        desc = "Consumer 1 timed out and released the role; consumer 2 took it and got the message.")
@Outcome(id = ".*, received only after the patience ran out", expect = FORBIDDEN,
        desc = "Consumer 2 stayed parked waiting for the role after its release: a lost wake-up.")
@Outcome(expect = FORBIDDEN,
        desc = "Consumer 1 received a message nobody had sent yet, or consumer 2 gave up.")
@State
public class MultiConsumerRoleWakeupTest {

    private final TestChannel channel = StrandChannels.openMultiConsumer(Flavour.BOUNDED);
    private final Msg msg = new Msg(1, 2);

    @Actor
    public void consumer1ThenProducer(LLL_Result r) {
        r.r1 = Flavour.BOUNDED.label;
        r.r2 = MultiConsumerWakeupTest.firstConsumerThenSend(channel, msg, false);
    }

    @Actor
    public void consumer2(LLL_Result r) {
        r.r3 = MultiConsumerWakeupTest.secondConsumer(channel, msg);
    }

    /** The same race over a role channel whose release skips the wake-up on an empty buffer. */
    @JCStressTest
    @Outcome(id = ".*, timed out, received in time", expect = ACCEPTABLE,
            desc = "Consumer 1 timed out and released the role; consumer 2 took it and got the message.")
    @Outcome(id = ".*, received only after the patience ran out", expect = FORBIDDEN,
            desc = "Consumer 2 stayed parked waiting for the role after its release: a lost wake-up.")
    @Outcome(expect = FORBIDDEN,
            desc = "Consumer 1 received a message nobody had sent yet, or consumer 2 gave up.")
    @State
    public static class Broken {
        private final TestChannel channel = WakeOnlyForMessagesRoleChannel.open();
        private final Msg msg = new Msg(1, 2);

        @Actor
        public void consumer1ThenProducer(LLL_Result r) {
            r.r1 = "role woken only for messages";
            r.r2 = MultiConsumerWakeupTest.firstConsumerThenSend(channel, msg, false);
        }

        @Actor
        public void consumer2(LLL_Result r) {
            r.r3 = MultiConsumerWakeupTest.secondConsumer(channel, msg);
        }
    }

    /**
     * DEFECT ON PURPOSE: a multi-consumer channel whose consumers take a consumer role in turn
     * (as Strand's bounded multi-consumer channel does), but whose release wakes a consumer
     * waiting for the role only when a message is left for it. The correct release wakes one
     * waiting consumer whenever one is parked: a send that follows only wakes the role's holder.
     */
    static final class WakeOnlyForMessagesRoleChannel extends BrokenChannel {
        private final ConcurrentLinkedQueue<Msg> queue = new ConcurrentLinkedQueue<>();
        private final AtomicReference<Thread> owner = new AtomicReference<>();
        private final ConcurrentLinkedQueue<Thread> roleWaiters = new ConcurrentLinkedQueue<>();
        /** The role's holder while it parks on an empty buffer. */
        private volatile Thread parkedHolder;

        static TestChannel open() {
            WakeOnlyForMessagesRoleChannel c = new WakeOnlyForMessagesRoleChannel();
            return c.channel();
        }

        @Override
        public Object send(Msg m) {
            queue.offer(m);
            Thread h = parkedHolder; // volatile read after the offer: wakes the role's holder only
            if (h != null) {
                LockSupport.unpark(h);
            }
            return TestChannel.SENT;
        }

        @Override
        public Object tryRecv() {
            return queue.poll();
        }

        @Override
        public Object recv(long timeoutNanos) {
            long deadline = System.nanoTime() + timeoutNanos;
            Thread me = Thread.currentThread();
            while (!owner.compareAndSet(null, me)) {
                roleWaiters.add(me); // then re-check the role: no lost wake-up on this side
                try {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    if (owner.get() != null) {
                        LockSupport.parkNanos(this, left);
                    }
                } finally {
                    roleWaiters.remove(me);
                }
            }
            try {
                for (;;) {
                    Msg m = queue.poll();
                    if (m != null) {
                        return m;
                    }
                    parkedHolder = me; // volatile, then re-check the buffer
                    try {
                        m = queue.poll();
                        if (m != null) {
                            return m;
                        }
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return queue.poll();
                        }
                        LockSupport.parkNanos(this, left);
                    } finally {
                        parkedHolder = null;
                    }
                }
            } finally {
                owner.set(null);
                // The defect: no wake-up when the buffer is empty; a consumer parked waiting for
                // the role stays parked although the role is free.
                if (!queue.isEmpty()) {
                    Thread w = roleWaiters.peek();
                    if (w != null) {
                        LockSupport.unpark(w);
                    }
                }
            }
        }
    }
}
