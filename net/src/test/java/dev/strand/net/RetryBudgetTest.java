package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strand.core.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private static int drain(RetryBudget budget) {
        int n = 0;
        while (budget.tryWithdraw()) {
            n++;
        }
        return n;
    }

    @Test
    void aFreshBudgetHoldsOnlyItsReserve() {
        RetryBudget budget = new RetryBudget(0.1, 10, new ManualTicker());
        assertThat(drain(budget)).isEqualTo(10);
    }

    @Test
    void eachRequestEarnsItsRatioOfARetry() {
        RetryBudget budget = new RetryBudget(0.1, 0, new ManualTicker());
        for (int i = 0; i < 1000; i++) {
            budget.deposit();
        }
        assertThat(drain(budget)).isEqualTo(100);
    }

    @Test
    void depositsAreCappedSoAHealthySpellSavesNoStorm() {
        RetryBudget budget = new RetryBudget(0.1, 0, new ManualTicker());
        for (int i = 0; i < 1_000_000; i++) {
            budget.deposit();
        }
        assertThat(drain(budget)).isEqualTo(100);
    }

    @Test
    void theReserveRefillsWithTimeUpToItsSize() {
        ManualTicker ticker = new ManualTicker();
        RetryBudget budget = new RetryBudget(0.1, 10, ticker);
        assertThat(drain(budget)).isEqualTo(10);
        ticker.advance(Duration.ofMillis(500));
        assertThat(drain(budget)).isEqualTo(5);
        ticker.advance(Duration.ofMinutes(5));
        assertThat(drain(budget)).isEqualTo(10);
    }
}
