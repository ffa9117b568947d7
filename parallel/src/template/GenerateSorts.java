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

    /** Each specialisation: the template's $Type$, $type$ and $less$ (which ends the statement). */
    static final String[][] SPECIALISATIONS = {
        {"Int", "int", "p < q;"},
        {"Long", "long", "p < q;"},
        {"Double", "double", "Double.compare(p, q) < 0;   // Arrays.sort order: -0.0 < 0.0, NaN last"},
    };

    private GenerateSorts() {
    }

    static String fill(String template, String[] s) {
        return template.replace("$Type$", s[0]).replace("$type$", s[1]).replace("$less$", s[2]);
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
