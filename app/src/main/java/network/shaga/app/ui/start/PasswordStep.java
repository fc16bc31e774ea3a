package network.shaga.app.ui.start;

import java.util.Locale;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import network.shaga.app.setup.PasswordStrength;

/** The wallet password, typed twice, with its strength shown as it is typed. */
final class PasswordStep {
    private final PasswordField password = new PasswordField();
    private final PasswordField repeat = new PasswordField();
    private final Label strength = new Label();
    private final StrengthMeter meter = new StrengthMeter();
    private final VBox root;

    PasswordStep() {
        password.setId("password");
        repeat.setId("password-repeat");
        strength.setId("password-strength");
        password.setPromptText("Password (at least " + PasswordStrength.MIN_LENGTH + " characters)");
        repeat.setPromptText("The same password again");
        password.textProperty().addListener((obs, old, text) -> showStrength());
        showStrength();
        root = new VBox(12, password, meter, strength, repeat);
    }

    Node view() {
        return root;
    }

    void focus() {
        password.requestFocus();
    }

    /** Why the password cannot be used (too short, the two differ); empty when it can. */
    Optional<String> problem() {
        PasswordStrength rating = PasswordStrength.of(password.getText().toCharArray());
        if (!rating.acceptable()) {
            return Optional.of(rating.hint());
        }
        if (!password.getText().equals(repeat.getText())) {
            return Optional.of("The two passwords differ. Type the same password twice.");
        }
        return Optional.empty();
    }

    char[] password() {
        return password.getText().toCharArray();
    }

    private void showStrength() {
        if (password.getText().isEmpty()) {
            meter.clear();
            strength.setText(" ");
            strength.getStyleClass().setAll("label", "muted");
            return;
        }
        PasswordStrength rating = PasswordStrength.of(password.getText().toCharArray());
        meter.show(rating);
        strength.setText(rating.hint());
        strength.getStyleClass().setAll("label", "strength-" + rating.name().toLowerCase(Locale.ROOT));
    }
}
