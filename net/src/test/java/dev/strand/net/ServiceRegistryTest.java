package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The registry finds a served method from the characters of its wire name as the decoder holds
 * them (an offset into a larger buffer), as it does from a String, and nothing else.
 */
class ServiceRegistryTest {

    interface Many {
        String a(String x);

        String b(String x);

        String c(String x);

        String d(String x);

        String e(String x);

        String ab(String x);

        String ba(String x);

        String aB(String x);
    }

    @RpcService("Aa")
    interface Colliding {
        String x();
    }

    @RpcService("BB") // "Aa" and "BB" have the same String hash
    interface CollidingToo {
        String x();
    }

    interface Outcomes {
        String timesOut(String x) throws TimeoutException;

        String fails(String x);

        long sum(int a, long b);

        void nothing();
    }

    static final class OutcomesImpl implements Outcomes {
        int nothingCalls;

        @Override
        public String timesOut(String x) throws TimeoutException {
            throw new TimeoutException("slow " + x);
        }

        @Override
        public String fails(String x) {
            throw new LinkageError("broken " + x);
        }

        @Override
        public long sum(int a, long b) {
            return a + b;
        }

        @Override
        public void nothing() {
            nothingCalls++;
        }
    }

    private static Rpc.Reply run(ServiceRegistry r, String method, long timeoutMillis, JsonNode... args) {
        return r.run(new Rpc.Call(method, null, List.of(args), timeoutMillis));
    }

    private static ServiceRegistry.Target byChars(ServiceRegistry r, String name) {
        char[] buf = ("{\"method\":\"" + name + "\"}").toCharArray();
        return r.target(buf, 11, name.length());
    }

    @Test
    void findsEachServedMethodByItsCharactersAsByItsName() {
        ServiceRegistry r = new ServiceRegistry();
        r.add(Many.class, (Many) java.lang.reflect.Proxy.newProxyInstance(Many.class.getClassLoader(),
                new Class<?>[] {Many.class}, (p, m, a) -> "x"));
        r.add(Colliding.class, () -> "aa");
        r.add(CollidingToo.class, () -> "bb");
        assertThat("Aa.x".hashCode()).isEqualTo("BB.x".hashCode());
        List<String> names = new ArrayList<>();
        for (String m : List.of("a", "b", "c", "d", "e", "ab", "ba", "aB")) {
            names.add("Many." + m);
        }
        names.add("Aa.x");
        names.add("BB.x");
        for (String name : names) {
            ServiceRegistry.Target t = byChars(r, name);
            assertThat(t).as(name).isNotNull().isSameAs(r.target(name));
            assertThat(t.method().name()).isEqualTo(name);
        }
        for (String unknown : List.of("", "Many.", "Many.f", "Many.abc", "many.a", "Aa.y", "Ab.x", "Many.a ")) {
            assertThat(byChars(r, unknown)).as(unknown).isNull();
            assertThat(r.target(unknown)).as(unknown).isNull();
        }
    }

    @Test
    void anEmptyRegistryFindsNothing() {
        ServiceRegistry r = new ServiceRegistry();
        assertThat(byChars(r, "Many.a")).isNull();
        assertThat(r.target("Many.a")).isNull();
    }

    @Test
    void whatTheMethodThrowsComesBackAsItsTypeAndMessageEvenATimeoutOrAnError() {
        ServiceRegistry r = new ServiceRegistry();
        r.add(Outcomes.class, new OutcomesImpl());
        for (long timeout : new long[] {0, 60_000}) {
            Rpc.Reply slow = run(r, "Outcomes.timesOut", timeout, TextNode.valueOf("a"));
            assertThat(slow.error()).as("timeout %d", timeout).isEqualTo(RemoteException.HANDLER_FAILED);
            assertThat(slow.errorType()).isEqualTo(TimeoutException.class.getName());
            assertThat(slow.errorMessage()).isEqualTo("slow a");
            Rpc.Reply failed = run(r, "Outcomes.fails", timeout, TextNode.valueOf("b"));
            assertThat(failed.error()).isEqualTo(RemoteException.HANDLER_FAILED);
            assertThat(failed.errorType()).isEqualTo(LinkageError.class.getName());
            assertThat(failed.errorMessage()).isEqualTo("broken b");
        }
    }

    @Test
    void primitiveArgumentsAndResultsAndVoidRunThroughTheInvoker() {
        ServiceRegistry r = new ServiceRegistry();
        OutcomesImpl impl = new OutcomesImpl();
        r.add(Outcomes.class, impl);
        assertThat(r.target("Outcomes.sum").invoker()).isNotNull();
        Rpc.Reply sum = run(r, "Outcomes.sum", 0, IntNode.valueOf(2), LongNode.valueOf(40));
        assertThat(sum.error()).isNull();
        assertThat(((BoundValue) sum.value()).getPojo()).isEqualTo(42L);
        Rpc.Reply nothing = run(r, "Outcomes.nothing", 0);
        assertThat(nothing.error()).isNull();
        assertThat(nothing.value()).isNull();
        assertThat(impl.nothingCalls).isEqualTo(1);
    }
}
