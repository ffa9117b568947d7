package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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
}
