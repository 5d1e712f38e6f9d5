/* SPDX-License-Identifier: GPL-3.0-or-later */
package io.segsurv;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/**
 * Keeps the architecture visible: computational cores are plain Java, features do not form
 * cycles, and only views touch Vaadin.
 */
class ArchitectureTest {

    /** Packages whose classes compute and must run without Spring, jOOQ or Vaadin (later issues add to them). */
    static final String[] CORES = {"..imaging..", "..segmentation..", "..selection..", "..evaluation..", "..interpret..",
            "..filestore..", "..dicom..", "..synth..", "..regression..", "..stats.."};

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.segsurv");

    static ArchRule coresArePlainJava() {
        return noClasses().that().resideInAnyPackage(CORES)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.jooq..", "com.vaadin..",
                        "io.segsurv.db..", "jakarta.servlet..")
                .because("computational cores are plain Java, testable and reusable without the application (STYLE.md)")
                .allowEmptyShould(true);
    }

    @Test
    void computationalCoresDoNotDependOnSpringJooqOrVaadin() {
        coresArePlainJava().check(PRODUCTION);
    }

    @Test
    void theCoreRuleCatchesAViolation() {
        // a deliberately bad class in the test tree proves the rule above can fail
        JavaClasses fixture = new ClassFileImporter().importPackages("io.segsurv.archfixture");
        EvaluationResult result = coresArePlainJava().evaluate(fixture);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(d -> d.contains("SpringInCore"));
    }

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("io.segsurv.(*)..").should().beFreeOfCycles().check(PRODUCTION);
    }

    @Test
    void onlyUserInterfacePackagesUseVaadinComponents() {
        noClasses().that().resideOutsideOfPackages("..ui..", "io.segsurv.shell..", "io.segsurv")
                .and().resideOutsideOfPackage("io.segsurv.security") // CurrentUser reads the client address from the Vaadin request
                .should().dependOnClassesThat().resideInAnyPackage("com.vaadin.flow.component..")
                .check(PRODUCTION);
    }

    @Test
    void viewsDoNotQueryTheDatabaseThemselves() {
        noClasses().that().resideInAnyPackage("..ui..", "io.segsurv.shell..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "io.segsurv.db..")
                .because("views only call services")
                .check(PRODUCTION);
    }
}
