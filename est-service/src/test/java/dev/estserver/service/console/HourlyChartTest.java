package dev.estserver.service.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.estserver.service.admin.FleetStatistics.HourCount;

class HourlyChartTest {

    private static final Instant START = Instant.parse("2026-12-05T00:00:00Z");

    private static List<HourCount> day(long... issuedThenRefused) {
        List<HourCount> hours = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            long issued = 2 * i < issuedThenRefused.length ? issuedThenRefused[2 * i] : 0;
            long refused = 2 * i + 1 < issuedThenRefused.length ? issuedThenRefused[2 * i + 1] : 0;
            hours.add(new HourCount(START.plus(i, ChronoUnit.HOURS), issued, refused));
        }
        return hours;
    }

    @Test
    void theBusiestHourFillsTheChartAndTheRefusedStackOnTheIssued() {
        HourlyChart chart = HourlyChart.of(day(100, 50, 10, 0));
        HourlyChart.Bar busiest = chart.bars().getFirst();
        assertThat(chart.peak()).isEqualTo(150);
        assertThat(busiest.issuedHeight() + busiest.refusedHeight()).isEqualTo(HourlyChart.HEIGHT - 10);
        assertThat(busiest.issuedY()).isEqualTo(HourlyChart.HEIGHT - busiest.issuedHeight());
        assertThat(busiest.refusedY()).isEqualTo(busiest.issuedY() - busiest.refusedHeight());
        assertThat(busiest.title()).isEqualTo("00:00 UTC: 100 issued, 50 refused");
        assertThat(chart.bars().get(1).issuedHeight()).isEqualTo(10);
    }

    @Test
    void aSingleEnrollmentAmongThousandsStillShowsAndAnEmptyHourShowsNothing() {
        HourlyChart chart = HourlyChart.of(day(5000, 0, 1, 0));
        assertThat(chart.bars().get(1).issuedHeight()).isEqualTo(1);
        assertThat(chart.bars().get(2).issuedHeight()).isZero();
        assertThat(chart.bars()).hasSize(24);
        assertThat(chart.bars().getLast().x() + chart.barWidth()).isLessThanOrEqualTo(HourlyChart.WIDTH);
    }

    @Test
    void anEmptyDayDrawsNoBars() {
        HourlyChart chart = HourlyChart.of(day());
        assertThat(chart.bars()).allSatisfy(bar -> assertThat(bar.issuedHeight() + bar.refusedHeight()).isZero());
    }
}
