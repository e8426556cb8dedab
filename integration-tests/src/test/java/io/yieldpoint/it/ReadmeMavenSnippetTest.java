package io.yieldpoint.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The README's "Add it to a Maven build" snippet, as a new user uses it: read from README.md (never
 * copied here), pasted into an empty project with one {@code @Coroutine} interface and a
 * {@code main}, compiled by Maven offline ({@code mvn -o}), and run. The snippet imports the BOM
 * ({@code yieldpoint-bom}) and names the modules, the processor's path included, without versions.
 *
 * <p><b>Where Maven finds Yieldpoint.</b> {@code mvn verify} installs nothing, so the artifacts this
 * build just packaged (api, runtime and processor jars, with the poms {@code mvn install} would
 * install, the parent pom and the BOM) are laid out, as {@code mvn install} lays them out, in a temporary
 * local repository. Everything else in it is a symbolic link to the entries of the build's own
 * local repository ({@code settings.localRepository}, handed over by surefire), which holds what
 * the build itself downloaded; its own {@code io/yieldpoint}, if any, is left out. So the test works
 * offline on a machine where only {@code mvn -B verify} ran, uses exactly this build's jars, and
 * writes nothing into the real local repository (other builds may be reading it meanwhile).
 *
 * <p><b>What Maven runs.</b> {@code mvn -o compiler:compile}: the plugin the snippet configures,
 * nothing else. A lifecycle phase ({@code mvn compile}) would also run Maven's default
 * maven-resources-plugin (2.6 for Maven 3.8), which this build pins to another version and so
 * never downloads: offline on a fresh machine it would be missing. The compiled program then runs
 * on the api and runtime jars of the temporary repository, which Maven resolved for the
 * compilation.
 *
 * <p>Maven is the one running this build ({@code maven.home}, handed over by surefire), else the
 * {@code mvn} on {@code PATH}; without either the test fails and says so.
 */
class ReadmeMavenSnippetTest {

    private static final Path README = Path.of("..", "README.md");

    /** The modules whose jar and pom the snippet's build resolves. */
    private static final List<String> MODULES = List.of("api", "runtime", "processor");

    @Test
    void readmeSnippetBuildsAndRunsACoroutineOffline(@TempDir Path dir) throws Exception {
        String snippet = mavenSnippet();
        Document pom = parse("<project>" + snippet + "</project>");
        String version = BuildTools.processorJar().getFileName().toString()
                .replaceFirst("^yieldpoint-processor-", "").replaceFirst("\\.jar$", "");
        assertEquals(version, bomVersion(pom), "README.md's snippet imports the BOM of the version this build makes");
        assertEquals("", pathVersion(pom), "README.md's snippet takes the processor's version from the BOM");
        assertNotNull(compilerPluginVersion(pom),
                "README.md's snippet pins maven-compiler-plugin: Maven 3.8's default, 3.1, knows neither"
                        + " <release> nor annotationProcessorPaths");

        List<Path> links = new ArrayList<>();
        try {
            Path repository = localRepository(dir.resolve("repository"), version, links);
            buildAndRun(dir.resolve("project"), snippet, repository, version);
        } finally {
            for (Path link : links) {
                Files.deleteIfExists(link); // the link only, before JUnit cleans the rest up
            }
        }
    }

    private static void buildAndRun(Path project, String snippet, Path repository, String version) throws Exception {
        BuildTools.write(project, "pom.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>readme-snippet</artifactId>
                  <version>1.0-SNAPSHOT</version>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                """ + snippet + "\n</project>\n");
        BuildTools.write(project, "src/main/java/plain/Doubler.java", BuildTools.DOUBLER);
        BuildTools.write(project, "src/main/java/plain/Main.java", BuildTools.MAIN);

        List<String> mvn = BuildTools.command(maven(), "-o", "-B", "-q",
                "-Dmaven.repo.local=" + repository, "compiler:compile");
        // Maven on the JDK running the tests.
        BuildTools.Run build = BuildTools.run(project, mvn, Map.of("JAVA_HOME", System.getProperty("java.home")));
        assertEquals(0, build.exit(), () -> String.join(" ", mvn) + "\n" + build.output());
        assertTrue(Files.exists(project.resolve("target/generated-sources/annotations/plain/DoublerCoroutines.java")),
                "the processor ran from annotationProcessorPaths");

        String classPath = String.join(File.pathSeparator, project.resolve("target/classes").toString(),
                artifact(repository, "yieldpoint-api", version, "jar").toString(),
                artifact(repository, "yieldpoint-runtime", version, "jar").toString());
        BuildTools.Run program = BuildTools.run(project, BuildTools.command(BuildTools.java(), "-cp", classPath, "plain.Main"));
        assertEquals(0, program.exit(), program::output);
        assertEquals("result 42", program.output().strip());
    }

    /** The first {@code xml} block after the README's "Add it to a Maven build" heading. */
    private static String mavenSnippet() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int heading = lines.indexOf("## Add it to a Maven build");
        assertTrue(heading >= 0, "README.md has no \"## Add it to a Maven build\" section");
        int open = -1;
        for (int i = heading + 1; i < lines.size() && open < 0; i++) {
            if (lines.get(i).trim().equals("```xml")) {
                open = i;
            }
        }
        assertTrue(open > 0, "no ```xml block after README.md's Maven heading");
        StringBuilder block = new StringBuilder();
        for (int i = open + 1; !lines.get(i).trim().equals("```"); i++) {
            block.append(lines.get(i)).append('\n');
        }
        return block.toString();
    }

    /** The version of the processor in the snippet's {@code annotationProcessorPaths}, or "". */
    private static String pathVersion(Document pom) {
        Element paths = (Element) pom.getElementsByTagName("annotationProcessorPaths").item(0);
        assertNotNull(paths, "the snippet has annotationProcessorPaths");
        Element path = (Element) paths.getElementsByTagName("path").item(0);
        assertEquals("yieldpoint-processor", child(path, "artifactId"));
        return child(path, "version");
    }

    /** The version of the BOM the snippet imports in its {@code dependencyManagement}. */
    private static String bomVersion(Document pom) {
        Element managed = (Element) pom.getElementsByTagName("dependencyManagement").item(0);
        assertNotNull(managed, "the snippet has dependencyManagement, which imports the BOM");
        NodeList dependencies = managed.getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element d = (Element) dependencies.item(i);
            if (child(d, "artifactId").equals("yieldpoint-bom")) {
                assertEquals("pom", child(d, "type"), "a BOM is imported with <type>pom</type>");
                assertEquals("import", child(d, "scope"), "a BOM is imported with <scope>import</scope>");
                return child(d, "version");
            }
        }
        throw new AssertionError("the snippet's dependencyManagement does not import yieldpoint-bom");
    }

    /** The version the snippet gives maven-compiler-plugin, or null. */
    private static String compilerPluginVersion(Document pom) {
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (child(plugin, "artifactId").equals("maven-compiler-plugin")) {
                String version = child(plugin, "version");
                return version.isEmpty() ? null : version;
            }
        }
        return null;
    }

    private static String child(Element parent, String tag) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    /**
     * A local repository holding this build's artifacts as {@code mvn install} would install them,
     * and links to everything else of the build's own local repository.
     */
    private static Path localRepository(Path repository, String version, List<Path> links) throws IOException {
        Path real = Path.of(System.getProperty("yieldpoint.localRepository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        assertTrue(Files.isDirectory(real), "no local repository at " + real);
        Files.createDirectories(repository.resolve("io"));
        try (Stream<Path> entries = Files.list(real)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!entry.getFileName().toString().equals("io")) {
                    links.add(Files.createSymbolicLink(repository.resolve(entry.getFileName().toString()), entry));
                }
            }
        }
        if (Files.isDirectory(real.resolve("io"))) {
            try (Stream<Path> entries = Files.list(real.resolve("io"))) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    if (!entry.getFileName().toString().equals("yieldpoint")) {
                        links.add(Files.createSymbolicLink(repository.resolve("io").resolve(entry.getFileName().toString()),
                                entry));
                    }
                }
            }
        }
        Path root = Path.of("..");
        install(Path.of("..", "pom.xml"), artifact(repository, "yieldpoint-parent", version, "pom"));
        install(Path.of("..", "bom", "pom.xml"), artifact(repository, "yieldpoint-bom", version, "pom"));
        for (String module : MODULES) {
            String artifactId = "yieldpoint-" + module;
            Path jar = root.resolve(module).resolve("target").resolve(artifactId + "-" + version + ".jar");
            assertTrue(Files.isRegularFile(jar), "no " + jar.toAbsolutePath() + ": build the module first (mvn package)");
            install(jar, artifact(repository, artifactId, version, "jar"));
            // The shade plugin's reduced pom is what mvn install installs for the processor.
            Path reduced = root.resolve(module).resolve("dependency-reduced-pom.xml");
            install(Files.exists(reduced) ? reduced : root.resolve(module).resolve("pom.xml"),
                    artifact(repository, artifactId, version, "pom"));
        }
        return repository.toAbsolutePath();
    }

    private static Path artifact(Path repository, String artifactId, String version, String extension) {
        return repository.resolve(Path.of("io", "yieldpoint", artifactId, version, artifactId + "-" + version + "." + extension));
    }

    private static void install(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The {@code mvn} of the Maven running this build, else the one on {@code PATH}. */
    private static String maven() {
        String home = System.getProperty("yieldpoint.mavenHome", "");
        if (!home.isEmpty() && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
            return Path.of(home, "bin", "mvn").toString();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path mvn = Path.of(dir, "mvn");
            if (!dir.isEmpty() && Files.isExecutable(mvn)) {
                return mvn.toString();
            }
        }
        throw new AssertionError("mvn is not on PATH (and maven.home was not given): this test builds the README's"
                + " Maven snippet with Maven; install Maven 3.8+ or put its bin directory on PATH");
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
