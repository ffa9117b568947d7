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
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The race of {@link RequestCancelStress} on a deliberately broken cancel: it sends the cancel
 * frame as soon as the future was cancelled, and only then tries to take the entry, instead of
 * sending only after it won the removal (as {@link PendingRequests} does). A reply that took
 * the entry in between is then answered by a cancel the peer should never have been sent. Must
 * be seen to fail by {@code run-jcstress.sh ... broken}; excluded from the suite.
 */
@JCStressTest
@Outcome(id = "0, 0, 0", expect = Expect.ACCEPTABLE,
        desc = "the reply took the entry (before the cancel, or between its two steps): no cancel frame")
@Outcome(id = "1, 1, 0", expect = Expect.ACCEPTABLE,
        desc = "the cancel took the entry: one cancel frame, and the reply is late")
@Outcome(expect = Expect.FORBIDDEN,
        desc = "a cancel frame for a request already answered, a late reply nobody cancelled, or an entry left")
@State
public class RequestCancelStressBroken {

    private static final long ID = 1;

    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger late = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger(1);
    private final Map<Long, CompletableFuture<String>> map = new ConcurrentHashMap<>();
    private final CompletableFuture<String> future = new CompletableFuture<>();

    public RequestCancelStressBroken() {
        map.put(ID, future);
    }

    @Actor
    public void reply() {
        CompletableFuture<String> f = map.remove(ID);
        if (f == null) {
            late.incrementAndGet();
        } else {
            inFlight.decrementAndGet();
            f.complete("reply");
        }
    }

    @Actor
    public void cancel() {
        if (future.cancel(false)) {
            sent.incrementAndGet(); // told the peer before winning the entry ...
            if (map.remove(ID) != null) { // ... which the reply may have taken meanwhile
                inFlight.decrementAndGet();
            }
        }
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = sent.get();
        r.r2 = late.get();
        r.r3 = inFlight.get();
    }
}
