package dev.strand.net;

import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A caller's {@code future.cancel} races the request's reply in {@link PendingRequests}: the
 * peer is sent a cancel frame only if the cancel took the entry, and then the reply is counted
 * late; the entry leaves the map exactly once either way. {@code r1} = cancel frames sent,
 * {@code r2} = late replies, {@code r3} = requests still counted in flight.
 */
@JCStressTest
@Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
        desc = "the reply took the entry (before the cancel, or between its two steps): no cancel frame")
@Outcome(id = "1, 1, 0", expect = Expect.ACCEPTABLE,
        desc = "the cancel took the entry: one cancel frame, and the reply is late")
@Outcome(expect = Expect.FORBIDDEN,
        desc = "a cancel frame for a request already answered, a late reply nobody cancelled, or an entry left")
@State
public class RequestCancelStress {

    private final AtomicInteger sent = new AtomicInteger();
    private final PendingRequests.Pending<String> request;
    private final PendingRequests pending;

    public RequestCancelStress() {
        pending = new PendingRequests(16, new RequestListeners(), () -> null, e -> { }, id -> sent.incrementAndGet());
        // A deadline that never fires during the race; whoever takes the entry cancels the timer.
        request = pending.register(String.class, "request", "request", Duration.ofHours(1),
                GlobalEventExecutor.INSTANCE);
    }

    @Actor
    public void reply() {
        pending.complete(request.id, "reply");
    }

    @Actor
    public void cancel() {
        request.cancel(false);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = sent.get();
        r.r2 = (int) pending.lateReplies();
        r.r3 = pending.inFlight();
    }
}
