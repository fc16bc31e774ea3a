package network.shaga.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module and layer rules of DESIGN.md §2, checked on the compiled classes of every module. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importAll() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("network.shaga");
    }

    @Test
    void everyModuleIsImported() {
        // Guards the rules below against passing on an empty import.
        for (String module : new String[] {"network.shaga.dht", "network.shaga.wallet", "network.shaga.app", "network.shaga.app.ui"}) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(module)))
                    .as("classes of %s are on the test classpath", module)
                    .isTrue();
        }
    }

    @Test
    void dhtDependsOnNoOtherShagaModuleAndNoUi() {
        noClasses().that().resideInAPackage("network.shaga.dht..")
                .should().dependOnClassesThat().resideInAnyPackage("network.shaga.wallet..", "network.shaga.app..", "javafx..")
                .check(classes);
    }

    @Test
    void walletDependsOnNoOtherShagaModuleAndNoUi() {
        noClasses().that().resideInAPackage("network.shaga.wallet..")
                .should().dependOnClassesThat().resideInAnyPackage("network.shaga.dht..", "network.shaga.app..", "javafx..")
                .check(classes);
    }

    @Test
    void onlyTheUiPackageOfTheAppUsesJavaFx() {
        noClasses().that().resideInAPackage("network.shaga.app..")
                .and().resideOutsideOfPackage("network.shaga.app.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.gluonhq..")
                .check(classes);
    }
}
