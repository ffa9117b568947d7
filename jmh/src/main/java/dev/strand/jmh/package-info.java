/** Side-by-side JMH benchmarks of Strand and its peers. */
package dev.strand.jmh;
