package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.strand.net.Fixtures.Greeting;
import dev.strand.net.Fixtures.Hello;
import dev.strand.net.RequestListener.Outcome;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link RequestListener} on the connections a client and a server hand out. */
class RequestListenerTest {

    record Told(String type, Outcome outcome, long nanos, Throwable failure) {
    }

    private final List<Throwable> errors = Fixtures.errors();
    private final List<Told> told = new CopyOnWriteArrayList<>();
    private final RequestListener recorder = (type, outcome, nanos, failure) ->
            told.add(new Told(type, outcome, nanos, failure));

    @AfterEach
    void noThreadLeft() {
        Fixtures.assertNoNetThreads();
    }

    @Test
    @Timeout(30)
    void aClientConnectionTellsItsListenersHowEachRequestEnded() throws Exception {
        try (NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            RequestListener.add(conn, recorder);
            assertThat(conn.request(new Hello("a"), Greeting.class, Fixtures.SECONDS_5).get().text())
                    .isEqualTo("Hello, a!");
            assertThatThrownBy(() -> conn.request(new Hello(""), Greeting.class, Fixtures.SECONDS_5).get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RemoteException.class);
            // Told before each future completed: nothing to wait for.
            assertThat(told).extracting(Told::type, Told::outcome)
                    .containsExactly(tuple("hello", Outcome.REPLY), tuple("hello", Outcome.REMOTE_ERROR));
            assertThat(told.get(0).nanos()).isPositive();
            assertThat(told.get(1).failure()).isInstanceOf(RemoteException.class);

            assertThat(RequestListener.remove(conn, recorder)).isTrue();
            conn.request(new Hello("b"), Greeting.class, Fixtures.SECONDS_5).get();
            assertThat(told).hasSize(2);
        }
        assertThat(errors).isEmpty();
    }

    @Test
    @Timeout(30)
    void aRequestOnAConnectionAlreadyLostIsToldAsConnectionLost() throws Exception {
        NetServer server = Fixtures.server(errors).bind(PatternFixtures.ANY);
        try (Connection conn = Fixtures.client().connect(Fixtures.address(server))) {
            RequestListener.add(conn, recorder);
            server.close();
            conn.closeFuture().get(); // no reconnect policy: the loss ends the connection
            assertThatThrownBy(() -> conn.request(new Hello("late"), Greeting.class, Fixtures.SECONDS_5).get())
                    .hasCauseInstanceOf(ConnectionLostException.class);
            assertThat(told).singleElement().satisfies(t -> {
                assertThat(t.type()).isEqualTo("hello");
                assertThat(t.outcome()).isEqualTo(Outcome.CONNECTION_LOST);
                assertThat(t.failure()).isInstanceOf(ConnectionLostException.class);
            });
        }
    }

    @Test
    @Timeout(30)
    void aServerConnectionTakesListenersAndAThrowingListenerIsReported() throws Exception {
        CompletableFuture<Boolean> added = new CompletableFuture<>();
        RuntimeException bug = new IllegalStateException("listener bug");
        try (NetServer server = Fixtures.serverWithoutDelay(errors).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().onError(Fixtures.recorder(errors))
                     .connect(Fixtures.address(server))) {
            RequestListener.add(conn, (type, outcome, nanos, failure) -> {
                throw bug;
            });
            RequestListener.add(conn, recorder);
            assertThat(conn.request(new Hello("x"), Greeting.class, Fixtures.SECONDS_5).get().text())
                    .isEqualTo("Hello, x!");
            assertThat(told).hasSize(1);
            assertThat(errors).containsExactly(bug);

            NetServer.Builder b = Fixtures.serverWithoutDelay(errors).onRequest(Fixtures.Delay.class, (c, req) -> {
                RequestListener l = (type, outcome, nanos, failure) -> { };
                RequestListener.add(c, l);
                added.complete(RequestListener.remove(c, l));
                return req;
            });
            try (NetServer second = b.bind(PatternFixtures.ANY);
                 Connection other = Fixtures.client().connect(Fixtures.address(second))) {
                other.request(new Fixtures.Delay(0, 1), Fixtures.Delay.class, Fixtures.SECONDS_5).get();
            }
            assertThat(added.get()).isTrue();
        }
    }
}
