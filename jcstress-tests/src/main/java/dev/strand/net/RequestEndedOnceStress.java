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
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A {@link RequestListener} is told exactly once how a request ended, and what it is told
 * agrees with the request's future: the reply races with the connection's loss
 * ({@code failAll}), as when a peer answers and hangs up. {@code r1} = times told, {@code r2} =
 * 1 if the listener's outcome matches the future's (a reply, or a loss), else 0.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE,
        desc = "told once, of the outcome the future has (the reply won, or the loss did)")
@Outcome(id = {"2, 0", "2, 1"}, expect = Expect.FORBIDDEN, desc = "told twice: both paths told the listener")
@Outcome(expect = Expect.FORBIDDEN,
        desc = "never told, or told of an outcome the future does not have")
@State
public class RequestEndedOnceStress {

    private final AtomicInteger told = new AtomicInteger();
    private volatile RequestListener.Outcome toldOutcome;
    private final PendingRequests.Pending<String> request;
    private final PendingRequests pending;

    public RequestEndedOnceStress() {
        RequestListeners listeners = new RequestListeners();
        listeners.add((type, outcome, nanos, failure) -> {
            told.incrementAndGet();
            toldOutcome = outcome;
        });
        pending = new PendingRequests(16, listeners, () -> null, e -> { });
        // A deadline that never fires during the race; completion cancels the timer.
        request = pending.register(String.class, "request", "request", Duration.ofHours(1),
                GlobalEventExecutor.INSTANCE);
    }

    @Actor
    public void reply() {
        pending.complete(request.id, "reply");
    }

    @Actor
    public void loss() {
        pending.failAll(null);
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = told.get();
        RequestListener.Outcome future = request.isCompletedExceptionally()
                ? RequestListener.Outcome.CONNECTION_LOST : RequestListener.Outcome.REPLY;
        r.r2 = request.isDone() && future == toldOutcome ? 1 : 0;
    }
}
