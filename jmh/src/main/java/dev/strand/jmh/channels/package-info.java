/**
 * Channel benchmarks, each with its peers in the same class (the {@code system} parameter), so
 * that one run gives the ratios of {@code 20-channels.md} ("Performance targets").
 *
 * <ul>
 *   <li>{@link dev.strand.jmh.channels.UnboundedThroughput}: Strand unbounded vs
 *       {@code LinkedBlockingQueue}, {@code LinkedTransferQueue} and the raw JCTools queue
 *       driven by busy-spin; 1 and 2 producers, one consumer blocking in {@code recv}.</li>
 *   <li>{@link dev.strand.jmh.channels.BoundedThroughput}: Strand bounded(1024) vs
 *       {@code ArrayBlockingQueue(1024)} and the raw JCTools {@code MpscArrayQueue(1024)}.</li>
 *   <li>{@link dev.strand.jmh.channels.PingPong}: a round trip over two rendezvous (or
 *       bounded(1)) channels vs two {@code SynchronousQueue}s.</li>
 * </ul>
 *
 * <p>Throughput benchmarks move a batch of messages per invocation between long-lived producer
 * threads and the benchmark thread (the consumer) and report messages per microsecond
 * ({@code @OperationsPerInvocation}); with {@code -prof gc}, {@code gc.alloc.rate.norm} is then
 * bytes per message, producers included (JMH counts every thread's allocation). An invocation
 * ends only when its whole batch has been received, so no thread is ever left blocked when JMH
 * ends an iteration: the usual deadlock of producer/consumer {@code @Group} benchmarks over
 * blocking queues, where JMH stops the two sides at different moments, cannot happen.
 *
 * <p>Run: {@code java -jar jmh/target/benchmarks.jar 'channels' -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc}.
 */
package dev.strand.jmh.channels;
