package dev.strand.net;

import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The race of {@link RetryBudgetStress} on a deliberately broken budget: deposits and
 * withdrawals are check-then-act (read, then write the new balance) instead of
 * {@link RetryBudget}'s compare-and-set loops. Must be seen to fail (a token spent twice, or a
 * deposit lost) by {@code run-jcstress.sh ... broken}; excluded from the suite.
 */
@JCStressTest
@Outcome(id = "1, 1, 0", expect = Expect.ACCEPTABLE,
        desc = "two tokens in all (one before, one deposited during the race), each spent once")
@Outcome(id = {"1, 1, 1", "1, 1, 2"}, expect = Expect.FORBIDDEN,
        desc = "more spent and left than was deposited: the budget was overspent")
@Outcome(expect = Expect.FORBIDDEN,
        desc = "a retry refused while a token was there: a deposit or a token was lost")
@State
public class RetryBudgetStressBroken {

    private static final long UNIT = 1000;

    private final AtomicLong deposits = new AtomicLong(UNIT); // one token before the race

    private void deposit() {
        long d = deposits.get();       // read ...
        deposits.set(d + UNIT);        // ... then write: a concurrent withdrawal is undone
    }

    private boolean tryWithdraw() {
        long d = deposits.get();       // check ...
        if (d >= UNIT) {
            deposits.set(d - UNIT);    // ... then act: both retries may take the same token
            return true;
        }
        return false;
    }

    @Actor
    public void retry1(III_Result r) {
        r.r1 = tryWithdraw() ? 1 : 0;
    }

    @Actor
    public void requestThenRetry(III_Result r) {
        deposit();
        r.r2 = tryWithdraw() ? 1 : 0;
    }

    @Arbiter
    public void left(III_Result r) {
        int n = 0;
        while (tryWithdraw()) {
            n++;
        }
        r.r3 = n;
    }
}
