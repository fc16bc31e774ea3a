package network.shaga.app.ui.play;

import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import network.shaga.app.directory.HostStatus;
import network.shaga.app.stream.VideoCodec;
import network.shaga.app.ui.FollowingList;
import network.shaga.app.ui.Formats;
import network.shaga.app.ui.LongTexts;
import network.shaga.app.ui.map.WorldMap;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.RangeSlider;
import org.controlsfx.control.ToggleSwitch;

/** The Play screen's layout: the map beside the host list with its filters, and the selected host's details. */
final class PlayView {
    final BorderPane root = new BorderPane();
    final TableView<HostRow> table = new TableView<>();
    final Button rent = new Button("Rent");
    final Button refresh = new Button("Refresh");
    final VBox details = new VBox(6);
    private final DetailsPanel detailsPanel = new DetailsPanel(rent);
    private static final int MAX_PRICE_TEXTS = 4096;

    /** How each column sorts, straight from the row (see the sort policy). */
    private final java.util.Map<TableColumn<HostRow, ?>, Comparator<HostRow>> sortKeys = new java.util.HashMap<>();
    /** The sort order and directions the list was last sorted by. */
    private java.util.List<Object> sortedBy = java.util.List.of();

    PlayView(PlayModel model, WorldMap map) {
        root.setId("screen-play");
        root.getStyleClass().add("play");
        SortedList<HostRow> sorted = new SortedList<>(model.visible);
        // Every batch of hosts replaces the model's rows in one change; the table is given only what differs.
        table.setItems(new FollowingList<>(sorted));
        // The table's own comparator reads every value through the column's cell value factory, a new
        // property per comparison (some 20 000 for a thousand hosts, on the FX thread): the list is
        // sorted on the rows' values instead, in the order and directions the column headers show.
        table.setSortPolicy(t -> {
            java.util.List<Object> order = new java.util.ArrayList<>();
            for (TableColumn<HostRow, ?> column : t.getSortOrder()) {
                order.add(column);
                order.add(column.getSortType());
            }
            if (!order.equals(sortedBy)) {
                sortedBy = order;
                sorted.setComparator(rowComparator(t));
            }
            return true;
        });
        table.setId("host-table");
        table.setPlaceholder(new Label("No hosts match: widen the filters or zoom out the map."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        addColumns();
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null && !model.updatingRows) {
                model.selected.set(row);
            }
        });
        // Rows move when their ping or status changes: keep the table's highlight on the player's choice.
        sorted.addListener((javafx.collections.ListChangeListener<HostRow>) change -> {
            HostRow chosen = model.selected.get();
            if (chosen != null && table.getSelectionModel().getSelectedItem() != chosen) {
                javafx.application.Platform.runLater(() -> {
                    if (model.selected.get() == chosen) {
                        table.getSelectionModel().select(chosen);
                    }
                });
            }
        });
        model.selected.addListener((obs, old, row) -> {
            if (row != null && table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
            }
            showDetails(row);
        });
        details.getStyleClass().setAll("details");
        details.getChildren().setAll(detailsPanel.hint, detailsPanel.head, detailsPanel.facts);
        showDetails(null);

        VBox listSide = new VBox(10, filters(model), searchBar(model), table, details);
        listSide.setPadding(new Insets(12));
        VBox.setVgrow(table, Priority.ALWAYS);
        listSide.getStyleClass().add("side-panel");
        SplitPane split = new SplitPane(map.view(), listSide);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.44);
        root.setCenter(split);
        rent.setId("rent-button");
        rent.getStyleClass().add("accent");
        rent.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.selected.get() == null || model.selected.get().status() != HostStatus.AVAILABLE, model.selected));
    }

    private Node searchBar(PlayModel model) {
        Label status = new Label();
        status.setId("search-status");
        status.textProperty().bind(model.searchStatus);
        status.getStyleClass().add("muted");
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(model.searching);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        refresh.setId("refresh-button");
        HBox bar = new HBox(8, spinner, status, spacer, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Node filters(PlayModel model) {
        RangeSlider price = new RangeSlider(0, PlayModel.MAX_PRICE_USDC, model.minPrice.get(), model.maxPrice.get());
        price.setId("price-filter");
        price.setShowTickMarks(false);
        price.lowValueProperty().bindBidirectional(model.minPrice);
        price.highValueProperty().bindBidirectional(model.maxPrice);
        Label priceText = new Label();
        priceText.textProperty().bind(Bindings.createStringBinding(() -> String.format("%.2f – %s USDC/h", model.minPrice.get(),
                model.maxPrice.get() >= PlayModel.MAX_PRICE_USDC ? "any" : String.format("%.2f", model.maxPrice.get())),
                model.minPrice, model.maxPrice));

        Slider ping = new Slider(10, PlayModel.MAX_PING_MS, model.maxPing.get());
        ping.setId("ping-filter");
        ping.valueProperty().bindBidirectional(model.maxPing);
        Label pingText = new Label();
        pingText.textProperty().bind(Bindings.createStringBinding(() -> model.maxPing.get() >= PlayModel.MAX_PING_MS ? "any ping"
                : String.format("≤ %.0f ms", model.maxPing.get()), model.maxPing));

        TextField gpu = new TextField();
        gpu.setId("gpu-filter");
        gpu.setPromptText("GPU, e.g. 4090");
        gpu.textProperty().bindBidirectional(model.gpuFilter);

        CheckComboBox<VideoCodec> codecs = new CheckComboBox<>();
        codecs.setId("codec-filter");
        codecs.getItems().setAll(VideoCodec.values());
        codecs.setTitle("Codecs");
        codecs.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(VideoCodec codec) {
                return codec == null ? "" : codec.shortName();
            }

            @Override
            public VideoCodec fromString(String text) {
                return VideoCodec.fromShortName(text);
            }
        });
        codecs.getCheckModel().getCheckedItems().addListener((javafx.collections.ListChangeListener<VideoCodec>) change -> {
            model.requiredCodecs.retainAll(codecs.getCheckModel().getCheckedItems());
            model.requiredCodecs.addAll(codecs.getCheckModel().getCheckedItems());
        });

        ToggleSwitch available = new ToggleSwitch("Available only");
        available.setId("available-filter");
        available.selectedProperty().bindBidirectional(model.availableOnly);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        grid.addRow(0, new Label("Price"), price, priceText);
        grid.addRow(1, new Label("Ping"), ping, pingText);
        grid.addRow(2, new Label("GPU"), gpu, codecs);
        grid.add(available, 1, 3, 2, 1);
        GridPane.setHgrow(price, Priority.ALWAYS);
        GridPane.setHgrow(ping, Priority.ALWAYS);
        grid.getStyleClass().add("filters");
        return grid;
    }

    private void addColumns() {
        TableColumn<HostRow, HostStatus> status = column("", HostRow::status, 34);
        status.setCellFactory(col -> new StatusCell());
        status.setSortable(true);
        TableColumn<HostRow, Double> ping = column("Ping", HostRow::pingMs, 70);
        ping.setCellFactory(col -> formatted(Formats::ping));
        TableColumn<HostRow, Long> price = column("USDC/h", HostRow::priceMicro, 80);
        LongTexts prices = new LongTexts(MAX_PRICE_TEXTS, micro -> String.format("%.2f", micro / 1e6));
        price.setCellFactory(col -> formatted(prices::of));
        table.getColumns().setAll(java.util.List.of(status, column("Name", HostRow::name, 150), column("Region", HostRow::region, 95),
                ping, column("GPU", HostRow::gpuShort, 110), column("CPU · RAM", HostRow::cpuRamShort, 150), column("Codecs", HostRow::codecs, 120),
                column("Max", HostRow::maxMode, 105), price));
        table.getSortOrder().add(ping);
    }

    /**
     * The status dot of a row. The cell keeps its dot and restyles it only when the status differs: a new node per
     * update had to be styled from scratch, and with a thousand hosts arriving that CSS showed up in the FX stalls.
     */
    private static final class StatusCell extends TableCell<HostRow, HostStatus> {
        private final Circle dot = new Circle(5);
        private HostStatus shown;

        StatusCell() {
            dot.getStyleClass().add("status-dot");
        }

        @Override
        protected void updateItem(HostStatus item, boolean empty) {
            super.updateItem(item, empty);
            setText(null);
            if (empty || item == null) {
                setGraphic(null);
                return;
            }
            if (item != shown) {
                dot.getStyleClass().setAll("status-dot", "status-" + item.wire());
                shown = item;
            }
            setGraphic(dot);
        }
    }

    private static <T> TableCell<HostRow, T> formatted(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
    }

    /**
     * Makes and styles the table's rows before any host has arrived: the table shows one blank row for a layout pass,
     * which fills its height with rows, and is given its own list back. Call it once the view is laid out in its
     * window's scene and before the window is shown: the first hosts then only fill rows that exist. Made when the first
     * hosts arrive, a screenful of rows (the blank ones that fill the table included) held the FX thread ≈ 120 ms just
     * after the window opened.
     */
    void prepareRows() {
        ObservableList<HostRow> rows = table.getItems();
        if (!rows.isEmpty() || table.getScene() == null || table.getHeight() <= 0) {
            return;
        }
        table.setItems(FXCollections.observableArrayList(Collections.singletonList((HostRow) null)));
        table.applyCss();
        table.layout();
        table.setItems(rows);
    }

    /** The comparator of the table's sort order, on the rows' values; null when unsorted. */
    private Comparator<HostRow> rowComparator(TableView<HostRow> t) {
        Comparator<HostRow> out = null;
        for (TableColumn<HostRow, ?> column : t.getSortOrder()) {
            Comparator<HostRow> one = sortKeys.get(column);
            if (one == null) {
                continue;
            }
            if (column.getSortType() == TableColumn.SortType.DESCENDING) {
                one = one.reversed();
            }
            out = out == null ? one : out.thenComparing(one);
        }
        return out;
    }

    private <T extends Comparable<T>> TableColumn<HostRow, T> column(String title, Function<HostRow, T> value, double width) {
        TableColumn<HostRow, T> column = new TableColumn<>(title);
        sortKeys.put(column, Comparator.comparing(value, Comparator.nullsLast(Comparator.naturalOrder())));
        // A null row is the blank one prepareRows shows while the table makes its rows.
        column.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue() == null ? null : value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        return column;
    }

    /**
     * Shows the chosen host's details, or a hint when there is none. The panel's nodes are made once and only their
     * texts change: rebuilt on every click, its 17 labels were styled and laid out from scratch each time.
     */
    private void showDetails(HostRow row) {
        detailsPanel.show(row);
    }

    /** The nodes of the details panel: a hint, or the host's name, status, Rent button and facts. */
    private static final class DetailsPanel {
        private static final String[] KEYS = {"GPU", "CPU · RAM", "Codecs · max", "Price", "Ping", "Host address", "Directory"};

        final Label hint = new Label("Pick a host on the map or in the list.");
        final Label name = new Label();
        final Label status = new Label();
        final HBox head;
        final GridPane facts = new GridPane();
        private final Label[] values = new Label[KEYS.length];

        DetailsPanel(Button rent) {
            hint.getStyleClass().add("muted");
            name.setId("details-name");
            name.getStyleClass().add("details-title");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            head = new HBox(10, name, status, spacer, rent);
            head.setAlignment(Pos.CENTER_LEFT);
            facts.setHgap(14);
            facts.setVgap(3);
            for (int i = 0; i < KEYS.length; i++) {
                Label key = new Label(KEYS[i]);
                key.getStyleClass().add("muted");
                values[i] = new Label();
                facts.addRow(i, key, values[i]);
            }
        }

        void show(HostRow row) {
            boolean chosen = row != null;
            hint.setVisible(!chosen);
            hint.setManaged(!chosen);
            for (Node part : new Node[] {head, facts}) {
                part.setVisible(chosen);
                part.setManaged(chosen);
            }
            if (!chosen) {
                return;
            }
            name.setText(row.name());
            status.setText(row.status().wire());
            List<String> pill = List.of("label", "pill", "status-" + row.status().wire());
            if (!status.getStyleClass().equals(pill)) {
                status.getStyleClass().setAll(pill);
            }
            String[] texts = {row.gpu(), row.cpuRam(), row.codecs() + " · " + row.maxMode(), Formats.usdc(row.priceMicro()) + " per hour",
                Formats.ping(row.pingMs()) + " (measured just now from this computer)", row.listing().address(),
                "record seq " + row.listing().signed().seq() + ", stored on " + row.listing().replicas() + " nodes, "
                    + row.listing().ageSeconds() + " s old"};
            for (int i = 0; i < texts.length; i++) {
                values[i].setText(texts[i]);
            }
        }
    }
}
