/**
 * Strand parallel (work in progress: see the module's design in the project's design notes).
 */
package dev.strand.parallel;
