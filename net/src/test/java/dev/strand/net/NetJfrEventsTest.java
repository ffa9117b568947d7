package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.strand.net.Fixtures.Delay;
import dev.strand.net.Fixtures.Greeting;
import dev.strand.net.Fixtures.Hello;
import dev.strand.net.Fixtures.Unhandled;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.SettingDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JFR events of strand-net, seen by a {@link RecordingStream} (events arrive at its flushes,
 * about once a second: the test awaits them with a latch) or in a recording file. Events of
 * other connections in this JVM are told apart by this test's server port.
 */
class NetJfrEventsTest {

    private static final String OPENED = "dev.strand.ConnectionOpened";
    private static final String CLOSED = "dev.strand.ConnectionClosed";
    private static final String SLOW = "dev.strand.SlowRequest";

    private final List<Throwable> errors = Fixtures.errors();

    @AfterEach
    void noThreadLeft() {
        Fixtures.assertNoNetThreads();
    }

    @Test
    @Timeout(60)
    void connectionsAndRequestsAreRecordedWithTheirFields(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.jfr");
        String serverAddress;
        String clientAddress;
        try (Recording recording = new Recording()) {
            recording.enable(OPENED);
            recording.enable(CLOSED);
            recording.enable(SLOW).withThreshold(Duration.ZERO);
            recording.start();
            try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY)) {
                serverAddress = "127.0.0.1:" + server.port();
                try (Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
                    clientAddress = "127.0.0.1:" + ((InetSocketAddress) conn.localAddress()).getPort();
                    assertThat(conn.request(new Hello("jfr"), Greeting.class, Fixtures.SECONDS_5).get().text())
                            .isEqualTo("Hello, jfr!");
                    assertThatThrownBy(() -> conn.request(new Unhandled(1), Greeting.class, Fixtures.SECONDS_5)
                            .get()).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RemoteException.class);
                }
            } // the server's close waits for its I/O threads: its side's close event is committed
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = readStrandEvents(file).stream().filter(e -> involves(e, serverAddress))
                .collect(Collectors.toList());
        RecordedEvent serverOpened = only(events, OPENED, "server");
        assertThat(serverOpened.getString("localAddress")).isEqualTo(serverAddress);
        assertThat(serverOpened.getString("remoteAddress")).isEqualTo(clientAddress);
        RecordedEvent clientOpened = only(events, OPENED, "client");
        assertThat(clientOpened.getString("remoteAddress")).isEqualTo(serverAddress);
        assertThat(clientOpened.getString("localAddress")).isEqualTo(clientAddress);

        RecordedEvent clientClosed = only(events, CLOSED, "client");
        assertThat(clientClosed.getString("remoteAddress")).isEqualTo(serverAddress);
        assertThat(clientClosed.getLong("framesSent")).isEqualTo(2);
        assertThat(clientClosed.getLong("framesReceived")).isEqualTo(2);
        assertThat(clientClosed.getString("cause")).as("an orderly close").isNull();
        RecordedEvent serverClosed = only(events, CLOSED, "server");
        assertThat(serverClosed.getString("remoteAddress")).isEqualTo(clientAddress);
        assertThat(serverClosed.getLong("framesReceived")).isEqualTo(2);

        List<RecordedEvent> requests = events.stream().filter(e -> e.getEventType().getName().equals(SLOW))
                .collect(Collectors.toList());
        assertThat(requests).extracting(e -> e.getString("requestType"), e -> e.getString("outcome"))
                .containsExactlyInAnyOrder(tuple("hello", "reply"),
                        tuple("unhandled", "remote-error"));
        assertThat(requests).allSatisfy(e -> {
            assertThat(e.getString("remoteAddress")).isEqualTo(serverAddress);
            assertThat(e.getDuration()).isPositive();
        });
    }

    @Test
    @Timeout(60)
    void aRequestSlowerThanTheDefaultThresholdIsRecorded() throws Exception {
        List<RecordedEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch seen = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RecordingStream rs = new RecordingStream();
             NetServer server = Fixtures.serverWithoutDelay(errors)
                     .onRequest(Delay.class, (c, req) -> {
                         release.await(); // answers only after the client gave up
                         return req;
                     }).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            String serverAddress = "127.0.0.1:" + server.port();
            rs.setReuse(false); // the events are kept past their callback
            rs.enable(SLOW); // the default threshold, 20 ms
            rs.onEvent(SLOW, e -> {
                if (involves(e, serverAddress)) {
                    events.add(e);
                    seen.countDown();
                }
            });
            rs.startAsync();
            // The deadline (50 ms) is past the threshold: its event is committed whatever the load.
            assertThatThrownBy(() -> conn.request(new Delay(0, 1), Delay.class, Duration.ofMillis(50)).get())
                    .hasCauseInstanceOf(TimeoutException.class);
            release.countDown();
            seen.await();
        }
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getString("requestType")).isEqualTo("delay");
            assertThat(e.getString("outcome")).isEqualTo("timeout");
            assertThat(e.getDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        });
    }

    @Test
    void eventsAreOffUnlessNamedAndTheSlowRequestThresholdDefaultsTo20Milliseconds() {
        EventType slow = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                .filter(t -> t.getName().equals(SLOW)).findFirst().orElseThrow();
        assertThat(slow.getSettingDescriptors()).filteredOn(s -> s.getName().equals("threshold"))
                .extracting(SettingDescriptor::getDefaultValue).containsExactly("20 ms");
        assertThat(slow.getCategoryNames()).containsExactly("Strand", "Net");
        // Off in a recording that does not name them (the JDK's default settings, say).
        for (String name : List.of(OPENED, CLOSED, SLOW)) {
            EventType type = FlightRecorder.getFlightRecorder().getEventTypes().stream()
                    .filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
            assertThat(type.getSettingDescriptors()).as(name).filteredOn(s -> s.getName().equals("enabled"))
                    .extracting(SettingDescriptor::getDefaultValue).containsExactly("false");
        }
    }

    @Test
    @Timeout(60)
    void eventsNotEnabledAreNotRecorded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("net.jfr");
        String serverAddress;
        try (Recording recording = new Recording()) {
            recording.enable(OPENED); // the others stay disabled
            recording.start();
            try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY);
                 Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
                serverAddress = "127.0.0.1:" + server.port();
                assertThat(conn.request(new Hello("off"), Greeting.class, Fixtures.SECONDS_5).get().text())
                        .isEqualTo("Hello, off!");
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> ours = readStrandEvents(file).stream()
                .filter(e -> involves(e, serverAddress))
                .collect(Collectors.toList());
        assertThat(ours).extracting(e -> e.getEventType().getName()).containsExactly(OPENED, OPENED);
    }

    /** Whether {@code e} is about a connection to or from {@code address}. */
    private static boolean involves(RecordedEvent e, String address) {
        return e.hasField("remoteAddress") && address.equals(e.getString("remoteAddress"))
                || e.hasField("localAddress") && address.equals(e.getString("localAddress"));
    }

    private static List<RecordedEvent> readStrandEvents(Path file) throws IOException {
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.strand."))
                .collect(Collectors.toList());
    }

    private static RecordedEvent only(List<RecordedEvent> events, String name, String role) {
        List<RecordedEvent> found = events.stream()
                .filter(e -> e.getEventType().getName().equals(name) && role.equals(e.getString("role")))
                .collect(Collectors.toList());
        assertThat(found).as(name + " " + role).hasSize(1);
        return found.get(0);
    }
}
