package network.shaga.app.ui.start;

import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import network.shaga.app.setup.PasswordStrength;

/** Four bars that fill and change colour with the password's strength. */
final class StrengthMeter extends HBox {
    private static final int BARS = 4;

    StrengthMeter() {
        super(6);
        setId("password-meter");
        for (int i = 0; i < BARS; i++) {
            Region bar = new Region();
            bar.getStyleClass().add("meter-bar");
            bar.setPrefHeight(5);
            bar.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(bar, Priority.ALWAYS);
            getChildren().add(bar);
        }
        clear();
    }

    void clear() {
        fill(0, "meter-empty");
    }

    void show(PasswordStrength strength) {
        fill(strength.ordinal() + 1, "meter-" + strength.name().toLowerCase(java.util.Locale.ROOT));
    }

    private void fill(int filled, String style) {
        for (int i = 0; i < BARS; i++) {
            getChildren().get(i).getStyleClass().setAll("meter-bar", i < filled ? style : "meter-empty");
        }
    }
}
