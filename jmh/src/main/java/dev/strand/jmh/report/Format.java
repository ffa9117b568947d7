package dev.strand.jmh.report;

import java.util.Locale;

/** Number formatting for the table: a few significant digits, never scientific notation. */
final class Format {

    private Format() {
    }

    /** {@code 13.9}, {@code 2.23}, {@code 0.062}, {@code 1,327}: about three significant digits. */
    static String number(double x) {
        if (Double.isNaN(x)) {
            return "?";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(x);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", x);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", x);
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", x);
        }
        if (a >= 0.01) {
            return String.format(Locale.ROOT, "%.3f", x);
        }
        return String.format(Locale.ROOT, "%.2g", x);
    }

    /** Bytes per operation: {@code 0} below 0.05, one decimal below 10, else whole bytes. */
    static String bytes(double b) {
        if (Double.isNaN(b)) {
            return "?";
        }
        if (Math.abs(b) < 0.05) {
            return "0";
        }
        if (Math.abs(b) < 10) {
            return String.format(Locale.ROOT, "%.1f", b);
        }
        return String.format(Locale.ROOT, "%,.0f", b);
    }

    /** A speed-ratio target: {@code ≥ 3×}, {@code ≥ 0.7×}, or {@code —}. */
    static String target(double t) {
        if (Double.isNaN(t)) {
            return "—";
        }
        return "≥ " + (t == Math.rint(t) ? String.format(Locale.ROOT, "%.0f", t) : String.valueOf(t)) + "×";
    }
}
