package dev.strand.jcstress.wiring;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * A deliberately racy test that proves the CI wiring: two unsynchronized {@code x++} lose an
 * update now and then, an outcome marked FORBIDDEN. {@code run-jcstress.sh wiring} runs it and
 * requires it to fail; the regular suite excludes it (and every {@code *Broken} variant).
 */
@JCStressTest
@Outcome(id = "2", expect = Expect.ACCEPTABLE, desc = "both increments counted")
@Outcome(id = "1", expect = Expect.FORBIDDEN, desc = "an increment was lost")
@State
public class RacyCounterProof {
    int x;

    @Actor
    public void a() {
        x++;
    }

    @Actor
    public void b() {
        x++;
    }

    @Arbiter
    public void arbiter(I_Result r) {
        r.r1 = x;
    }
}
