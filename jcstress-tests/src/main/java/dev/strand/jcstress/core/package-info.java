/** jcstress checks of {@code strand-core}: the locks' exclusion and the optimistic read. */
package dev.strand.jcstress.core;
