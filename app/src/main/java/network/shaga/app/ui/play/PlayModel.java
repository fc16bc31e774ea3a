package network.shaga.app.ui.play;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.transformation.FilteredList;
import network.shaga.app.directory.HostListing;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.stream.VideoCodec;

/** The Play screen's state: the hosts found, the filters, the selection, the search status. Properties only. */
public final class PlayModel {
    public static final double MAX_PRICE_USDC = 5.0;
    public static final double MAX_PING_MS = 300;

    final ObservableList<HostRow> hosts = FXCollections.observableArrayList();
    final FilteredList<HostRow> visible = new FilteredList<>(hosts, row -> true);
    final DoubleProperty minPrice = new SimpleDoubleProperty(0);
    final DoubleProperty maxPrice = new SimpleDoubleProperty(MAX_PRICE_USDC);
    final DoubleProperty maxPing = new SimpleDoubleProperty(MAX_PING_MS);
    final StringProperty gpuFilter = new SimpleStringProperty("");
    final ObservableSet<VideoCodec> requiredCodecs = FXCollections.observableSet();
    final BooleanProperty availableOnly = new SimpleBooleanProperty(false);
    final ObjectProperty<HostRow> selected = new SimpleObjectProperty<>();
    final StringProperty searchStatus = new SimpleStringProperty("Searching the directory…");
    final BooleanProperty searching = new SimpleBooleanProperty(true);
    /** True while rows are replaced: the table's selection moves with them then, and must not move the player's choice. */
    boolean updatingRows;

    PlayModel() {
        minPrice.addListener(o -> refilter());
        maxPrice.addListener(o -> refilter());
        maxPing.addListener(o -> refilter());
        gpuFilter.addListener(o -> refilter());
        availableOnly.addListener(o -> refilter());
        requiredCodecs.addListener((javafx.collections.SetChangeListener<VideoCodec>) change -> refilter());
    }

    /** Adds a host, or replaces its row when a newer listing arrives. */
    void upsert(HostListing listing) {
        upsertAll(List.of(listing));
    }

    /**
     * Adds hosts, or replaces their rows when a newer listing arrives, in one change of the list (so the table, the
     * filters and the map update once per batch, not once per host).
     */
    void upsertAll(List<HostListing> listings) {
        List<HostRow> rows = new ArrayList<>(hosts);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            index.put(rows.get(i).key(), i);
        }
        HostRow chosen = selected.get();
        HostRow chosenNow = null;
        boolean changed = false;
        for (HostListing listing : listings) {
            HostRow row = new HostRow(listing);
            Integer at = index.get(row.key());
            if (at == null) {
                index.put(row.key(), rows.size());
                rows.add(row);
                changed = true;
                continue;
            }
            HostRow old = rows.get(at);
            long oldSeq = old.listing().signed().seq();
            long seq = listing.signed().seq();
            boolean isChosen = chosen != null && chosen.key().equals(row.key());
            // A search finds every host again: a row whose list columns would read the same is kept, so a
            // repeated search does not re-lay out a thousand table cells (the chosen one is refreshed for
            // its details).
            if (seq > oldSeq || (seq == oldSeq && (isChosen || !old.readsLike(row)))) {
                rows.set(at, row);
                changed = true;
                if (isChosen) {
                    chosenNow = row;
                }
            }
        }
        if (!changed) {
            return;
        }
        updatingRows = true;
        try {
            hosts.setAll(rows);
            if (chosenNow != null) {
                selected.set(chosenNow);
            }
        } finally {
            updatingRows = false;
        }
    }

    /** Drops hosts that the last search no longer found (they went away). */
    void retainOnly(Set<String> keys) {
        Set<String> keep = new HashSet<>(keys);
        List<HostRow> kept = hosts.stream().filter(row -> keep.contains(row.key())).toList();
        if (kept.size() < hosts.size()) {
            updatingRows = true;
            try {
                // One change for all of them: removeIf would fire one per row, and each re-sorts the table and redraws the map.
                hosts.setAll(kept);
            } finally {
                updatingRows = false;
            }
        }
        if (selected.get() != null && !keep.contains(selected.get().key())) {
            selected.set(null);
        }
    }

    private void refilter() {
        visible.setPredicate(predicate());
    }

    Predicate<HostRow> predicate() {
        double min = minPrice.get() * 1e6;
        double max = maxPrice.get() >= MAX_PRICE_USDC ? Double.MAX_VALUE : maxPrice.get() * 1e6;
        double ping = maxPing.get() >= MAX_PING_MS ? Double.MAX_VALUE : maxPing.get();
        String gpu = gpuFilter.get() == null ? "" : gpuFilter.get().trim().toLowerCase(java.util.Locale.ROOT);
        Set<VideoCodec> codecs = Set.copyOf(requiredCodecs);
        boolean onlyAvailable = availableOnly.get();
        return row -> row.priceMicro() >= min && row.priceMicro() <= max
                && (row.pingMs() < 0 || row.pingMs() <= ping)
                && (gpu.isEmpty() || row.gpu().toLowerCase(java.util.Locale.ROOT).contains(gpu))
                && row.record().codecs().containsAll(codecs)
                && (!onlyAvailable || row.status() == HostStatus.AVAILABLE);
    }
}
