package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The copyable Maven project in {@code examples/consumer-maven}. It is not a module of this build
 * (it would need the Yieldpoint artifacts installed), so this test checks what it can without Maven:
 * its pom imports this version's BOM and takes every version from it: the processor in
 * {@code annotationProcessorPaths}, api and runtime in the dependencies; and its sources compile with the packaged processor jar on the processor path
 * ({@code -Xlint:all -Werror}, as its pom's {@code -Xlint:all}) and run.
 */
class ConsumerExampleTest {

    private static final Path PROJECT = Path.of("..", "examples", "consumer-maven");

    @Test
    void pomDeclaresTheProcessorPathAndTheLibraries() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PROJECT.resolve("pom.xml").toFile());
        String version = text(pom.getDocumentElement(), "yieldpoint.version");
        String jar = BuildTools.processorJar().getFileName().toString();
        assertEquals("yieldpoint-processor-" + version + ".jar", jar, "the example uses this build's version");

        Element managed = (Element) pom.getElementsByTagName("dependencyManagement").item(0);
        assertEquals("yieldpoint-bom", text(managed, "artifactId"));
        assertEquals("${yieldpoint.version}", text(managed, "version"));
        assertEquals("import", text(managed, "scope"));

        Element paths = (Element) pom.getElementsByTagName("annotationProcessorPaths").item(0);
        assertEquals("io.yieldpoint", text(paths, "groupId"));
        assertEquals("yieldpoint-processor", text(paths, "artifactId"));
        assertEquals(0, paths.getElementsByTagName("version").getLength(), "the processor's version comes from the BOM");

        Element dependencies = null;
        for (var n = pom.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("dependencies")) {
                dependencies = e;
            }
        }
        assertTrue(dependencies != null, "the pom has dependencies");
        NodeList artifacts = dependencies.getElementsByTagName("artifactId");
        assertEquals(2, artifacts.getLength());
        assertEquals("yieldpoint-api", artifacts.item(0).getTextContent());
        assertEquals("yieldpoint-runtime", artifacts.item(1).getTextContent());
        assertEquals(0, dependencies.getElementsByTagName("version").getLength(), "versions come from the BOM");
    }

    @Test
    void sourcesCompileWithTheProcessorAndRun(@TempDir Path dir) throws Exception {
        List<String> javac = BuildTools.command(Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--release", "17", "-Xlint:all", "-Werror",
                "-cp", BuildTools.libraryClassPath(),
                "--processor-path", BuildTools.processorJar().toString(),
                "-d", dir.resolve("classes").toString(), "-s", dir.resolve("generated").toString());
        try (Stream<Path> sources = Files.walk(PROJECT.resolve("src/main/java"))) {
            sources.filter(p -> p.toString().endsWith(".java")).map(p -> p.toAbsolutePath().toString()).sorted()
                    .forEach(javac::add);
        }
        Files.createDirectories(dir.resolve("generated"));
        BuildTools.Run compiled = BuildTools.run(dir, javac);
        assertEquals(0, compiled.exit(), compiled::output);
        assertTrue(Files.exists(dir.resolve("generated/com/example/FetcherCoroutines.java")));

        BuildTools.Run run = BuildTools.run(dir, BuildTools.command(BuildTools.java(),
                "-cp", dir.resolve("classes") + File.pathSeparator + BuildTools.libraryClassPath(), "com.example.Main"));
        assertEquals(0, run.exit(), run::output);
        assertEquals(List.of("waiting for data", "data received", "result: 42"), run.output().lines().toList());
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }
}
