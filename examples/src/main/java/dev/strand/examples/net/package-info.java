/**
 * Examples of the {@code net} module: TCP echo, a {@code NodeMessage} sent from node A to node
 * B as JSON, the hello RPC, three nodes passing a message around a ring,
 * pub-sub, push-pull, remote channels, and a client balanced over three replicas.
 */
package dev.strand.examples.net;
