/**
 * Examples of the {@code net} module: TCP echo, a {@code NodeMessage} sent from node A to node
 * B as JSON, the hello RPC, and three nodes passing a message around a ring.
 */
package dev.strand.examples.net;
