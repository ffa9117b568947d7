package dev.strand.jmh.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strand.jmh.report.Comparison.Direction;
import dev.strand.jmh.report.Comparison.Ref;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;

class ComparisonsTest {

    private final List<Comparison> all = Comparisons.all();

    @Test
    void shouldCoverEveryModuleWithUniqueLabels() {
        Set<String> labels = new HashSet<>();
        for (Comparison c : all) {
            assertThat(labels.add(c.label())).as(c.label()).isTrue();
            assertThat(c.strand()).as(c.label()).isNotEqualTo(c.peer());
            assertThat(Double.isNaN(c.target()) || c.target() > 0).as(c.label()).isTrue();
        }
        assertThat(all.stream().map(Comparison::group).distinct())
                .containsExactly("channels", "parallel", "resilience", "core", "net");
    }

    /** Every benchmark method and parameter value named in the list exists, with the declared direction. */
    @Test
    void shouldNameExistingBenchmarksParamsAndModes() throws Exception {
        for (Comparison c : all) {
            for (Ref ref : c.baseline() == null ? List.of(c.strand(), c.peer())
                    : List.of(c.strand(), c.peer(), c.baseline())) {
                String name = ref.benchmark();
                Class<?> cls = Class.forName("dev.strand.jmh." + name.substring(0, name.lastIndexOf('.')));
                String method = name.substring(name.lastIndexOf('.') + 1);
                // A JMH @Group benchmark is reported under its group's name, not a method's.
                boolean found = Arrays.stream(cls.getMethods())
                        .filter(m -> m.isAnnotationPresent(Benchmark.class))
                        .anyMatch(m -> m.getName().equals(method)
                                || (m.isAnnotationPresent(Group.class)
                                && m.getAnnotation(Group.class).value().equals(method)));
                assertThat(found).as(name).isTrue();
                Mode mode = cls.getAnnotation(BenchmarkMode.class).value()[0];
                assertThat(mode == Mode.Throughput ? Direction.THROUGHPUT : Direction.TIME).as(name)
                        .isEqualTo(c.direction());
                for (Map.Entry<String, String> p : ref.params().entrySet()) {
                    Field f = cls.getDeclaredField(p.getKey());
                    assertThat(Arrays.asList(f.getAnnotation(Param.class).value())).as(name + " " + p.getKey())
                            .contains(p.getValue());
                }
            }
        }
    }

    @Test
    void shouldCompareResilienceOnOverheadWithTheZeroAllocationTarget() {
        List<Comparison> resilience = all.stream().filter(c -> c.group().equals("resilience")).toList();

        assertThat(resilience).hasSize(8).allSatisfy(c -> {
            assertThat(c.baseline()).isNotNull();
            assertThat(c.alloc().zero()).isTrue();
            assertThat(c.strand().threads()).isPositive();
        });
    }
}
