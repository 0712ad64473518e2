package io.orcagent.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The plugin boundary (issue 11.4), run by every module that inherits {@code agent-plugin-parent}: its
 * surefire scans this class from the test kit ({@code dependenciesToScan}) and passes the module's main
 * output directory as {@value #CLASSES_PROPERTY}. A plugin's main code reaches the agent only through the
 * SPI ({@code io.orcagent.api}); the runtime (which includes agentctl's {@code cli} and the lab) and this
 * test kit are for its tests. The build already keeps agent-runtime out of a plugin's compile scope; this
 * checks the bytecode, whatever the POM says.
 */
public class PluginBoundaryTest {

    /** The system property naming the directory of the module's main classes. */
    public static final String CLASSES_PROPERTY = "orcagent.plugin.classes";

    @Test
    void mainCodeDoesNotDependOnTheRuntimeOrTheTestKit() {
        Path classes = Path.of(System.getProperty(CLASSES_PROPERTY, "target/classes"));
        if (!Files.isDirectory(classes)) {
            throw new AssertionError("no main classes at " + classes.toAbsolutePath()
                    + " (set " + CLASSES_PROPERTY + " to the module's build output directory)");
        }
        JavaClasses main = new ClassFileImporter().importPath(classes);
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.orcagent.runtime..", "io.orcagent.testkit..")
                .because("a plugin reaches the agent only through the SPI (io.orcagent.api)")
                .check(main);
    }
}
