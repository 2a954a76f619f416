package dev.estserver.service.console;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import dev.estserver.service.admin.FleetStatistics.HourCount;

/**
 * The overview's chart of the last 24 hours as SVG geometry the template draws: per hour a bar of certificates issued
 * with the requests refused stacked on it. Drawn on the server, so that the page needs no script.
 */
public record HourlyChart(List<Bar> bars, long peak) {

    static final int WIDTH = 480;
    static final int HEIGHT = 160;
    private static final int BAR = 16;
    private static final int GAP = WIDTH / 24 - BAR;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    /**
     * @param label the hour's start, UTC
     * @param title what a pointer or screen reader gets: the hour and both counts
     */
    public record Bar(int x, int issuedY, int issuedHeight, int refusedY, int refusedHeight, String label,
            String title, long issued, long refused) {
    }

    static HourlyChart of(List<HourCount> hours) {
        long peak = Math.max(1, hours.stream().mapToLong(h -> h.count() + h.refused()).max().orElse(0));
        List<Bar> bars = new ArrayList<>(hours.size());
        for (int i = 0; i < hours.size(); i++) {
            HourCount hour = hours.get(i);
            int issued = scaled(hour.count(), peak);
            int refused = scaled(hour.refused(), peak);
            String label = HOUR.format(hour.hour());
            bars.add(new Bar(i * (BAR + GAP) + GAP / 2, HEIGHT - issued, issued, HEIGHT - issued - refused, refused,
                    label, label + " UTC: " + hour.count() + " issued, " + hour.refused() + " refused",
                    hour.count(), hour.refused()));
        }
        return new HourlyChart(bars, peak);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int barWidth() {
        return BAR;
    }

    /** Bars of at least one pixel for any count above zero, so that a quiet hour is not shown as none. */
    private static int scaled(long count, long peak) {
        return count == 0 ? 0 : (int) Math.max(1, Math.round((double) count * (HEIGHT - 10) / peak));
    }
}
