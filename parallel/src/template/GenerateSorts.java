import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes IntSorts.java, LongSorts.java and DoubleSorts.java from PrimitiveSorts.java.template.
 * The build runs it (parallel/pom.xml, generate-sources, with the JDK's source launcher) into
 * target/generated-sources/sorts; nothing generated is checked in.
 *
 * <p>Usage: {@code java GenerateSorts.java TEMPLATE OUTPUT_DIR}
 */
public final class GenerateSorts {

    /** The template's placeholders, in the order of each row of {@link #SPECIALISATIONS}. */
    static final String[] PLACEHOLDERS = {"$Type$", "$type$", "$TYPE$", "$key$", "$keyBits$", "$less$", "$toKey$"};

    /**
     * Each specialisation: the element type (three spellings), the radix key's type and width,
     * the merge order (a statement ending in ';') and the radix key (a statement returning a key
     * whose unsigned order is the merge order).
     */
    static final String[][] SPECIALISATIONS = {
        {"Int", "int", "INT", "int", "Integer.SIZE", "p < q;",
            "return v ^ Integer.MIN_VALUE;   // signed order as unsigned"},
        {"Long", "long", "LONG", "long", "Long.SIZE", "p < q;",
            "return v ^ Long.MIN_VALUE;   // signed order as unsigned"},
        {"Double", "double", "DOUBLE", "long", "Long.SIZE",
            "Double.compare(p, q) < 0;   // Arrays.sort order: -0.0 < 0.0, NaN last",
            "return Radix.orderedBits(Double.doubleToLongBits(v));   // Double.compare's order"},
    };

    private GenerateSorts() {
    }

    static String fill(String template, String[] s) {
        String out = template;
        for (int i = 0; i < PLACEHOLDERS.length; i++) {
            out = out.replace(PLACEHOLDERS[i], s[i]);
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: java GenerateSorts.java TEMPLATE OUTPUT_DIR");
        }
        String template = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        Path dir = Path.of(args[1], "dev", "strand", "parallel");
        Files.createDirectories(dir);
        for (String[] s : SPECIALISATIONS) {
            String source = fill(template, s);
            if (source.contains("$")) {
                throw new IllegalStateException("placeholder left in " + s[0] + "Sorts");
            }
            Path file = dir.resolve(s[0] + "Sorts.java");
            // Rewrite only on change, so an unchanged template does not force a recompile.
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(source)) {
                Files.writeString(file, source, StandardCharsets.UTF_8);
            }
        }
    }
}
