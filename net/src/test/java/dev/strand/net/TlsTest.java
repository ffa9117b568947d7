package dev.strand.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strand.net.Fixtures.Greeting;
import dev.strand.net.Fixtures.Hello;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TLS on both sides with a certificate the test makes itself. */
class TlsTest {

    private static X509Bundle cert;
    private static X509Bundle otherCert;

    @BeforeAll
    static void makeCertificates() throws Exception {
        cert = Fixtures.localhostCertificate();
        otherCert = new CertificateBuilder().subject("CN=someone-else").ecp256().setIsCertificateAuthority(true)
                .buildSelfSigned();
    }

    @AfterEach
    void noThreadLeft() {
        Fixtures.assertNoNetThreads();
    }

    private static SslContext serverContext() throws Exception {
        return SslContextBuilder.forServer(cert.toKeyManagerFactory()).build();
    }

    @Test
    @Timeout(30)
    void shouldServeRequestsOverTls() throws Exception {
        List<Throwable> errors = Fixtures.errors();
        SslContext client = SslContextBuilder.forClient().trustManager(cert.toTrustManagerFactory()).build();
        try (NetServer server = Fixtures.server(errors).tls(serverContext()).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().tls(client).connect(Fixtures.address(server))) {
            assertThat(conn.request(new Hello("tls"), Greeting.class, Fixtures.SECONDS_5).get())
                    .isEqualTo(new Greeting("Hello, tls!"));
        }
        assertThat(errors).isEmpty();
    }

    @Test
    @Timeout(30)
    void shouldRefuseAServerCertificateTheClientDoesNotTrust() throws Exception {
        List<Throwable> errors = Fixtures.errors();
        SslContext client = SslContextBuilder.forClient().trustManager(otherCert.toTrustManagerFactory()).build();
        try (NetServer server = Fixtures.server(errors).tls(serverContext()).bind(PatternFixtures.ANY)) {
            assertThatThrownBy(() -> Fixtures.client().tls(client).onError(Fixtures.recorder(errors))
                    .connect(Fixtures.address(server)))
                    .isInstanceOf(NetException.class).hasMessageContaining("TLS handshake");
        }
    }

    @Test
    @Timeout(30)
    void shouldNotSpeakPlainTcpToATlsServer() throws Exception {
        List<Throwable> errors = Fixtures.errors();
        try (NetServer server = Fixtures.server(errors).tls(serverContext()).bind(PatternFixtures.ANY);
             Connection conn = Fixtures.client().onError(Fixtures.recorder(errors)).connect(Fixtures.address(server))) {
            assertThatThrownBy(() -> conn.request(new Hello("plain"), Greeting.class, Fixtures.SECONDS_5).get())
                    .cause().isInstanceOf(ConnectionLostException.class);
        }
    }

    @Test
    void shouldRejectAContextForTheWrongSide() throws Exception {
        SslContext client = SslContextBuilder.forClient().build();
        assertThatThrownBy(() -> NetServer.builder().tls(client)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server");
        assertThatThrownBy(() -> NetClient.builder().tls(serverContext())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client");
    }
}
