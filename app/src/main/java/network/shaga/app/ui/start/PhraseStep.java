package network.shaga.app.ui.start;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/** A new wallet's recovery phrase: the words in a grid, then a few of them typed back to prove they were written down. */
final class PhraseStep {
    private static final int WORDS_TO_CONFIRM = 3;
    private static final int ROWS = 6;

    private final List<String> words;
    private final List<TextField> confirmFields = new ArrayList<>();

    PhraseStep(List<String> words) {
        this.words = List.copyOf(words);
    }

    List<String> words() {
        return words;
    }

    /** The words, numbered, in columns of six. */
    Node wordsView() {
        GridPane grid = new GridPane();
        grid.setId("phrase-grid");
        grid.setHgap(12);
        grid.setVgap(8);
        for (int i = 0; i < words.size(); i++) {
            Label number = new Label(String.valueOf(i + 1));
            number.getStyleClass().add("phrase-number");
            Label word = new Label(words.get(i));
            word.setId("phrase-word-" + (i + 1));
            word.getStyleClass().add("phrase-word");
            HBox chip = new HBox(8, number, word);
            chip.getStyleClass().add("phrase-chip");
            chip.setAlignment(Pos.CENTER_LEFT);
            grid.add(chip, i / ROWS, i % ROWS);
        }
        return grid;
    }

    /** Fields for a fresh random choice of words to type back, in phrase order. */
    Node confirmView(Random random) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            all.add(i);
        }
        Collections.shuffle(all, random);
        List<Integer> positions = all.subList(0, WORDS_TO_CONFIRM).stream().sorted().toList();
        GridPane form = new GridPane();
        form.setHgap(12);
        form.setVgap(10);
        confirmFields.clear();
        for (int i = 0; i < positions.size(); i++) {
            int position = positions.get(i);
            TextField field = new TextField();
            field.setId("confirm-word-" + i);
            field.setUserData(position);
            field.setPromptText("word " + (position + 1));
            field.setPrefColumnCount(18);
            confirmFields.add(field);
            form.addRow(i, new Label("Word " + (position + 1)), field);
        }
        return form;
    }

    void focusFirstField() {
        confirmFields.get(0).requestFocus();
    }

    /** The first typed word that does not match, as a message; empty when all match. */
    Optional<String> mismatch() {
        for (TextField field : confirmFields) {
            int position = (Integer) field.getUserData();
            if (!field.getText().strip().toLowerCase(Locale.ROOT).equals(words.get(position))) {
                return Optional.of("Word " + (position + 1) + " does not match. Look at your paper again (Back shows the words).");
            }
        }
        return Optional.empty();
    }
}
