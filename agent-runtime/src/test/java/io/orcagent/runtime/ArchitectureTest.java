package io.orcagent.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;

/**
 * The package rules of the daemon (issue 11.4), checked on the bytecode of this module's main classes only
 * (the location {@link Main} was loaded from: {@code target/classes} or the jar), so neither its tests nor
 * the lab and agentctl, which share the {@code io.orcagent.runtime} prefix, are imported. A dependency on a
 * class that is not imported is still seen, which is what the "does not depend on" rules need.
 */
class ArchitectureTest {

    private static final String RUNTIME = "io.orcagent.runtime";

    private static JavaClasses daemon;

    @BeforeAll
    static void importDaemon() throws URISyntaxException {
        Location mainClasses = Location.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        daemon = new ClassFileImporter().importLocations(Set.of(mainClasses));
        assertThat(daemon.contain(Main.class)).as("imported the daemon from %s", mainClasses).isTrue();
        assertThat(daemon.stream().noneMatch(c -> c.getSimpleName().endsWith("Test")))
                .as("imported only main classes").isTrue();
    }

    /**
     * Every top-level package under {@code io.orcagent.runtime} (with its subpackages: {@code http.api}
     * belongs to {@code http}, {@code seed.legacy} to {@code seed}) is a slice; the slices form no cycle.
     */
    @Test
    void runtimePackagesAreFreeOfCycles() {
        slices().matching(RUNTIME + ".(*)..").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(daemon);
    }

    /** {@code wiring} is the composition root: it may use everything, and only {@code Main} uses it. */
    @Test
    void onlyMainDependsOnTheWiring() {
        noClasses().that().resideOutsideOfPackage(RUNTIME + ".wiring..")
                .and().doNotHaveFullyQualifiedName(Main.class.getName())
                .should().dependOnClassesThat().resideInAPackage(RUNTIME + ".wiring..")
                .check(daemon);
    }

    /** The daemon ships without agentctl and the lab ({@code DistributionTest} checks the jar too). */
    @Test
    void theDaemonDoesNotDependOnTheCliOrTheLab() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage(RUNTIME + ".cli..", RUNTIME + ".lab..", RUNTIME + ".sandbox..")
                .check(daemon);
    }
}
