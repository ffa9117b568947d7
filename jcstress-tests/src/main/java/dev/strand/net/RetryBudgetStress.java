package dev.strand.net;

import dev.strand.core.ManualTicker;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A {@link RetryBudget} is never overspent and never loses a token: with one token earned
 * before (ratio 1, no reserve), a retry races with a request that deposits a second token and
 * then retries. Both retries must succeed and nothing may be left (the arbiter drains it).
 */
@JCStressTest
@Outcome(id = "1, 1, 0", expect = Expect.ACCEPTABLE,
        desc = "two tokens in all (one before, one deposited during the race), each spent once")
@Outcome(id = {"1, 1, 1", "1, 1, 2"}, expect = Expect.FORBIDDEN,
        desc = "more spent and left than was deposited: the budget was overspent")
@Outcome(expect = Expect.FORBIDDEN,
        desc = "a retry refused while a token was there: a deposit or a token was lost")
@State
public class RetryBudgetStress {

    private final RetryBudget budget = new RetryBudget(1.0, 0, new ManualTicker());

    public RetryBudgetStress() {
        budget.deposit(); // one token before the race
    }

    @Actor
    public void retry1(III_Result r) {
        r.r1 = budget.tryWithdraw() ? 1 : 0;
    }

    @Actor
    public void requestThenRetry(III_Result r) {
        budget.deposit(); // a second token, deposited during the race ...
        r.r2 = budget.tryWithdraw() ? 1 : 0; // ... so this retry always finds one
    }

    @Arbiter
    public void left(III_Result r) {
        int n = 0;
        while (budget.tryWithdraw()) {
            n++;
        }
        r.r3 = n;
    }
}
