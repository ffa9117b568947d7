package dev.strand.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Threads.Builder#virtual(boolean)}: virtual threads on JDK 21+, a clear refusal before. */
class VirtualThreadSpawnTest {

    private static final boolean JDK21 = Runtime.version().feature() >= 21;

    private static boolean isVirtual(Thread t) throws Throwable {
        return (boolean) MethodHandles.publicLookup()
                .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class))
                .invoke(t);
    }

    @Test
    void supportIsReportedExactlyOnJdk21AndLater() {
        assertThat(Threads.virtualThreadsSupported()).isEqualTo(JDK21);
    }

    @Test
    void askingForVirtualThreadsBeforeJdk21FailsAtOnceSayingWhy() {
        assumeTrue(!JDK21, "runs on JDK 17-20");
        assertThatThrownBy(() -> Threads.builder().virtual(true))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("JDK 21");
        // Asking for platform threads is always fine.
        assertThat(Threads.builder().virtual(false)).isNotNull();
    }

    @Test
    @Timeout(10)
    void spawnsANamedVirtualThreadWhoseResultAndFailureReachJoin() throws Throwable {
        assumeTrue(JDK21, "virtual threads need JDK 21+");
        Threads.Builder b = Threads.builder().virtual(true).name("v-", 1);
        JoinHandle<Thread> h = b.spawn(Thread::currentThread);
        Thread ran = h.join();
        assertThat(isVirtual(ran)).isTrue();
        assertThat(ran.getName()).isEqualTo("v-1");
        assertThat(ran.isDaemon()).isTrue();

        JoinHandle<Object> failing = b.spawn(() -> {
            throw new IllegalArgumentException("boom");
        });
        assertThatThrownBy(failing::join).isInstanceOf(PanicException.class)
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void virtualThreadsCannotBeNonDaemon() {
        assumeTrue(JDK21, "virtual threads need JDK 21+");
        Threads.Builder b = Threads.builder().virtual(true).daemon(false);
        assertThatIllegalStateException().isThrownBy(() -> b.spawn(() -> 1)).withMessageContaining("daemon");
    }
}
