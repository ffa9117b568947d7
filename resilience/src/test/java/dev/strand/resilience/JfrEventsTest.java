package dev.strand.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class JfrEventsTest {

    @Test
    void eventsAreDisabledWithoutARecording() {
        assertThat(EventType.getEventType(Jfr.BreakerTransition.class).isEnabled()).isFalse();
        assertThat(EventType.getEventType(Jfr.RetryAttempt.class).isEnabled()).isFalse();
        assertThat(EventType.getEventType(Jfr.BulkheadRejected.class).isEnabled()).isFalse();
    }

    @Test
    void aRecordingThatDoesNotNameThemLeavesThemOff() {
        for (Class<? extends jdk.jfr.Event> type : List.of(Jfr.BreakerTransition.class, Jfr.RetryAttempt.class,
                Jfr.BulkheadRejected.class)) {
            assertThat(EventType.getEventType(type).getSettingDescriptors()).as(type.getSimpleName())
                    .filteredOn(s -> s.getName().equals("enabled"))
                    .extracting(jdk.jfr.SettingDescriptor::getDefaultValue).containsExactly("false");
        }
    }

    @Test
    void aRecordingSeesTransitionsRetriesAndRejections(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("strand.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.strand.BreakerTransition");
            recording.enable("dev.strand.Retry");
            recording.enable("dev.strand.BulkheadRejected");
            recording.start();

            CircuitBreaker cb = CircuitBreaker.builder().name("jfr-breaker").slidingWindow(1).build();
            assertThat(cb.tryAcquire()).isTrue();
            cb.onFailure(0, new IOException("down"));
            Retry retry = Retry.builder().maxAttempts(2).backoff(Backoff.fixed(Duration.ofMillis(3))).sleeper(d -> { }).build();
            assertThatThrownBy(() -> retry.call(() -> {
                throw new IOException("again");
            })).isInstanceOf(RetryExhaustedException.class);
            Bulkhead bh = Bulkhead.of(1);
            assertThatThrownBy(() -> bh.call(() -> bh.call(() -> "inner"))).isInstanceOf(BulkheadFullException.class);

            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.strand."))
                .collect(Collectors.toList());
        RecordedEvent transition = only(events, "dev.strand.BreakerTransition");
        assertThat(transition.getString("breaker")).isEqualTo("jfr-breaker");
        assertThat(transition.getString("from")).isEqualTo("CLOSED");
        assertThat(transition.getString("to")).isEqualTo("OPEN");
        List<RecordedEvent> retries = events.stream().filter(e -> e.getEventType().getName().equals("dev.strand.Retry"))
                .collect(Collectors.toList());
        assertThat(retries).extracting(e -> e.getString("outcome")).containsExactly("attempt", "exhausted");
        assertThat(retries.get(0).getInt("attempt")).isEqualTo(1);
        assertThat(retries.get(0).getString("failure")).isEqualTo(IOException.class.getName());
        assertThat(retries.get(0).getDuration("delay")).isEqualTo(Duration.ofMillis(3));
        assertThat(only(events, "dev.strand.BulkheadRejected").getInt("maxConcurrentCalls")).isEqualTo(1);
    }

    private static RecordedEvent only(List<RecordedEvent> events, String name) {
        List<RecordedEvent> found = events.stream().filter(e -> e.getEventType().getName().equals(name))
                .collect(Collectors.toList());
        assertThat(found).as(name).hasSize(1);
        return found.get(0);
    }
}
