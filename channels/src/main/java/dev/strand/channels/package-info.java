/**
 * Typed multi-producer, single-consumer channels with Rust {@code std::sync::mpsc} semantics,
 * built on JCTools queues.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.unbounded();
 * Sender<String> tx = ch.sender();
 * Receiver<String> rx = ch.receiver();
 * for (int i = 0; i < 3; i++) {
 *     Sender<String> producer = tx.clone();
 *     int id = i;
 *     new Thread(() -> {
 *         try (producer) {
 *             producer.send("hello from " + id);
 *         } catch (InterruptedException e) {
 *             Thread.currentThread().interrupt();
 *         }
 *     }).start();
 * }
 * tx.close();                      // only the clones keep the channel connected now
 * for (String msg : rx) {          // ends when every sender is closed and all is received
 *     System.out.println(msg);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.strand.channels.Channel}: {@code unbounded()}, {@code bounded(n)},
 *       {@code rendezvous()}, {@code builder()}.</li>
 *   <li>{@link dev.strand.channels.Sender}: send / trySend / timed send / clone / close.</li>
 *   <li>{@link dev.strand.channels.Receiver}: recv / tryRecv / timed recv / drain / iteration /
 *       close.</li>
 *   <li>{@link dev.strand.channels.Select}: receive from whichever of several receivers is
 *       ready; {@link dev.strand.channels.Selected} is what it returns.</li>
 *   <li>{@link dev.strand.channels.SendException}, {@link dev.strand.channels.DisconnectedException},
 *       {@link dev.strand.channels.ReceiveInterruptedException}: the lifecycle's outcomes.</li>
 * </ul>
 *
 * <p>Implementation (package-private): {@code Core} holds a channel's state, with
 * {@code UnboundedCore}, {@code BoundedCore} and {@code RendezvousCore} for the three flavours
 * ({@code Waiter} is a parked consumer's node and a rendezvous receiver's hole,
 * {@code ProducerNode} a parked producer's). {@code Wait} is the one spin, yield, register,
 * re-check, park routine that every blocking operation and {@code Select} runs. {@code SenderHandle} and {@code ReceiverHandle} are the handles users hold;
 * {@code MultiConsumerReceiver} lets many threads share a receiver
 * ({@code Channel.builder().multiConsumer()}). {@code dev.strand.channels.internal} has the
 * service through which {@code Select} accepts receivers of other Strand modules.
 */
package dev.strand.channels;
