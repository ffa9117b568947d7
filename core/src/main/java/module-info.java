/**
 * Strand core: threads whose failures never vanish, scoped threads, data-owning locks and
 * tickers. Depends on the JDK only.
 *
 * <p>{@code dev.strand.core.internal} holds what the other Strand modules share; it is exported
 * to them alone and is not API.
 */
// The qualified exports name modules built after this one: "module not found" is expected here.
@SuppressWarnings("module")
module dev.strand.core {
    exports dev.strand.core;
    exports dev.strand.core.internal to
            dev.strand.channels,
            dev.strand.parallel,
            dev.strand.resilience,
            dev.strand.net;
}
