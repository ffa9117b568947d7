package dev.strand.jmh.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.RenderingHints;
import java.awt.TexturePaint;
import java.awt.image.BufferedImage;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the ratio chart with JFreeChart: one horizontal bar per comparison, growing from 1.0
 * (parity) on a log axis, coloured by the target's verdict, with the propagated error as
 * whiskers and the design's target as a tick. Every bar reads "Strand is N× as fast as the peer":
 * right of the 1.0 line Strand is faster, left of it slower.
 *
 * <p>Two panels, one above the other, each with its own axis: speed ratios (throughput or time
 * per operation) and overhead ratios (the peer's cost over a bare call divided by Strand's),
 * which run to hundreds and would flatten the first panel. An inconclusive bar
 * ({@link Outcome#inconclusive()}) is hatched instead of filled.
 */
final class RatioChart {

    static final int WIDTH = 1400;
    private static final int ROW_HEIGHT = 26;
    private static final double BAR_HALF_WIDTH = 0.36;

    private RatioChart() {
    }

    /** Pixel height for {@code rows} bars. */
    static int height(int rows) {
        return 190 + ROW_HEIGHT * Math.max(rows, 1);
    }

    /** Pixel height of the whole image: one panel per non-empty group of rows. */
    static int height(List<Outcome> speed, List<Outcome> overhead) {
        return (speed.isEmpty() ? 0 : height(speed.size())) + (overhead.isEmpty() ? 0 : height(overhead.size()));
    }

    /**
     * Writes the chart of {@code outcomes} (those with a finite, positive ratio) to {@code png}.
     *
     * @throws IllegalArgumentException if no outcome has a finite, positive ratio
     * @throws IOException if the file cannot be written
     */
    static void write(List<Outcome> outcomes, String subtitle, Path png) throws IOException {
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(png, "png");
        List<Outcome> rows = outcomes.stream().filter(RatioChart::drawable).toList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("outcomes: none with a finite, positive ratio to draw");
        }
        List<Outcome> speed = rows.stream().filter(o -> !o.overhead()).toList();
        List<Outcome> overhead = rows.stream().filter(Outcome::overhead).toList();
        BufferedImage image = new BufferedImage(WIDTH, height(speed, overhead), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int y = 0;
            if (!speed.isEmpty()) {
                chart(speed, "Speed: Strand's throughput or time ratio to each peer (> 1: Strand is faster)",
                        "Strand's speed ratio: N× as fast as the peer (log scale; > 1 = Strand faster)", subtitle)
                        .draw(g, new Rectangle2D.Double(0, y, WIDTH, height(speed.size())));
                y += height(speed.size());
            }
            if (!overhead.isEmpty()) {
                chart(overhead, "Overhead: the peer's added cost over a bare call / Strand's (> 1: Strand adds less)",
                        "overhead ratio: the peer adds N× as much as Strand (log scale)", subtitle)
                        .draw(g, new Rectangle2D.Double(0, y, WIDTH, height(overhead.size())));
            }
        } finally {
            g.dispose();
        }
        Path dir = png.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        ImageIO.write(image, "png", png.toFile());
    }

    static boolean drawable(Outcome o) {
        return Double.isFinite(o.ratio()) && o.ratio() > 0;
    }

    private static JFreeChart chart(List<Outcome> rows, String title, String axisLabel, String subtitle) {
        double low = 0.5;
        double high = 2.0;
        for (Outcome o : rows) {
            low = Math.min(low, o.ratio());
            high = Math.max(high, o.ratio());
            if (Double.isFinite(o.comparison().target())) {
                high = Math.max(high, o.comparison().target());
            }
        }
        // The axis spans the bars and targets with room for whiskers; longer whiskers (errors
        // larger than the ratio are common on a loaded machine) are clipped at its edges.
        double axisLow = 0.8 * Math.pow(10, Math.floor(Math.log10(low / 2)));
        double axisHigh = 1.25 * Math.pow(10, Math.ceil(Math.log10(high * 2)));

        String[] names = {"target met", "target within error", "target missed", "no target (reference)"};
        Color[] colours = {new Color(0x2e7d32), new Color(0xf9a825), new Color(0xc62828), new Color(0x78909c)};
        XYIntervalSeries[] series = new XYIntervalSeries[names.length];
        for (int i = 0; i < names.length; i++) {
            series[i] = new XYIntervalSeries(names[i]);
        }
        XYSeries targets = new XYSeries("target");
        String[] labels = new String[rows.size()];
        List<Set<Integer>> hatched = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            hatched.add(new HashSet<>());
        }
        for (int i = 0; i < rows.size(); i++) {
            Outcome o = rows.get(i);
            labels[i] = o.comparison().label() + (o.inconclusive() ? " (inconclusive)" : "");
            double r = o.ratio();
            double e = o.error();
            // A whisker below zero cannot be drawn on a log axis: it is clipped at the axis edge.
            // Without an error (NaN) the whisker's ends are NaN and nothing is drawn.
            double yLow = Double.isNaN(e) ? Double.NaN : Math.max(r - e, axisLow);
            double yHigh = Double.isNaN(e) ? Double.NaN : Math.min(r + e, axisHigh);
            int si = seriesOf(o.verdict());
            if (o.inconclusive()) {
                hatched.get(si).add(series[si].getItemCount());
            }
            series[si].add(i, i - BAR_HALF_WIDTH, i + BAR_HALF_WIDTH, r, yLow, yHigh);
            if (Double.isFinite(o.comparison().target())) {
                targets.add(i, o.comparison().target());
            }
        }
        XYIntervalSeriesCollection bars = new XYIntervalSeriesCollection();
        for (XYIntervalSeries s : series) {
            bars.addSeries(s);
        }

        SymbolAxis domain = new SymbolAxis(null, labels);
        domain.setInverted(true);
        domain.setGridBandsVisible(false);
        domain.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        // An empty band above the first bar holds the 1.0 line's label.
        domain.setRange(-1.4, rows.size() - 0.5);

        LogAxis range = new LogAxis(axisLabel);
        range.setAutoTickUnitSelection(false);
        // One major tick per decade (the unit is an exponent), labelled as a plain number.
        range.setTickUnit(new NumberTickUnit(1.0, new DecimalFormat("0"), 9), false, false);
        range.setNumberFormatOverride(new DecimalFormat("0.####"));
        range.setMinorTickMarksVisible(true);
        range.setRange(axisLow, axisHigh);
        range.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        range.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));

        Paint[] hatches = new Paint[colours.length];
        for (int i = 0; i < colours.length; i++) {
            hatches[i] = hatch(colours[i]);
        }
        XYBarRenderer barRenderer = new XYBarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return hatched.get(row).contains(column) ? hatches[row] : super.getItemPaint(row, column);
            }
        };
        barRenderer.setBase(1.0);
        barRenderer.setUseYInterval(false);
        barRenderer.setBarPainter(new StandardXYBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setDrawBarOutline(false);
        for (int i = 0; i < colours.length; i++) {
            barRenderer.setSeriesPaint(i, colours[i]);
        }

        XYErrorRenderer whiskers = new XYErrorRenderer();
        whiskers.setDrawXError(false);
        whiskers.setDrawYError(true);
        whiskers.setDefaultLinesVisible(false);
        whiskers.setDefaultShapesVisible(false);
        whiskers.setDefaultSeriesVisibleInLegend(false);
        whiskers.setErrorPaint(Color.BLACK);
        whiskers.setErrorStroke(new BasicStroke(1.5f));
        whiskers.setCapLength(8);

        XYLineAndShapeRenderer targetRenderer = new XYLineAndShapeRenderer(false, true);
        targetRenderer.setSeriesPaint(0, new Color(0x1a237e));
        // Bars are horizontal, so the target tick is a short vertical bar across the bar's end.
        targetRenderer.setSeriesShape(0, new Rectangle2D.Double(-1.5, -11, 3, 22));

        XYPlot plot = new XYPlot(bars, domain, range, barRenderer);
        plot.setDataset(1, bars);
        plot.setRenderer(1, whiskers);
        plot.setDataset(2, new XYSeriesCollection(targets));
        plot.setRenderer(2, targetRenderer);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xbdbdbd));
        plot.setDomainGridlinesVisible(false);

        ValueMarker parity = new ValueMarker(1.0, Color.BLACK, new BasicStroke(2.0f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        parity.setLabel(rows.get(0).overhead() ? "1.0 = adds as much as the peer" : "1.0 = as fast as the peer");
        parity.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        parity.setLabelBackgroundColor(new Color(255, 255, 255, 220));
        parity.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        parity.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addRangeMarker(parity);

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        // The whisker renderer repeats the bars' series: one legend entry per label, empty series left out.
        LegendItemCollection legend = new LegendItemCollection();
        Set<String> seen = new HashSet<>();
        for (Iterator<?> it = plot.getLegendItems().iterator(); it.hasNext(); ) {
            LegendItem item = (LegendItem) it.next();
            boolean empty = item.getDataset() == bars && bars.getSeries(item.getSeriesIndex()).getItemCount() == 0;
            if (!empty && seen.add(item.getLabel())) {
                legend.add(item);
            }
        }
        plot.setFixedLegendItems(legend);
        chart.addSubtitle(new TextTitle("Bars start at 1.0; whiskers: JMH 99.9% error, propagated (clipped at the"
                + " axis edges); blue tick: target; hatched: inconclusive (error ≥ half the ratio, or a score still drifting). " + subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        return chart;
    }

    /** Diagonal stripes of {@code colour} on white: the fill of an inconclusive bar. */
    private static Paint hatch(Color colour) {
        BufferedImage tile = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = tile.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 8, 8);
            g.setColor(colour);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(0, 8, 8, 0);
            g.drawLine(-4, 4, 4, -4);
            g.drawLine(4, 12, 12, 4);
        } finally {
            g.dispose();
        }
        return new TexturePaint(tile, new Rectangle2D.Double(0, 0, 8, 8));
    }

    private static int seriesOf(Outcome.Verdict v) {
        return switch (v) {
            case MET -> 0;
            case MET_WITHIN_ERROR, MISSED_WITHIN_ERROR -> 1;
            case MISSED -> 2;
            case NO_TARGET -> 3;
        };
    }
}
