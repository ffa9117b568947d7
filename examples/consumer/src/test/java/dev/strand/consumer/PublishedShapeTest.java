package dev.strand.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Checks the published shape of the artifacts `mvn install` put in the local repository: what a
 * user downloads. Each module: a jar with its own module-info, named after its API package,
 * which it alone exports to everyone (internals go to sibling Strand modules only), Java 17
 * class files, -sources and -javadoc jars, POM metadata; the
 * BOM: the six library modules and the channel contract suite, and nothing else.
 */
class PublishedShapeTest {

    private static final String VERSION = System.getProperty("strand.version");
    private static final Path GROUP_DIR = Path.of(System.getProperty("strand.localRepository"), "dev", "strand");
    private static final List<String> MODULES = List.of("core", "channels", "parallel", "resilience", "net", "micrometer");

    private static Path artifact(String artifactId, String suffix) {
        return GROUP_DIR.resolve(artifactId).resolve(VERSION).resolve(artifactId + "-" + VERSION + suffix);
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            return jf.stream().map(JarEntry::getName).collect(Collectors.toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"core", "channels", "parallel", "resilience", "net", "micrometer"})
    void jarIsANamedModuleExportingOnlyItsApiPackage(String module) {
        String pkg = "dev.strand." + module;
        Path jar = artifact("strand-" + module, ".jar");
        assertThat(jar).isRegularFile();
        // What the module system makes of the jar on a module path: its own module-info.
        Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
        assertThat(found).hasSize(1);
        ModuleDescriptor descriptor = found.iterator().next().descriptor();
        assertThat(descriptor.name()).isEqualTo(pkg);
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(descriptor.packages()).allMatch(p -> p.equals(pkg) || p.startsWith(pkg + "."));
        // Users see the API package alone; internals go only to sibling Strand modules.
        assertThat(descriptor.exports().stream().filter(e -> !e.isQualified()).map(ModuleDescriptor.Exports::source))
                .containsExactly(pkg);
        assertThat(descriptor.exports().stream().filter(ModuleDescriptor.Exports::isQualified))
                .allSatisfy(e -> assertThat(e.targets()).allMatch(t -> t.startsWith("dev.strand.")));
        assertThat(descriptor.opens()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"core", "channels", "parallel", "resilience", "net", "micrometer"})
    void classFilesTargetJava17(String module) throws IOException {
        Path jar = artifact("strand-" + module, ".jar");
        try (JarFile jf = new JarFile(jar.toFile())) {
            JarEntry someClass = jf.stream().filter(e -> e.getName().endsWith(".class")).findFirst().orElseThrow();
            try (InputStream in = jf.getInputStream(someClass)) {
                byte[] header = in.readNBytes(8);
                assertThat(((header[6] & 0xff) << 8) | (header[7] & 0xff)).as("class file major version").isEqualTo(61);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"core", "channels", "parallel", "resilience", "net", "micrometer"})
    void sourcesAndJavadocJarsArePublished(String module) throws IOException {
        String dir = "dev/strand/" + module + "/";
        List<String> sources = entries(artifact("strand-" + module, "-sources.jar"));
        assertThat(sources).contains(dir + "package-info.java");
        List<String> javadoc = entries(artifact("strand-" + module, "-javadoc.jar"));
        assertThat(javadoc).contains("index.html");
        // The Javadoc is laid out by module name (dev.strand.core/dev/strand/core/...).
        assertThat(javadoc).anyMatch(e -> e.endsWith(dir + "package-summary.html"));
        assertThat(javadoc).noneMatch(e -> e.contains("/internal/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"core", "channels", "parallel", "resilience", "net", "micrometer"})
    void pomNamesAndDescribesTheModule(String module) throws Exception {
        Element pom = parse(artifact("strand-" + module, ".pom"));
        assertThat(text(pom, "artifactId")).isEqualTo("strand-" + module);
        assertThat(text(pom, "name")).startsWith("Strand ");
        assertThat(text(pom, "description")).isNotBlank();
        Element parent = child(pom, "parent");
        assertThat(text(parent, "artifactId")).isEqualTo("strand-parent");
    }

    @Test
    void parentPomCarriesLicenceScmAndUrl() throws Exception {
        Element pom = parse(artifact("strand-parent", ".pom"));
        assertThat(text(pom, "url")).startsWith("https://");
        Element licence = child(child(pom, "licenses"), "license");
        assertThat(text(licence, "name")).isEqualTo("Apache License, Version 2.0");
        Element scm = child(pom, "scm");
        assertThat(text(scm, "url")).startsWith("https://");
        assertThat(text(scm, "connection")).startsWith("scm:git:");
    }

    @Test
    void bomManagesThePublishedModulesAndNothingElse() throws Exception {
        Element pom = parse(artifact("strand-bom", ".pom"));
        assertThat(child(pom, "parent")).as("the BOM has no parent to inherit third-party versions from").isNull();
        Element managed = child(child(pom, "dependencyManagement"), "dependencies");
        List<String> ids = new ArrayList<>();
        NodeList deps = managed.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(text(d, "groupId")).isEqualTo("dev.strand");
            assertThat(text(d, "version")).isEqualTo("${project.version}");
            assertThat(child(d, "scope")).isNull();
            ids.add(text(d, "artifactId"));
        }
        List<String> expected = new ArrayList<>();
        for (String m : MODULES) {
            expected.add("strand-" + m);
            if (m.equals("channels")) {
                expected.add("strand-channels-tck");
            }
        }
        assertThat(ids).containsExactlyElementsOf(expected);
    }

    @Test
    void contractSuiteIsANamedModuleWithSourcesAndJavadoc() throws Exception {
        Path jar = artifact("strand-channels-tck", ".jar");
        Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
        assertThat(found).hasSize(1);
        ModuleDescriptor descriptor = found.iterator().next().descriptor();
        assertThat(descriptor.name()).isEqualTo("dev.strand.channels.tck");
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source))
                .containsExactly("dev.strand.channels.tck");
        // Only JUnit may reach the suite's test methods reflectively.
        assertThat(descriptor.opens()).singleElement()
                .satisfies(o -> assertThat(o.targets()).containsExactly("org.junit.platform.commons"));
        assertThat(entries(artifact("strand-channels-tck", "-sources.jar")))
                .contains("dev/strand/channels/tck/SenderReceiverContract.java");
        assertThat(entries(artifact("strand-channels-tck", "-javadoc.jar"))).contains("index.html");
        Element pom = parse(artifact("strand-channels-tck", ".pom"));
        assertThat(text(pom, "name")).startsWith("Strand ");
        assertThat(text(pom, "description")).isNotBlank();
    }

    private static Element parse(Path pom) throws Exception {
        assertThat(pom).isRegularFile();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc;
        try (InputStream in = Files.newInputStream(pom)) {
            doc = f.newDocumentBuilder().parse(in);
        }
        return doc.getDocumentElement();
    }

    /** The direct child element {@code name}, or null. */
    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        assertThat(e).as("<%s> in <%s>", name, parent.getTagName()).isNotNull();
        return e.getTextContent().trim();
    }
}
