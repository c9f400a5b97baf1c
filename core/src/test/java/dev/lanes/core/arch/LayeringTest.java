package dev.lanes.core.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Core's packages follow the data flow (spec → plan → run → result → report) with no
 * cycle, and each knows only what it must (DESIGN.md §2).
 */
class LayeringTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.lanes.core");
    }

    private static void check(ArchRule rule) {
        rule.check(core);
    }

    @Test
    void corePackagesFormNoCycle() {
        check(slices().matching("dev.lanes.core.(*)..").should().beFreeOfCycles());
    }

    @Test
    void theKernelContractsNameNoConcreteKernel() {
        check(noClasses().that().resideInAPackage("dev.lanes.core.kernel")
            .should().dependOnClassesThat().resideInAPackage("dev.lanes.core.kernels"));
    }

    @Test
    void theMachineKnowsNeitherPlanningNorReports() {
        check(noClasses().that().resideInAPackage("dev.lanes.core.machine")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lanes.core.plan", "dev.lanes.core.report",
                "dev.lanes.core.store"));
    }

    @Test
    void executionKnowsNoStores() {
        check(noClasses().that().resideInAPackage("dev.lanes.core.exec")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lanes.core.store", "dev.lanes.core.machine",
                "dev.lanes.core.plan", "dev.lanes.core.run"));
    }

    @Test
    void theResultModelKnowsNoRendererRunnerOrSpec() {
        check(noClasses().that().resideInAPackage("dev.lanes.core.result")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lanes.core.report", "dev.lanes.core.run",
                "dev.lanes.core.plan", "dev.lanes.core.spec", "dev.lanes.core.exec"));
    }

    @Test
    void renderersReadResultsAndNothingReadsRenderers() {
        check(noClasses().that().resideInAPackage("dev.lanes.core.report")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lanes.core.run", "dev.lanes.core.plan",
                "dev.lanes.core.exec", "dev.lanes.core.spec", "dev.lanes.core.kernel", "dev.lanes.core.machine"));
        check(noClasses().that().resideOutsideOfPackage("dev.lanes.core.report")
            .should().dependOnClassesThat().resideInAPackage("dev.lanes.core.report"));
    }
}
