package dev.strand.net;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The race of {@link RequestEndedOnceStress} on a deliberately broken hook: each path tells the
 * listener after it <em>looked up</em> the request ({@code map.get}) rather than after it won
 * its removal ({@code map.remove}, as {@link PendingRequests} does), so the reply and the loss
 * may both tell it. Must be seen to fail by {@code run-jcstress.sh ... broken}; excluded from
 * the suite.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE,
        desc = "told once, of the outcome the future has (the reply won, or the loss did)")
@Outcome(id = {"2, 0", "2, 1"}, expect = Expect.FORBIDDEN, desc = "told twice: both paths told the listener")
@Outcome(expect = Expect.FORBIDDEN,
        desc = "never told, or told of an outcome the future does not have")
@State
public class RequestEndedOnceStressBroken {

    private static final long ID = 1;

    private final AtomicInteger told = new AtomicInteger();
    private volatile RequestListener.Outcome toldOutcome;
    private final Map<Long, CompletableFuture<String>> map = new ConcurrentHashMap<>();
    private final CompletableFuture<String> future = new CompletableFuture<>();

    public RequestEndedOnceStressBroken() {
        map.put(ID, future);
    }

    private void tell(RequestListener.Outcome outcome) {
        told.incrementAndGet();
        toldOutcome = outcome;
    }

    @Actor
    public void reply() {
        CompletableFuture<String> f = map.get(ID); // look up ...
        if (f != null) {
            tell(RequestListener.Outcome.REPLY); // ... tell ...
            map.remove(ID); // ... and only then remove: the loss may have told too
            f.complete("reply");
        }
    }

    @Actor
    public void loss() {
        for (Map.Entry<Long, CompletableFuture<String>> e : map.entrySet()) {
            tell(RequestListener.Outcome.CONNECTION_LOST);
            map.remove(e.getKey());
            e.getValue().completeExceptionally(new ConnectionLostException("lost", null));
        }
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = told.get();
        RequestListener.Outcome outcome = future.isCompletedExceptionally()
                ? RequestListener.Outcome.CONNECTION_LOST : RequestListener.Outcome.REPLY;
        r.r2 = future.isDone() && outcome == toldOutcome ? 1 : 0;
    }
}
