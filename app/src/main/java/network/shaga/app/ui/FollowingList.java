package network.shaga.app.ui;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableListBase;

/**
 * A read-only list that follows another observable list with the smallest change it can: an element that stays
 * (the same object, in the same order relative to the others that stay) is never removed and added again. Each
 * change of the source becomes at most two changes here, one that only removes and one that only adds; neither is
 * a replacement.
 *
 * <p>This is what a {@link javafx.scene.control.TableView} with many rows needs. The table's skin treats any
 * replacement in its items (which {@code setAll} on the source, or a re-sorted {@code SortedList}, produce) as "all
 * rows changed": it empties every visible row and fills it again, and each row flips its {@code :empty},
 * {@code :filled}, {@code :odd} and {@code :even} states twice, so CSS restyles every cell of the table (up to
 * 100 ms on the FX thread for a screenful of host rows). Fed with pure removals and additions, the table keeps its
 * rows and only re-reads the ones whose item changed.
 *
 * <p>Elements are compared by identity and must be distinct. FX thread only, like the source.
 */
public final class FollowingList<E> extends ObservableListBase<E> {
    private final ObservableList<? extends E> source;
    private final List<E> shown = new ArrayList<>();

    public FollowingList(ObservableList<? extends E> source) {
        this.source = Objects.requireNonNull(source);
        shown.addAll(source);
        source.addListener((ListChangeListener<E>) change -> follow());
    }

    @Override
    public E get(int index) {
        return shown.get(index);
    }

    @Override
    public int size() {
        return shown.size();
    }

    private void follow() {
        List<E> target = List.copyOf(source);
        Map<E, Integer> targetIndex = new IdentityHashMap<>(target.size() * 2);
        for (int i = 0; i < target.size(); i++) {
            targetIndex.put(target.get(i), i);
        }
        boolean[] stays = stayingInOrder(targetIndex);

        beginChange();
        try {
            int at = 0;
            for (int i = 0; i < stays.length; i++) {
                if (stays[i]) {
                    at++;
                } else {
                    nextRemove(at, shown.remove(at));
                }
            }
        } finally {
            endChange();
        }

        // What is left is a subsequence of the target in the target's order: insert the rest where they belong. Before
        // each step the first j shown elements are the target's first j.
        beginChange();
        try {
            for (int j = 0; j < target.size(); j++) {
                E element = target.get(j);
                if (j == shown.size() || shown.get(j) != element) {
                    shown.add(j, element);
                    nextAdd(j, j + 1);
                }
            }
        } finally {
            endChange();
        }
    }

    /**
     * Which shown elements can stay: those still in the target, and of those the longest run whose order agrees with
     * the target's (the others moved relative to it and are removed and added again at their new place).
     */
    private boolean[] stayingInOrder(Map<E, Integer> targetIndex) {
        int n = shown.size();
        int[] newIndex = new int[n];
        for (int i = 0; i < n; i++) {
            Integer to = targetIndex.get(shown.get(i));
            newIndex[i] = to == null ? -1 : to;
        }
        // Longest increasing subsequence of the new indices (patience sorting), skipping elements that go away.
        int[] tailIndex = new int[n];
        int[] previous = new int[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            if (newIndex[i] < 0) {
                continue;
            }
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (newIndex[tailIndex[mid]] < newIndex[i]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[i] = lo > 0 ? tailIndex[lo - 1] : -1;
            tailIndex[lo] = i;
            if (lo == length) {
                length++;
            }
        }
        boolean[] stays = new boolean[n];
        for (int i = length == 0 ? -1 : tailIndex[length - 1]; i >= 0; i = previous[i]) {
            stays[i] = true;
        }
        return stays;
    }
}
