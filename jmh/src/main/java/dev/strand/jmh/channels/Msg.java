package dev.strand.jmh.channels;

/** The small object the benchmarks send. Allocated before measuring, never per send. */
final class Msg {
    final int value;

    Msg(int value) {
        this.value = value;
    }

    /** {@code n} distinct messages, cycled through by one producer. */
    static Msg[] pool(int n) {
        Msg[] pool = new Msg[n];
        for (int i = 0; i < n; i++) {
            pool[i] = new Msg(i);
        }
        return pool;
    }
}
