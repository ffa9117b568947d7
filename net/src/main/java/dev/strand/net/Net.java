package dev.strand.net;

import java.util.Objects;

/**
 * Entry points of the messaging patterns: publish-subscribe, push-pull and remote channels.
 * Every endpoint that binds has {@code port()} and {@code close()}; every endpoint that
 * connects is {@link AutoCloseable}; closing leaves no thread running.
 *
 * <pre>{@code
 * // publish-subscribe: a publisher fans out to every subscriber of a topic
 * Publisher pub = Net.publisher(codec).bind(addr);          pub.publish("prices", tick);
 * Subscription sub = Net.subscriber(codec).connect(addr).subscribe("prices", Tick.class, t -> ...);
 * // push-pull: a pusher spreads work across pullers (round robin over ready pullers)
 * Pusher push = Net.pusher(codec).bind(addr);               push.push(job);
 * Puller pull = Net.puller(codec).connect(addr);            Job j = pull.receiver(Job.class).recv();
 * // remote channels: a typed Sender on node A, a Receiver on node B
 * Receiver<Job> jobs = Net.channelServer(codec).bind(addr).receiver("jobs", Job.class, 1024);
 * Sender<Job> remote = Net.channelClient(codec).connect(addr).sender("jobs", Job.class);
 * }</pre>
 *
 * <p>Both ends must use codecs that register the same names for the same message shapes.
 */
public final class Net {

    private Net() {
    }

    /**
     * Returns a builder of a {@link Publisher}.
     *
     * @param codec the message codec (a {@link JsonCodec}); not null
     * @return a new builder
     * @throws IllegalArgumentException if the codec is not a JsonCodec
     */
    public static Publisher.Builder publisher(Codec codec) {
        return new Publisher.Builder(Objects.requireNonNull(codec, "codec"));
    }

    /**
     * Returns a builder of a {@link Subscriber}.
     *
     * @param codec the message codec; not null
     * @return a new builder
     */
    public static Subscriber.Builder subscriber(Codec codec) {
        return new Subscriber.Builder(Objects.requireNonNull(codec, "codec"));
    }

    /**
     * Returns a builder of a {@link Pusher}.
     *
     * @param codec the message codec; not null
     * @return a new builder
     */
    public static Pusher.Builder pusher(Codec codec) {
        return new Pusher.Builder(Objects.requireNonNull(codec, "codec"));
    }

    /**
     * Returns a builder of a {@link Puller}.
     *
     * @param codec the message codec; not null
     * @return a new builder
     */
    public static Puller.Builder puller(Codec codec) {
        return new Puller.Builder(Objects.requireNonNull(codec, "codec"));
    }

    /**
     * Returns a builder of a {@link ChannelServer}, the node that owns remote channels'
     * receivers.
     *
     * @param codec the message codec; not null
     * @return a new builder
     */
    public static ChannelServer.Builder channelServer(Codec codec) {
        return new ChannelServer.Builder(Objects.requireNonNull(codec, "codec"));
    }

    /**
     * Returns a builder of a {@link ChannelClient}, the node that sends into remote channels.
     *
     * @param codec the message codec; not null
     * @return a new builder
     */
    public static ChannelClient.Builder channelClient(Codec codec) {
        return new ChannelClient.Builder(Objects.requireNonNull(codec, "codec"));
    }
}
