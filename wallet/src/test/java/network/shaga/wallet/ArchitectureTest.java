package network.shaga.wallet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** DESIGN §2: the wallet knows nothing of the DHT, the app or JavaFX, and never prints. */
@AnalyzeClasses(packages = "network.shaga.wallet", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  @ArchTest
  static final ArchRule noDhtAppOrJavaFx = noClasses().should().dependOnClassesThat()
      .resideInAnyPackage("network.shaga.dht..", "network.shaga.app..", "javafx..");

  @ArchTest
  static final ArchRule noConsoleOutput = noClasses().should().accessField(System.class, "out")
      .orShould().accessField(System.class, "err")
      .orShould().callMethod(Throwable.class, "printStackTrace");
}
