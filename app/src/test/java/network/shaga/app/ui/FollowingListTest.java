package network.shaga.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import org.junit.jupiter.api.Test;

class FollowingListTest {

    /** A row: distinct objects even when their values are equal, as the table's rows are. */
    private static final class Row {
        final int value;

        Row(int value) {
            this.value = value;
        }

        @Override
        public String toString() {
            return "row " + value;
        }
    }

    /**
     * A list following {@code source}, and every change it fired: (removed, added) counts per part, and whether any
     * part was a replacement.
     */
    private static final class Changes implements ListChangeListener<Row> {
        final FollowingList<Row> list;
        final List<String> parts = new ArrayList<>();
        boolean replaced;

        Changes(ObservableList<Row> source) {
            list = new FollowingList<>(source);
            list.addListener(this);
        }

        @Override
        public void onChanged(Change<? extends Row> change) {
            while (change.next()) {
                replaced |= change.wasReplaced() || change.wasPermutated() || change.wasUpdated();
                parts.add("-" + change.getRemovedSize() + "+" + change.getAddedSize());
            }
        }
    }

    @Test
    void aBatchThatAddsRowsAmongKeptOnesOnlyAddsThem() {
        List<Row> rows = rows(0, 10, 20, 30);
        ObservableList<Row> source = FXCollections.observableArrayList(rows);
        Changes changes = new Changes(source);
        FollowingList<Row> list = changes.list;

        Row five = new Row(5);
        Row twentyFive = new Row(25);
        source.setAll(rows.get(0), five, rows.get(1), rows.get(2), twentyFive, rows.get(3));

        assertThat(list).containsExactlyElementsOf(source);
        assertThat(changes.replaced).isFalse();
        assertThat(changes.parts).containsExactly("-0+1", "-0+1");
    }

    @Test
    void aRowReplacedByANewerOneIsRemovedAndAddedInTwoChangesNeverReplaced() {
        List<Row> rows = rows(0, 10, 20);
        ObservableList<Row> source = FXCollections.observableArrayList(rows);
        Changes changes = new Changes(source);
        FollowingList<Row> list = changes.list;

        source.set(1, new Row(11));

        assertThat(list).containsExactlyElementsOf(source);
        assertThat(changes.replaced).isFalse();
        assertThat(changes.parts).containsExactly("-1+0", "-0+1");
    }

    @Test
    void aSearchThatFindsTheSameRowsAgainChangesNothing() {
        List<Row> rows = rows(1, 2, 3);
        ObservableList<Row> source = FXCollections.observableArrayList(rows);
        Changes changes = new Changes(source);
        FollowingList<Row> list = changes.list;

        source.setAll(new ArrayList<>(rows));

        assertThat(changes.parts).isEmpty();
        assertThat(list).containsExactlyElementsOf(rows);
    }

    @Test
    void aRowThatMovesIsTheOnlyOneRemovedAndAddedAgain() {
        List<Row> rows = rows(1, 2, 3, 4, 5);
        ObservableList<Row> source = FXCollections.observableArrayList(rows);
        Changes changes = new Changes(source);
        FollowingList<Row> list = changes.list;

        source.setAll(rows.get(0), rows.get(1), rows.get(3), rows.get(4), rows.get(2));

        assertThat(list).containsExactlyElementsOf(source);
        assertThat(changes.parts).containsExactly("-1+0", "-0+1");
    }

    @Test
    void followsASortedFilteredViewThroughRandomBatchesWithoutEverReplacing() {
        Random random = new Random(7);
        ObservableList<Row> hosts = FXCollections.observableArrayList();
        SortedList<Row> sorted = new SortedList<>(hosts.filtered(row -> row.value % 7 != 0), Comparator.comparingInt(row -> row.value));
        Changes changes = new Changes(sorted);
        FollowingList<Row> list = changes.list;
        for (int batch = 0; batch < 300; batch++) {
            List<Row> next = new ArrayList<>();
            for (Row row : hosts) {
                int fate = random.nextInt(10);
                if (fate == 0) {
                    continue; // gone
                }
                next.add(fate == 1 ? new Row(random.nextInt(1000)) : row); // a newer listing, or kept as it is
            }
            for (int added = random.nextInt(20); added > 0; added--) {
                next.add(random.nextInt(next.size() + 1), new Row(random.nextInt(1000)));
            }
            if (batch % 50 == 49) {
                sorted.setComparator(batch % 100 == 49 ? Comparator.comparingInt((Row row) -> -row.value) : Comparator.comparingInt(row -> row.value));
            }
            hosts.setAll(next);
            assertThat(list).as("batch %d", batch).containsExactlyElementsOf(sorted);
        }
        assertThat(changes.replaced).isFalse();
    }

    private static List<Row> rows(int... values) {
        List<Row> out = new ArrayList<>();
        for (int value : values) {
            out.add(new Row(value));
        }
        return out;
    }
}
