package dev.strand.jmh.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.strand.jmh.net.RequestReplyBenchmark.Greeting;
import dev.strand.jmh.net.RequestReplyBenchmark.Hello;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC-java peer of the request-reply comparison: one unary method carrying the same JSON
 * records as Strand ({@link Hello} in, {@link Greeting} out) through a Jackson marshaller, with
 * no protobuf and no generated code: the {@link MethodDescriptor} and the
 * {@link ServerServiceDefinition} are built by hand. Transport: grpc-netty-shaded, plaintext,
 * one channel over loopback.
 *
 * <p>{@code direct} runs the server's handler and the client's callbacks on the Netty event
 * loops ({@code directExecutor()} on both builders), as {@code executor(Runnable::run)} does
 * for Strand; otherwise both sides use gRPC's default executor (a shared cached pool).
 */
final class GrpcPeer {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static final MethodDescriptor<Hello, Greeting> HELLO = MethodDescriptor.<Hello, Greeting>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("strand.Greeter", "Hello"))
            .setRequestMarshaller(new Json<>(Hello.class))
            .setResponseMarshaller(new Json<>(Greeting.class))
            .build();

    /** JSON bodies through Jackson, as Strand's codec writes its payloads. */
    static final class Json<T> implements MethodDescriptor.Marshaller<T> {
        private final ObjectReader reader;
        private final ObjectWriter writer;

        Json(Class<T> type) {
            this.reader = MAPPER.readerFor(type);
            this.writer = MAPPER.writerFor(type);
        }

        @Override
        public InputStream stream(T value) {
            try {
                return new ByteArrayInputStream(writer.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public T parse(InputStream stream) {
            try {
                return reader.readValue(stream);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Server server;
    private final ManagedChannel channel;

    GrpcPeer(boolean direct) throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("strand.Greeter")
                .addMethod(HELLO, ServerCalls.asyncUnaryCall((Hello req, StreamObserver<Greeting> reply) -> {
                    reply.onNext(new Greeting("Hello, " + req.name() + "!"));
                    reply.onCompleted();
                }))
                .build();
        NettyServerBuilder sb = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service);
        NettyChannelBuilder cb;
        if (direct) {
            sb.directExecutor();
        }
        server = sb.build().start();
        cb = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext();
        if (direct) {
            cb.directExecutor();
        }
        channel = cb.build();
    }

    /** One unary call. */
    CompletableFuture<Greeting> request(Hello hello) {
        CompletableFuture<Greeting> f = new CompletableFuture<>();
        ClientCalls.asyncUnaryCall(channel.newCall(HELLO, CallOptions.DEFAULT), hello, new StreamObserver<>() {
            @Override
            public void onNext(Greeting value) {
                f.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                f.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                // the reply came with onNext
            }
        });
        return f;
    }

    /** Shuts the channel and the server down and waits for them. */
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
}
