package dev.strand.jmh.report;

import java.util.Objects;

/**
 * Replaces the generated region of a Markdown file: the text between the lines
 * {@value #BEGIN} and {@value #END}. Everything outside the markers, the markers included, is
 * kept byte for byte.
 */
final class ReadmeRegion {

    static final String BEGIN = "<!-- report:begin -->";
    static final String END = "<!-- report:end -->";

    private ReadmeRegion() {
    }

    /**
     * Returns {@code document} with the region's content replaced by {@code body}.
     *
     * @throws IllegalArgumentException if the document does not hold exactly one {@value #BEGIN}
     *         followed by exactly one {@value #END}
     */
    static String replace(String document, String body) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(body, "body");
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < 0) {
            throw new IllegalArgumentException("document: no generated region; add the lines " + BEGIN + " and "
                    + END + " where the report goes");
        }
        if (document.indexOf(BEGIN, begin + 1) >= 0 || document.indexOf(END, end + 1) >= 0) {
            throw new IllegalArgumentException("document: the markers " + BEGIN + " / " + END
                    + " must appear exactly once each");
        }
        if (end < begin) {
            throw new IllegalArgumentException("document: " + END + " comes before " + BEGIN);
        }
        String content = body.endsWith("\n") ? body : body + "\n";
        return document.substring(0, begin + BEGIN.length()) + "\n" + content + document.substring(end);
    }
}
