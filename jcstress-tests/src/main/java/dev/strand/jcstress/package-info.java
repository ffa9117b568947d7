/** jcstress checks of Strand's memory-ordering and race guarantees. */
package dev.strand.jcstress;
